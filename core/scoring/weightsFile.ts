import { z } from 'zod';
import { LocalText } from '../packs/packSchema.js';
import { canonicalJson, sha256Hex } from '../ids.js';

/**
 * The declarative weights file (models/scoring/weights/<packId>.weights.json): one linear head
 * per competency. score_c = clip(intercept_c + Σ_f weight_f · x_f, 0, 100), where every feature
 * feeds exactly one competency. The builder turns this file into an ONNX model; the file is
 * also embedded in the model's metadata so explanations use exactly the numbers the model uses.
 */
export const FEATURE_GROUPS = ['text', 'skills', 'speech', 'face', 'expression'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/** Fairness caps (points). Enforced by validateWeights; documented in the README and model card. */
export const CAPS = {
  /** Σ|weight| of face features feeding one competency (face values lie in [-1, 0]). */
  facePerCompetency: 5,
  /** |weight| of any one expression feature (values lie in [-0.5, 0.5]). */
  expressionPerFeature: 2,
} as const;

export const FeatureSpec = z.strictObject({
  id: z.string().regex(/^[a-z]+(:[a-z0-9-]+)+$/, 'feature ids look like kind:part[:part]'),
  group: z.enum(FEATURE_GROUPS),
  competency: z.string().min(1),
  weight: z.number().finite(),
  label: LocalText,
});
export type FeatureSpec = z.infer<typeof FeatureSpec>;

/** The answer-level features, in this order, that the graded bank fits (see features.ts). */
export const ANSWER_FEATURES = ['sim', 'act', 'len', 'spec', 'struct', 'pos', 'neg', 'avoid', 'gate'] as const;
export type AnswerFeature = (typeof ANSWER_FEATURES)[number];

/** Held-out agreement with the human grades, measured when the model was fitted. */
export const Agreement = z.strictObject({
  lang: z.string(),
  n: z.number().int(),
  qwk: z.number(),
  qwkLow: z.number(),
  qwkHigh: z.number(),
  spearman: z.number(),
  exact: z.number(),
  adjacent: z.number(),
});
export type Agreement = z.infer<typeof Agreement>;

export const ExemplarSpec = z.strictObject({ id: z.string(), text: z.string(), level: z.number().int().min(1).max(5) });

export const WeightsFile = z
  .strictObject({
    format: z.literal('kiosk-scoring-weights'),
    /** 1: expert weights per competency; 2: adds the answer model fitted on the graded bank and its exemplars. */
    formatVersion: z.union([z.literal(1), z.literal(2)]),
    packId: z.string().min(1),
    /** Pack version the feature list was derived from (indicator ids come from the pack). */
    packVersion: z.string(),
    modelVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
    /** Fixed timestamp so builds are reproducible byte for byte. */
    created: z.string().regex(/^\d{4}-\d{2}-\d{2}T/),
    notes: z.string().default(''),
    competencies: z.array(z.strictObject({ id: z.string().min(1), intercept: z.number().finite(), overallWeight: z.number().min(0) })).min(1),
    features: z.array(FeatureSpec).min(1),
    /** Format 2: score of one answer = clip(intercept + Σ weight · value, 0, 100), fitted on the bank's training split. */
    answerModel: z.strictObject({ intercept: z.number().finite(), weights: z.record(z.enum(ANSWER_FEATURES), z.number().finite()) }).optional(),
    /** Share of the skills-test competency's score that the skills test supplies. */
    skillsShare: z.number().min(0).max(1).optional(),
    /** The training split of the graded bank, per question: the exemplars similarity is measured against. */
    exemplars: z.record(z.string(), z.array(ExemplarSpec)).optional(),
    /** Bank hash and held-out agreement, measured at fit time (also in the model card). */
    bank: z.strictObject({ sha256: z.string(), train: z.number().int(), heldout: z.number().int(), agreement: z.array(Agreement) }).optional(),
  })
  .superRefine((w, ctx) => {
    const comp = new Set(w.competencies.map((c) => c.id));
    const seen = new Set<string>();
    w.features.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['features', i, 'id'], message: `duplicate feature "${f.id}"` });
      seen.add(f.id);
      if (!comp.has(f.competency)) ctx.addIssue({ code: 'custom', path: ['features', i, 'competency'], message: `unknown competency "${f.competency}"` });
      if (f.group === 'expression' && Math.abs(f.weight) > CAPS.expressionPerFeature)
        ctx.addIssue({ code: 'custom', path: ['features', i, 'weight'], message: `expression features are capped at ±${CAPS.expressionPerFeature} points` });
    });
    for (const c of comp) {
      const face = w.features.filter((f) => f.group === 'face' && f.competency === c).reduce((s, f) => s + Math.abs(f.weight), 0);
      if (face > CAPS.facePerCompetency + 1e-9) ctx.addIssue({ code: 'custom', path: ['features'], message: `face features on "${c}" sum to ${face} points; the cap is ${CAPS.facePerCompetency}` });
    }
    if (w.competencies.reduce((s, c) => s + c.overallWeight, 0) <= 0) ctx.addIssue({ code: 'custom', path: ['competencies'], message: 'at least one competency needs a positive overallWeight' });
  });
export type WeightsFile = z.infer<typeof WeightsFile>;

export const weightsHash = (w: WeightsFile): string => sha256Hex(canonicalJson(w));

/** Dense matrices in model order: W[f][c], B[c], V[c] (overall weights normalised to sum 1). */
export function toMatrices(w: WeightsFile): { W: number[][]; B: number[]; V: number[] } {
  const idx = new Map(w.competencies.map((c, i) => [c.id, i]));
  const W = w.features.map((f) => {
    const row = new Array<number>(w.competencies.length).fill(0);
    row[idx.get(f.competency)!] = f.weight;
    return row;
  });
  const total = w.competencies.reduce((s, c) => s + c.overallWeight, 0);
  return { W, B: w.competencies.map((c) => c.intercept), V: w.competencies.map((c) => c.overallWeight / total) };
}

/** The model's arithmetic in plain JS (float64), used to cross-check onnxruntime. */
export function evaluateWeights(w: WeightsFile, x: ArrayLike<number>): { raw: number[]; scores: number[]; overall: number } {
  return weightsEvaluator(w)(x);
}

/** Same arithmetic, with the matrices prepared once (refit evaluates thousands of samples). */
export function weightsEvaluator(w: WeightsFile): (x: ArrayLike<number>) => { raw: number[]; scores: number[]; overall: number } {
  const { W, B, V } = toMatrices(w);
  return (x) => {
    const raw = B.map((b, c) => W.reduce((s, row, f) => s + row[c]! * x[f]!, 0) + b);
    const scores = raw.map((r) => Math.min(100, Math.max(0, r)));
    return { raw, scores, overall: scores.reduce((s, v, c) => s + v * V[c]!, 0) };
  };
}
