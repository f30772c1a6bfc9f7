import { z } from 'zod';
import { LocalText } from '../packs/packSchema.js';

/**
 * The store's scoring policy and one interview's score with its exact explanation, as the kiosk
 * stores it, sync records carry it and the manager's console shows it (electron/shared/contract
 * re-exports these). Pure zod: the renderer type-checks this file without Node types.
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

/** One term of a competency score; the terms add up to the score exactly (in tenths). */
export const Contribution = z.object({
  feature: z.string(),
  /** answer: everything one answer contributed; feature: skills test or a policy-enabled signal. 'other' only in scores stored before scoring v2. */
  kind: z.enum(['answer', 'feature', 'baseline', 'clamp', 'other']),
  questionId: z.string().optional(),
  label: LocalText,
  /** Points (tenths); a competency's contributions add up to its score exactly. */
  contribution: z.number(),
  value: z.number().nullable(),
  weight: z.number().nullable(),
  measured: LocalText.nullable(),
});

/** What an answer showed, by indicator label, with the applicant's whole clause. */
export const EvidenceItem = z.object({
  questionId: z.string(),
  competency: z.string(),
  polarity: z.enum(['positive', 'negative']),
  status: z.enum(['credited', 'avoided', 'negated']),
  label: LocalText,
  quote: z.string(),
});

export const AnswerGate = z.enum(['empty', 'too-short', 'keyword-list', 'question-copy', 'off-topic']);

export const AnswerScore = z.object({
  questionId: z.string(),
  score: z.number(),
  level: z.number(),
  gate: AnswerGate.nullable(),
  terms: z.array(z.object({ label: LocalText, contribution: z.number() })),
});

export const ScoringBand = z.enum(['recommend', 'borderline', 'not_recommended']);

export const ScoreResult = z.object({
  modelVersion: z.string(),
  weightsHash: z.string(),
  packId: z.string(),
  packVersion: z.string(),
  policy: ScoringPolicy,
  competencies: z.array(
    z.object({
      id: z.string(),
      name: LocalText,
      score: z.number(),
      level: z.number(),
      /** Scores stored before scoring v2 have no summary or evidence. */
      summary: LocalText.nullable().default(null),
      contributions: z.array(Contribution),
      evidence: z.array(EvidenceItem).default([]),
    }),
  ),
  answers: z.array(AnswerScore).default([]),
  overall: z.number(),
  overallContributions: z.array(z.object({ competency: z.string(), weight: z.number(), contribution: z.number() })),
  band: ScoringBand,
  thresholds: z.object({ recommendAt: z.number(), borderlineAt: z.number() }),
});
export type ScoreResult = z.infer<typeof ScoreResult>;
