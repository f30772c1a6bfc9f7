import { z } from 'zod';
import { LocalText } from '../packs/packSchema.js';

/**
 * Values that sync records carry and the kiosk's renderer contract shows too (knockout checks,
 * speech and face aggregates, feedback, the manager's decision). They live in the core so that
 * records, scoring and head office need nothing from electron/; electron/shared/contract
 * re-exports them. Pure zod: the renderer type-checks this file without Node types.
 */
export const KnockoutCheck = z.object({
  ruleId: z.string(),
  kind: z.string(),
  passed: z.boolean(),
  explain: LocalText,
});

export const SpeechFeatures = z.strictObject({
  words: z.array(z.strictObject({ word: z.string(), start: z.number(), end: z.number(), conf: z.number() })).max(5000),
  speakingRate: z.number().nullable(),
  pauseRatio: z.number().nullable(),
  model: z.string(),
});

export const FaceAggregates = z.strictObject({
  framesAnalysed: z.number().int().min(0),
  facePresentRatio: z.number().min(0).max(1),
  multiFaceRatio: z.number().min(0).max(1),
  attentionRatio: z.number().min(0).max(1),
  framingQuality: z.number().min(0).max(1),
  mouthMovementWhileSpeaking: z.number().min(0).max(1).nullable(),
  identityConsistency: z.number().min(0).max(1).nullable(),
  /** Only present when the store policy enables expression signals. */
  smileRatio: z.number().min(0).max(1).nullable().optional(),
});
export type FaceAggregates = z.infer<typeof FaceAggregates>;

export const Feedback = z.object({
  /** Only from credited good acts, quoting the applicant's whole clause; empty when nothing was creditable. */
  strengths: z.array(LocalText),
  /** Tips that fit the question type, for the answers that needed them most. */
  suggestions: z.array(LocalText),
  /** The skills-test result in words. */
  skills: z.array(LocalText).default([]),
  /** A kind, honest line when there is nothing to praise. */
  note: LocalText.nullable().default(null),
});

export const Decision = z.enum(['pass', 'hold', 'fail']);
export type Decision = z.infer<typeof Decision>;
