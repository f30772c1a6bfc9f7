import { z } from 'zod';
import { FaceAggregates, Feedback, KnockoutCheck, SpeechFeatures } from './shapes.js';
import { ScoreResult } from '../scoring/scoreResult.js';
import { AvailabilityCell, Lang } from '../packs/packSchema.js';
import { Id, Timestamp } from './common.js';

/**
 * interview.completed, version 1: the whole finished interview as the kiosk stored it (built by
 * electron/services/interview/interviewRecord.ts from the tables, column by column). No raw
 * audio or video exists to include; face data is per-answer aggregates only.
 */
export const InterviewCompletedV1 = z.strictObject({
  v: z.literal(1),
  interview: z.strictObject({
    id: Id,
    packId: Id,
    packVersion: z.string().min(1).max(40),
    lang: Lang,
    status: z.literal('finished'),
    cameraConsent: z.boolean(),
    noticeVersion: z.string().max(80),
    /** The knock-out checks shown on screen; null when the pack has none or they were not reached. */
    knockouts: z.array(KnockoutCheck).nullable(),
    /** 1 when the applicant chose to go on after failing a knock-out. */
    knockoutProceed: z.number().int().nullable(),
    receiptCode: z.string().max(40).nullable(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  }),
  applicant: z
    .strictObject({
      id: Id,
      name: z.string().max(200),
      mobile: z.string().max(40),
      availability: z.array(AvailabilityCell),
      industries: z.array(z.string().max(40)),
      expectedWageYuan: z.number().nullable(),
      earliestStart: z.string().max(40).nullable(),
    })
    .nullable(),
  /** Every attempt (a retake is attempt 2); the latest attempt per question is the one that counts. */
  answers: z.array(
    z.strictObject({
      questionId: Id,
      attempt: z.union([z.literal(1), z.literal(2)]),
      mode: z.enum(['typed', 'spoken']),
      text: z.string(),
      latencyMs: z.number().int().nullable(),
      durationMs: z.number().int(),
      words: SpeechFeatures.shape.words.nullable(),
      speakingRate: z.number().nullable(),
      pauseRatio: z.number().nullable(),
      speechModel: z.string().nullable(),
      /** Only with camera consent. */
      face: FaceAggregates.nullable(),
      at: Timestamp,
    }),
  ),
  /** The one follow-up per thin answer, scored together with the answer it follows. */
  followUps: z.array(
    z.strictObject({
      questionId: Id,
      reason: z.string().max(80),
      askedAt: Timestamp,
      mode: z.enum(['typed', 'spoken']).nullable(),
      /** Empty: the applicant skipped it; null: not answered. */
      text: z.string().nullable(),
      durationMs: z.number().int().nullable(),
      answeredAt: Timestamp.nullable(),
    }),
  ),
  skills: z.array(
    z.strictObject({
      testId: Id,
      items: z.array(z.strictObject({ item: z.string(), answer: z.string(), isCorrect: z.boolean(), ms: z.number() })),
      correct: z.number().int(),
      total: z.number().int(),
      totalMs: z.number(),
    }),
  ),
  /** The scoring outcome; null when scoring did not run at all. */
  score: z
    .strictObject({
      status: z.enum(['scored', 'not_scored']),
      /** Why there is no score, in words a manager can act on. */
      reason: z.string().nullable(),
      modelVersion: z.string().nullable(),
      result: ScoreResult.nullable(),
      feedback: Feedback.nullable(),
      scoredAt: Timestamp,
    })
    .nullable(),
});
export type InterviewCompletedV1 = z.infer<typeof InterviewCompletedV1>;

/**
 * interview.completed, version 2: version 1 plus `interview.talentPoolConsent`, the applicant's
 * separate, optional choice to be contacted about other openings later (kiosk migration 0080).
 * A new version rather than an optional field: a head office that only knows version 1 refuses
 * the batch as a whole and the kiosk keeps it (instead of rejecting each record as malformed).
 * Head office still reads version 1 (older kiosks), with the consent as null: not recorded.
 */
export const InterviewCompletedV2 = InterviewCompletedV1.extend({
  v: z.literal(2),
  interview: InterviewCompletedV1.shape.interview.extend({
    /** true: may be kept in the talent pool and contacted later; null: a version 1 record (not known). */
    talentPoolConsent: z.boolean().nullable(),
  }),
});
export type InterviewCompletedV2 = z.infer<typeof InterviewCompletedV2>;

/** A version 1 record read as version 2: the talent-pool choice was not sent, so it is unknown. */
export const upgradeInterviewCompletedV1 = (p: InterviewCompletedV1): InterviewCompletedV2 => ({ ...p, v: 2, interview: { ...p.interview, talentPoolConsent: null } });

/**
 * interview.abandoned, version 1: the interview ended without finishing (idle reset, cancel, or
 * declined at a knock-out). Ids only: the kiosk erased its answers and personal data at once.
 */
export const InterviewAbandonedV1 = z.strictObject({
  v: z.literal(1),
  interviewId: Id,
  reason: z.enum(['idle', 'cancelled', 'declined']),
  packId: Id,
});
export type InterviewAbandonedV1 = z.infer<typeof InterviewAbandonedV1>;

/** human.requested, version 1: someone asked for an interview with a person instead. */
export const HumanRequestedV1 = z.strictObject({
  v: z.literal(1),
  requestId: Id,
  /** The interview it was asked from, if any. */
  interviewId: Id.nullable(),
  packId: Id.nullable(),
  name: z.string().max(200),
  mobile: z.string().max(40),
  lang: Lang,
});
export type HumanRequestedV1 = z.infer<typeof HumanRequestedV1>;
