import { z } from 'zod';
import { AvailabilityCell, Lang, LocalText } from '../../../core/packs/packSchema.js';
import { channel } from './define.js';
import { HearBack } from './notify.js';
import { FaceAggregates, Feedback, KnockoutCheck, SpeechFeatures } from '../../../core/records/shapes.js';
export { FaceAggregates, Feedback, KnockoutCheck, SpeechFeatures };

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const Profile = z.strictObject({
  name: z.string().trim().min(1).max(60),
  mobile: z.string().regex(MAINLAND_MOBILE, 'mobile must be an 11-digit mainland China number starting with 1'),
  availability: z.array(AvailabilityCell).max(28),
  industries: z.array(z.enum(['retail', 'restaurant', 'warehouse', 'delivery', 'cashier', 'events', 'other', 'none'])).max(8),
  expectedWageYuan: z.number().min(0).max(1000).nullable(),
  earliestStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type Profile = z.infer<typeof Profile>;

export const Consent = z.strictObject({
  data: z.literal(true, { message: 'the interview needs consent to store answers' }),
  camera: z.boolean(),
  /** Optional and separate: may the store contact them later about other openings (talent pool)? */
  talentPool: z.boolean().default(false),
  noticeVersion: z.string().min(1),
});

export const OpeningSummary = z.object({
  packId: z.string(),
  packVersion: z.string(),
  title: LocalText,
  description: LocalText,
  category: z.string(),
  questionCount: z.number(),
  hasSkillsTest: z.boolean(),
  hourlyWageFen: z.object({ min: z.number(), max: z.number() }).optional(),
  estimatedMinutes: z.number(),
  /** The pack's yes/no knock-out questions (rule kind 'confirm'), asked on the profile screen. */
  confirmQuestions: z.array(z.object({ ruleId: z.string(), question: LocalText })).optional(),
  /** The pack's "start within N days" rule, said on the start-date page before anyone picks a date. */
  startWithinDays: z.number().nullable().optional(),
});

export const QuestionView = z.object({
  id: z.string(),
  index: z.number(),
  total: z.number(),
  kind: z.string(),
  text: LocalText,
  hint: LocalText.optional(),
  thinkSeconds: z.number(),
  answerSeconds: z.number(),
  retakesLeft: z.number(),
});

/** The one follow-up to a thin answer: asked kindly, once, never revealing what is looked for. */
export const FollowUpView = z.object({
  questionId: z.string(),
  index: z.number(),
  total: z.number(),
  kind: z.string(),
  /** The original question, shown small above the follow-up. */
  questionText: LocalText,
  text: LocalText,
  answerSeconds: z.number(),
});

export const SkillsTestView = z.object({
  id: z.string(),
  kind: z.enum(['parcelNumbers', 'makeChange']),
  title: LocalText,
  instructions: LocalText,
  timeLimitSeconds: z.number(),
  /** parcelNumbers: the label to read; makeChange: "price|paid" in fen. */
  items: z.array(z.string()),
});

export const InterviewStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('profile') }),
  z.object({ step: z.literal('knockout'), checks: z.array(KnockoutCheck) }),
  z.object({ step: z.literal('question'), question: QuestionView }),
  z.object({ step: z.literal('followUp'), followUp: FollowUpView }),
  z.object({ step: z.literal('skills'), test: SkillsTestView }),
  z.object({ step: z.literal('finish') }),
  z.object({ step: z.literal('ended'), reason: z.enum(['finished', 'abandoned', 'declined']) }),
]);
export type InterviewStep = z.infer<typeof InterviewStep>;

export const InterviewState = z.object({
  interviewId: z.string(),
  packId: z.string(),
  lang: Lang,
  isPractice: z.boolean(),
  cameraConsent: z.boolean(),
  /** Masked (王＊＊, J＊＊＊): interview:resume answers anyone at the kiosk, without an id. */
  applicantName: z.string().nullable(),
  next: InterviewStep,
});
export type InterviewState = z.infer<typeof InterviewState>;

