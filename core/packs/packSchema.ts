import { z } from 'zod';

/**
 * Job pack format, version 2 (version 1 is upgraded by upgradePackV1 for stored snapshots). One JSON file per opening in resources/packs/.
 * Documented in resources/packs/README.md; this schema is the single source of truth.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

export const LocalText = z.strictObject({
  'zh-CN': z.string().trim().min(1, 'Chinese (zh-CN) text is empty'),
  en: z.string().trim().min(1, 'English (en) text is empty'),
});
export type LocalText = z.infer<typeof LocalText>;

const LocalPhrases = z.strictObject({
  'zh-CN': z.array(z.string().trim().min(1)).min(1, 'give at least one Chinese phrase'),
  en: z.array(z.string().trim().min(1)).min(1, 'give at least one English phrase'),
});

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'use lowercase letters, digits and dashes');

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const SLOTS = ['morning', 'afternoon', 'evening', 'night'] as const;
export type Day = (typeof DAYS)[number];
export type Slot = (typeof SLOTS)[number];
export const AvailabilityCell = z.templateLiteral([z.enum(DAYS), '-', z.enum(SLOTS)]);
export type AvailabilityCell = z.infer<typeof AvailabilityCell>;

export const Competency = z.strictObject({
  id: Id,
  name: LocalText,
  /** Behaviourally anchored descriptions for levels 1..5 (index 0 = level 1). */
  levels: z.array(LocalText).length(5, 'give exactly five level descriptions (1 to 5)'),
});
export type Competency = z.infer<typeof Competency>;

/** The kinds of question; the applicant's tips follow the kind (see QUESTION_TIP_KIND). */
export const QUESTION_KINDS = ['behavioural', 'situational', 'motivation', 'practical'] as const;

/**
 * A behavioural indicator (format 2): something an answer shows the person would do (or did),
 * good or bad, with a plain label a store manager reads and paraphrases that recognise it in
 * speech or typing. Paraphrases are matched clause by clause, never inside a negation, so a
 * negative indicator ("hides the mistake") found as "I would never hide it" counts *against*
 * the red flag, not for it.
 */
export const Indicator = z.strictObject({
  id: Id,
  /** The competency this behaviour is evidence of (one of the question's competencies). */
  competency: Id,
  polarity: z.enum(['positive', 'negative']),
  /** Manager-facing, plain words: "Holds the cage and moves the parcel" / "扣下这车，把包裹拿回来重新分". */
  label: LocalText,
  paraphrases: LocalPhrases,
});
export type Indicator = z.infer<typeof Indicator>;

export const Question = z.strictObject({
  id: Id,
  /** behavioural = a past event ("tell us about a time"); situational = "what would you do". */
  kind: z.enum(QUESTION_KINDS),
  text: LocalText,
  /** Shown under the question: what a good answer covers, in plain words. */
  hint: LocalText.optional(),
  competencies: z.array(Id).min(1),
  thinkSeconds: z.number().int().min(0).max(120),
  answerSeconds: z.number().int().min(15).max(600),
  /** Asked once when an answer is thin: kind, specific, never revealing the rubric. */
  followUp: LocalText,
  /** Follow-up answer time (seconds); shorter than the question's own. */
  followUpSeconds: z.number().int().min(15).max(300).default(45),
  indicators: z.array(Indicator).min(2, 'give at least two indicators (what a good and a weak answer would show)'),
});
export type Question = z.infer<typeof Question>;

/**
 * What the manager reads when the rule is not met, short and in the manager's terms ("未满16岁",
 * "周末不能上班"), instead of `explain`, which is addressed to the applicant. Optional so older
 * packs still load; without it the console names the kind of rule (see KnockoutChoices).
 */
const ManagerLabel = LocalText.optional();

