import { z } from 'zod';
import { AvailabilityCell, DAYS, Lang, LocalText, SLOTS } from '../../../core/packs/packSchema.js';
import { channel } from './define.js';
import { KnockoutCheck } from './interview.js';
import { AnswerGate } from './scoring.js';
import { Decision } from '../../../core/records/shapes.js';
export { Decision };

/**
 * The store manager's console: dashboard, review, decide, shifts, talent pool, data rights
 * (unlocking it and its people: auth.ts). 'staff' channels are view-only; anything that changes an
 * outcome or deletes is 'manager'. No output ever carries a PIN hash or a key.
 */
export const Band = z.enum(['recommend', 'borderline', 'not_recommended']);
export const ReviewStatus = z.enum(['in_progress', 'awaiting', 'passed', 'hold', 'not_selected', 'scheduled', 'pool', 'abandoned']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const DashboardFilter = z.strictObject({
  date: IsoDate.nullable().optional(),
  packId: z.string().nullable().optional(),
  band: z
    .union([Band, z.literal('not_scored')])
    .nullable()
    .optional(),
  status: ReviewStatus.nullable().optional(),
  query: z.string().max(60).nullable().optional(),
});

export const ApplicantRow = z.object({
  interviewId: z.string(),
  applicantId: z.string().nullable(),
  name: z.string().nullable(),
  mobileTail: z.string().nullable(),
  packId: z.string(),
  opening: LocalText.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: ReviewStatus,
  band: z.union([Band, z.literal('not_scored')]).nullable(),
  overall: z.number().nullable(),
  receiptCode: z.string().nullable(),
  isStillInStore: z.boolean(),
});
export type ApplicantRow = z.infer<typeof ApplicantRow>;

export const Dashboard = z.object({
  today: z.object({
    applicants: z.number(),
    awaitingReview: z.number(),
    stillInStore: z.number(),
    openHumanRequests: z.number(),
    /** Stopped, left idle or declined today: counted only, their data is already erased (no rows). */
    leftEarly: z.number(),
    /** Started today and not yet past the name page (no rows until they give a name). */
    notYetNamed: z.number(),
  }),
  stillInStore: z.array(ApplicantRow),
  rows: z.array(ApplicantRow),
  openings: z.array(z.object({ packId: z.string(), title: LocalText })),
});

/**
 * One term of a competency score: what moved it and by how much; the terms add up to the score.
 * kind 'answer' names the question it stands for; 'other' and `evidence` only in scores stored
 * before scoring v2 (which quoted words per term).
 */
const Contribution = z.object({
  kind: z.enum(['baseline', 'answer', 'feature', 'clamp', 'other']),
  questionId: z.string().nullable(),
  label: LocalText,
  contribution: z.number(),
  evidence: z.array(z.string()),
  measured: LocalText.nullable(),
});
/** What an answer showed, by the rubric's plain label, with the applicant's whole clause. */
export const EvidenceView = z.object({
  questionId: z.string(),
  polarity: z.enum(['positive', 'negative']),
  /** credited: counts; avoided: a warning sign the applicant ruled out; negated: a good act they said they would not do. */
  status: z.enum(['credited', 'avoided', 'negated']),
  label: LocalText,
  quote: z.string(),
});
export const CompetencyScore = z.object({
  id: z.string(),
  name: LocalText.nullable(),
  score: z.number(),
  /** 1–5; null in scores stored before scoring v2. */
  level: z.number().nullable(),
  summary: LocalText.nullable(),
  contributions: z.array(Contribution),
  evidence: z.array(EvidenceView),
});
/** Each answer's own score: level 1–5 and, when it earned nothing, why (gate). */
export const AnswerScoreView = z.object({ questionId: z.string(), score: z.number(), level: z.number(), gate: AnswerGate.nullable() });
export const ScoreView = z.object({
  status: z.enum(['scored', 'not_scored', 'missing']),
  reason: z.string().nullable(),
  modelVersion: z.string().nullable(),
  overall: z.number().nullable(),
  band: Band.nullable(),
  competencies: z.array(CompetencyScore),
  answers: z.array(AnswerScoreView),
});
export type ScoreView = z.infer<typeof ScoreView>;

export const FaceSignals = z.object({
  framesAnalysed: z.number(),
  facePresentRatio: z.number(),
  multiFaceRatio: z.number(),
  attentionRatio: z.number(),
  framingQuality: z.number(),
  mouthMovementWhileSpeaking: z.number().nullable(),
  identityConsistency: z.number().nullable(),
});

export const AnswerView = z.object({
  questionId: z.string(),
  index: z.number(),
  question: LocalText,
  mode: z.enum(['typed', 'spoken']),
  text: z.string(),
  attempts: z.number(),
  durationMs: z.number(),
  latencyMs: z.number().nullable(),
  speechModel: z.string().nullable(),
  face: FaceSignals.nullable(),
  /**
   * The one follow-up to a thin answer, when it was asked: the pack's wording and the applicant's
   * reply (scored together with the answer). text '' = skipped; null = never answered.
   */
  followUp: z
    .object({
      question: LocalText,
      status: z.enum(['answered', 'skipped', 'unanswered']),
      mode: z.enum(['typed', 'spoken']).nullable(),
      text: z.string().nullable(),
      durationMs: z.number().nullable(),
    })
    .nullable(),
});

export const DecisionView = z.object({
  id: z.string(),
  decision: Decision,
  recommendation: Decision.nullable(),
  isOverride: z.boolean(),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  undoneAt: z.string().nullable(),
  undoUntil: z.string().nullable(),
});

export const ShiftView = z.object({
  id: z.string(),
  day: z.enum(DAYS),
  start: Time,
  end: Time,
  role: z.string(),
  packId: z.string().nullable(),
  headcount: z.number(),
  filled: z.number(),
  note: z.string().nullable(),
});
/** A second-round interview slot from the store's calendar (Settings). */
export const SecondRoundSlotView = z.object({
  id: z.string(),
  date: IsoDate,
  start: Time,
  place: z.string(),
  capacity: z.number(),
  booked: z.number(),
  /** Places held for applicants who were offered this slot and have not chosen yet. */
  held: z.number().default(0),
  isFull: z.boolean(),
  isPast: z.boolean(),
});
export const SecondRoundBooking = z.object({ bookingId: z.string(), slotId: z.string(), date: z.string(), start: z.string(), place: z.string(), bookedBy: z.string(), bookedAt: z.string() });
/** Slots offered with the current decision, waiting for the applicant to choose one on the phone page. */
export const SecondRoundOfferView = z.object({
  offerId: z.string(),
  offeredBy: z.string(),
  offeredAt: z.string(),
  slots: z.array(z.object({ slotId: z.string(), date: z.string(), start: z.string(), place: z.string() })),
});

export const ShiftMatch = ShiftView.extend({ fitsAvailability: z.boolean(), isFull: z.boolean(), conflictsWith: z.string().nullable(), isAssigned: z.boolean() });

export const ApplicantDetail = z.object({
  interviewId: z.string(),
  applicantId: z.string().nullable(),
  status: ReviewStatus,
  interviewStatus: z.string(),
  lang: Lang,
  opening: LocalText,
  packId: z.string(),
  packVersion: z.string(),
  receiptCode: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  profile: z
    .object({
      name: z.string(),
      mobile: z.string(),
      availability: z.array(AvailabilityCell),
      industries: z.array(z.string()),
      expectedWageYuan: z.number().nullable(),
      earliestStart: z.string().nullable(),
    })
    .nullable(),
  consent: z.object({ camera: z.boolean(), talentPool: z.boolean(), noticeVersion: z.string(), recordedAt: z.string() }),
  /** With what the rule asked, so the manager reads the applicant's own choices, not the sentence shown to them. */
  knockouts: z.array(
    KnockoutCheck.extend({
      /** The pack's short label for the manager when the rule is not met ("未满16岁"); null for packs without one. */
      label: LocalText.nullable().default(null),
      /** confirm rules: the yes/no question as asked ("passed" is the applicant's "yes"). */
      question: LocalText.nullable().default(null),
      /** availability rules: the days that must have a slot ticked. */
      requireDays: z.array(z.string()).default([]),
      /** earliestStart rules: within how many days of the interview. */
      withinDays: z.number().nullable().default(null),
    }),
  ),
  knockoutProceeded: z.boolean().nullable(),
  answers: z.array(AnswerView),
  skills: z.array(z.object({ testId: z.string(), title: LocalText.nullable(), correct: z.number(), total: z.number(), totalMs: z.number() })),
  score: ScoreView,
  recommendation: Decision.nullable(),
  decision: DecisionView.nullable(),
  history: z.array(DecisionView),
  assignments: z.array(z.object({ shiftId: z.string(), day: z.enum(DAYS), start: Time, end: Time, role: z.string(), startDate: z.string() })),
  inPool: z.boolean(),
  humanRequests: z.number(),
  /** The live second-round booking made with the current "second interview" decision. */
  secondRound: SecondRoundBooking.nullable().default(null),
  /** Slots offered with the current decision, until the applicant's pick comes back and is booked. */
  secondRoundOffer: SecondRoundOfferView.nullable().default(null),
});
export type ApplicantDetail = z.infer<typeof ApplicantDetail>;

export const RetentionSettings = z.strictObject({
  notSelectedDays: z.number().int().min(1).max(3650),
  poolDays: z.number().int().min(1).max(3650),
  unfinishedDays: z.number().int().min(1).max(3650),
  humanRequestDays: z.number().int().min(1).max(3650),
});
export const RetentionRun = z.object({ deletedApplicants: z.number(), deletedInterviews: z.number(), deletedHumanRequests: z.number(), ranAt: z.string() });

export const HumanRequestView = z.object({
  id: z.string(),
  name: z.string(),
  mobile: z.string(),
  lang: Lang,
  packId: z.string().nullable(),
  opening: LocalText.nullable(),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
});

export const PoolEntry = z.object({
  interviewId: z.string(),
  name: z.string().nullable(),
  mobileTail: z.string().nullable(),
  packId: z.string(),
  opening: LocalText.nullable(),
  availability: z.array(AvailabilityCell),
  note: z.string().nullable(),
  addedAt: z.string(),
  band: z.union([Band, z.literal('not_scored')]).nullable(),
});

const Empty = z.strictObject({});
const ById = z.strictObject({ interviewId: z.string() });

export const managerContract = {
  'manager:dashboard': channel(DashboardFilter, Dashboard, 'staff'),
  'manager:applicant': channel(ById, ApplicantDetail, 'staff'),
  'manager:decide': channel(
    z.strictObject({
      interviewId: z.string(),
      decision: Decision,
      reason: z.string().trim().max(500).nullable(),
      keepInPool: z.boolean().optional(),
      /** With "hold" (second interview): book the applicant on this second-round slot. */
      slotId: z.string().max(40).nullable().optional(),
      /** Or offer 2–6 slots for the applicant to choose one on head office's phone page (each held until then). */
      offerSlotIds: z.array(z.string().max(40)).min(2).max(6).nullable().optional(),
    }),
    DecisionView,
    'manager',
  ),
  'manager:undoDecision': channel(z.strictObject({ decisionId: z.string() }), z.object({ undone: z.boolean() }), 'manager'),
  /** canOffer: head office has a result page for this store, so slots can be offered for the applicant to choose. */
  'manager:secondRoundSlots': channel(Empty, z.object({ slots: z.array(SecondRoundSlotView), canOffer: z.boolean().default(false) }), 'staff'),
  'manager:saveSecondRoundSlot': channel(
    z.strictObject({ date: IsoDate, start: Time, place: z.string().trim().min(1).max(200), capacity: z.number().int().min(1).max(20) }),
    SecondRoundSlotView,
    'manager',
  ),
  'manager:removeSecondRoundSlot': channel(z.strictObject({ slotId: z.string() }), z.object({ removed: z.boolean() }), 'manager'),
  'manager:shifts': channel(Empty, z.object({ shifts: z.array(ShiftView) }), 'staff'),
  'manager:saveShift': channel(
    z.strictObject({
      day: z.enum(DAYS),
      start: Time,
      end: Time,
      role: z.string().trim().min(1).max(40),
      packId: z.string().nullable(),
      headcount: z.number().int().min(1).max(50),
      note: z.string().max(200).nullable(),
    }),
    ShiftView,
    'manager',
  ),
  'manager:removeShift': channel(z.strictObject({ shiftId: z.string() }), z.object({ removed: z.boolean() }), 'manager'),
  'manager:shiftMatches': channel(ById, z.object({ matches: z.array(ShiftMatch) }), 'staff'),
  'manager:assignShift': channel(z.strictObject({ interviewId: z.string(), shiftId: z.string(), startDate: IsoDate }), z.object({ status: ReviewStatus }), 'manager'),
  'manager:unassignShift': channel(z.strictObject({ interviewId: z.string(), shiftId: z.string() }), z.object({ status: ReviewStatus }), 'manager'),
  'manager:pool': channel(
    z.strictObject({ packId: z.string().nullable().optional(), day: z.enum(DAYS).nullable().optional(), slot: z.enum(SLOTS).nullable().optional() }),
    z.object({ entries: z.array(PoolEntry) }),
    'staff',
  ),
  'manager:poolAdd': channel(z.strictObject({ interviewId: z.string(), note: z.string().max(200).nullable() }), z.object({ inPool: z.boolean() }), 'manager'),
  'manager:poolRemove': channel(ById, z.object({ inPool: z.boolean() }), 'manager'),
  'manager:deleteApplicant': channel(
    z.strictObject({ interviewId: z.string(), reason: z.enum(['applicant_request', 'entered_in_error', 'other']) }),
    z.object({ deletedInterviews: z.number(), tombstoneId: z.string() }),
    'manager',
  ),
  'manager:retention': channel(Empty, z.object({ settings: RetentionSettings, lastRun: RetentionRun.nullable() }), 'staff'),
  'manager:setRetention': channel(RetentionSettings, z.object({ settings: RetentionSettings }), 'manager'),
  'manager:runRetention': channel(Empty, RetentionRun, 'manager'),
  'manager:humanRequests': channel(z.strictObject({ includeHandled: z.boolean().optional() }), z.object({ requests: z.array(HumanRequestView) }), 'staff'),
  'manager:handleHumanRequest': channel(z.strictObject({ id: z.string() }), z.object({ handled: z.boolean() }), 'staff'),
  /** Recent audit entries and whether the hash chain is intact (ids and actions only). */
  'manager:audit': channel(
    Empty,
    z.object({
      isIntact: z.boolean(),
      entries: z.number(),
      firstBrokenSeq: z.number().nullable(),
      recent: z.array(z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), subject: z.string().nullable() })),
    }),
    'staff',
  ),
  'manager:storeInfo': channel(Empty, z.object({ storeName: z.string(), storeId: z.string(), whatToBring: z.string() }), 'staff'),
  'manager:setStoreInfo': channel(z.strictObject({ storeName: z.string().trim().min(1).max(60), whatToBring: z.string().max(300) }), z.object({ saved: z.boolean() }), 'manager'),
} as const;