export const AnswerInput = z.strictObject({
  interviewId: z.string(),
  questionId: z.string(),
  mode: z.enum(['typed', 'spoken']),
  text: z.string().max(10000),
  isRetake: z.boolean(),
  latencyMs: z.number().int().min(0).max(3_600_000).nullable(),
  durationMs: z.number().int().min(0).max(3_600_000),
  speech: SpeechFeatures.nullable().optional(),
  face: FaceAggregates.nullable().optional(),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

/** The answer to a follow-up; empty text means the applicant chose to skip it. */
export const FollowUpInput = z.strictObject({
  interviewId: z.string(),
  questionId: z.string(),
  mode: z.enum(['typed', 'spoken']),
  text: z.string().max(10000),
  durationMs: z.number().int().min(0).max(3_600_000),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const FinishResult = z.object({
  receiptCode: z.string().nullable(),
  /** The phone result page for this code (head office's page for the store), or null: show the code only. */
  qrSvg: z.string().nullable(),
  feedback: Feedback.nullable(),
  scored: z.boolean(),
  /** When and how the applicant hears back, as true for this kiosk (null in practice). */
  hearBack: HearBack.nullable().default(null),
  /** Whether the separate "send me my result by SMS" choice can be offered here. */
  canSms: z.boolean().default(false),
  /** Last 4 digits of the mobile the SMS would go to. */
  mobileTail: z.string().nullable().default(null),
});

export const interviewContract = {
  'packs:list': channel(z.strictObject({}), z.object({ openings: z.array(OpeningSummary) })),
  'interview:start': channel(z.strictObject({ packId: z.string(), lang: Lang, isPractice: z.boolean(), consent: Consent }), InterviewState),
  'interview:resume': channel(z.strictObject({}), z.object({ state: InterviewState.nullable() })),
  'interview:state': channel(z.strictObject({ interviewId: z.string() }), InterviewState),
  /** Saves the profile and the answers to the pack's yes/no knock-out questions, then evaluates knock-outs. */
  'interview:profile': channel(z.strictObject({ interviewId: z.string(), profile: Profile, confirmations: z.record(z.string(), z.boolean()) }), InterviewState),
  'interview:acknowledgeKnockout': channel(z.strictObject({ interviewId: z.string(), proceed: z.boolean() }), InterviewState),
  'interview:answer': channel(AnswerInput, InterviewState),
  'interview:followUp': channel(FollowUpInput, InterviewState),
  'interview:skills': channel(
    z.strictObject({
      interviewId: z.string(),
      testId: z.string(),
      responses: z.array(z.strictObject({ answer: z.string().max(64), ms: z.number().int().min(0) })).max(50),
    }),
    InterviewState,
  ),
  'interview:finish': channel(z.strictObject({ interviewId: z.string() }), FinishResult),
  'interview:abandon': channel(z.strictObject({ interviewId: z.string(), reason: z.enum(['idle', 'cancelled']) }), z.object({ abandoned: z.boolean() })),
  'interview:humanRequest': channel(
    z.strictObject({
      interviewId: z.string().nullable(),
      packId: z.string().nullable(),
      name: z.string().trim().min(1).max(60),
      mobile: z.string().regex(MAINLAND_MOBILE),
      lang: Lang,
    }),
    z.object({ requestId: z.string() }),
  ),
  'kiosk:status': channel(
    z.strictObject({}),
    z.object({
      storeName: z.string().nullable(),
      isSetUp: z.boolean(),
      packErrors: z.array(z.object({ file: z.string(), problems: z.array(z.string()) })),
      idleSeconds: z.number(),
      /** PRAGMA quick_check at start-up. When it failed, new interviews are refused (DATABASE_CORRUPT). */
      storage: z.object({ isOk: z.boolean(), problem: z.string().nullable() }),
      /** What the applicant notice states: this kiosk's real retention periods and whether face signals count in scores. */
      notice: z.object({
        retention: z.object({ notSelectedDays: z.number(), poolDays: z.number(), unfinishedDays: z.number() }),
        isFaceScored: z.boolean(),
      }),
    }),
  ),
};