export const KnockoutRule = z.discriminatedUnion('kind', [
  z.strictObject({
    id: Id,
    kind: z.literal('availability'),
    /** Every listed day must have at least one slot ticked, e.g. ["sat","sun"]. */
    requireDays: z.array(z.enum(DAYS)).default([]),
    /** At least this many ticked cells in the listed slots, e.g. 2 evenings. */
    requireSlots: z.strictObject({ slot: z.enum(SLOTS), minCount: z.number().int().min(1).max(7) }).optional(),
    explain: LocalText,
    managerLabel: ManagerLabel,
  }),
  z.strictObject({
    id: Id,
    kind: z.literal('confirm'),
    /** A yes/no the applicant answers; "no" does not fit the opening. */
    question: LocalText,
    explain: LocalText,
    managerLabel: ManagerLabel,
  }),
  z.strictObject({
    id: Id,
    kind: z.literal('earliestStart'),
    withinDays: z.number().int().min(1).max(365),
    explain: LocalText,
    managerLabel: ManagerLabel,
  }),
]);
export type KnockoutRule = z.infer<typeof KnockoutRule>;

export const SkillsTest = z.discriminatedUnion('kind', [
  z.strictObject({
    id: Id,
    kind: z.literal('parcelNumbers'),
    title: LocalText,
    instructions: LocalText,
    timeLimitSeconds: z.number().int().min(10).max(600),
    items: z.array(z.string().regex(/^[A-Z0-9-]{4,24}$/, 'parcel numbers use A-Z, 0-9 and dashes')).min(3),
  }),
  z.strictObject({
    id: Id,
    kind: z.literal('makeChange'),
    title: LocalText,
    instructions: LocalText,
    timeLimitSeconds: z.number().int().min(10).max(600),
    /** Amounts in fen (1/100 yuan) to avoid floating point. */
    items: z.array(z.strictObject({ priceFen: z.number().int().positive(), paidFen: z.number().int().positive() })).min(3),
  }),
]);
export type SkillsTest = z.infer<typeof SkillsTest>;

export const JobPack = z
  .strictObject({
    format: z.literal('kiosk-job-pack'),
    formatVersion: z.literal(2, 'this kiosk reads job pack format 2 (format 1 packs: run `kiosk packs migrate <file>`)'),
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'use a version like 1.0.0'),
    opening: z.strictObject({
      title: LocalText,
      description: LocalText,
      category: z.enum(['retail', 'cashier', 'warehouse', 'delivery', 'restaurant', 'other']),
      hourlyWageFen: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }).optional(),
    }),
    competencies: z.array(Competency).min(1),
    questions: z.array(Question).min(3).max(10),
    knockouts: z.array(KnockoutRule).default([]),
    skillsTests: z.array(SkillsTest).default([]),
    scoring: z
      .strictObject({
        /** Score (0–100) at or above which the band is "recommend" / "borderline". */
        recommendAt: z.number().min(0).max(100),
        borderlineAt: z.number().min(0).max(100),
        /** Whether the applicant's finish screen may show numbers. Default: words only. */
        showNumbersToApplicant: z.boolean().default(false),
      })
      .default({ recommendAt: 62.5, borderlineAt: 37.5, showNumbersToApplicant: false }),
  })
  .superRefine((pack, ctx) => {
    const compIds = new Set(pack.competencies.map((c) => c.id));
    const seen = new Set<string>();
    pack.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id "${q.id}"` });
      seen.add(q.id);
      q.competencies.forEach((c, j) => {
        if (!compIds.has(c)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'competencies', j], message: `unknown competency "${c}"` });
      });
      const seenInd = new Set<string>();
      q.indicators.forEach((ind, j) => {
        if (seenInd.has(ind.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'indicators', j, 'id'], message: `duplicate indicator id "${ind.id}"` });
        seenInd.add(ind.id);
        if (!compIds.has(ind.competency)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'indicators', j, 'competency'], message: `unknown competency "${ind.competency}"` });
        else if (!q.competencies.includes(ind.competency))
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'indicators', j, 'competency'], message: `"${ind.competency}" is not one of this question's competencies` });
      });
      if (!q.indicators.some((ind) => ind.polarity === 'positive'))
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'indicators'], message: 'give at least one positive indicator (what a good answer shows)' });
    });
    if (pack.scoring.borderlineAt > pack.scoring.recommendAt) ctx.addIssue({ code: 'custom', path: ['scoring', 'borderlineAt'], message: 'must not be above recommendAt' });
    if (pack.opening.hourlyWageFen && pack.opening.hourlyWageFen.min > pack.opening.hourlyWageFen.max)
      ctx.addIssue({ code: 'custom', path: ['opening', 'hourlyWageFen', 'min'], message: 'must not be above max' });
  });
export type JobPack = z.infer<typeof JobPack>;
