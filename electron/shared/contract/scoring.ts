import { z } from 'zod';
import { LocalText } from '../packs/packSchema.js';
import { channel } from './define.js';
import { Feedback } from './interview.js';

/**
 * Scoring: the manager's view of one interview's scores with exact explanations, the store's
 * scoring policy, and re-scoring after a model was installed or fixed.
 */
export const ScoringPolicy = z.strictObject({
  /** Speaking pace, pauses and answer latency (spoken answers only; neutral when typed). */
  useSpeechDelivery: z.boolean().default(false),
  /** Face presence/attention ratios (camera answers only; neutral without camera; capped). */
  useFaceSignals: z.boolean().default(false),
  /** Expression signals such as smiling: only where the jurisdiction allows; needs face signals; capped. */
  useExpressionSignals: z.boolean().default(false),
});
export type ScoringPolicy = z.infer<typeof ScoringPolicy>;

const Quoted = z.object({ questionId: z.string(), text: z.string() });
export const Contribution = z.object({
  feature: z.string(),
  kind: z.enum(['feature', 'baseline', 'clamp', 'other']),
  label: LocalText,
  /** Points (tenths); a competency's contributions add up to its score exactly. */
  contribution: z.number(),
  value: z.number().nullable(),
  weight: z.number().nullable(),
  evidence: z.array(Quoted),
  measured: LocalText.nullable(),
  negated: z.array(Quoted).optional(),
  count: z.number().optional(),
});
export const ScoringBand = z.enum(['recommend', 'borderline', 'not_recommended']);
export const ScoreResult = z.object({
  modelVersion: z.string(),
  weightsHash: z.string(),
  packId: z.string(),
  packVersion: z.string(),
  policy: ScoringPolicy,
  competencies: z.array(z.object({ id: z.string(), name: LocalText, score: z.number(), level: z.number(), contributions: z.array(Contribution) })),
  overall: z.number(),
  overallContributions: z.array(z.object({ competency: z.string(), weight: z.number(), contribution: z.number() })),
  band: ScoringBand,
  thresholds: z.object({ recommendAt: z.number(), borderlineAt: z.number() }),
});

export const ScoringReport = z.object({
  status: z.enum(['scored', 'not_scored', 'missing']),
  /** Why there is no score, in words a manager can act on. */
  reason: z.string().nullable(),
  modelVersion: z.string().nullable(),
  result: ScoreResult.nullable(),
  feedback: Feedback.nullable(),
});

export const scoringContract = {
  'scoring:report': channel(z.strictObject({ interviewId: z.string() }), ScoringReport, 'staff'),
  'scoring:rescore': channel(z.strictObject({ interviewId: z.string() }), ScoringReport, 'manager'),
  'scoring:policy': channel(z.strictObject({}), ScoringPolicy, 'staff'),
  'scoring:setPolicy': channel(ScoringPolicy, ScoringPolicy, 'manager'),
};
