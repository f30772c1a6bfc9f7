/**
 * Exact explanations. A competency score is intercept + Σ weight·value, clamped to 0..100; the
 * clamp is reported as its own term, so the terms always add up to the score. For display every
 * term is rounded to tenths with the largest-remainder method, so the rounded terms add up to
 * the rounded score exactly (in integer tenths, no floating-point drift).
 */
import type { JobPack, LocalText } from '../../shared/packs/packSchema.js';
import type { Evidence, QuotedEvidence } from './features.js';
import type { ModelOutput } from './model.js';
import type { ScoringPolicy } from './policy.js';
import type { WeightsFile } from './weightsFile.js';

export type Contribution = {
  feature: string;
  kind: 'feature' | 'baseline' | 'clamp' | 'other';
  label: LocalText;
  /** Points, rounded to tenths; the contributions of a competency add up to its score. */
  contribution: number;
  /** The feature's value (input to the model) and weight: contribution ≈ weight × value. */
  value: number | null;
  weight: number | null;
  /** The applicant's own words behind this term (exact substrings of the answer). */
  evidence: QuotedEvidence[];
  /** For measured features (length, pace, skills …): what was measured. */
  measured: LocalText | null;
  /** Phrases that were found but negated (e.g. "I would not panic"), so they did not count. */
  negated?: QuotedEvidence[];
  /** For kind 'other': how many smaller terms are folded in. */
  count?: number;
};
export type CompetencyScore = { id: string; name: LocalText; score: number; level: number; contributions: Contribution[] };
export type Band = 'recommend' | 'borderline' | 'not_recommended';
export type ScoreResult = {
  modelVersion: string;
  weightsHash: string;
  packId: string;
  packVersion: string;
  policy: ScoringPolicy;
  competencies: CompetencyScore[];
  overall: number;
  /** overall = Σ share × competency score; these shares' contributions add up to overall. */
  overallContributions: { competency: string; weight: number; contribution: number }[];
  band: Band;
  thresholds: { recommendAt: number; borderlineAt: number };
};

export const TOP_CONTRIBUTIONS = 6;
const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

/** Rounds values to integer tenths so that they sum to round(total·10). */
export function roundToTotal(values: number[], total: number): number[] {
  const target = Math.round(total * 10) + 0; // + 0 turns -0 into 0
  const scaled = values.map((v) => v * 10);
  const floors = scaled.map((v) => Math.floor(v + 1e-9));
  let diff = target - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, frac: v - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (let k = 0; diff > 0 && order.length; k = (k + 1) % order.length, diff--) out[order[k]!.i]! += 1;
  for (let k = order.length - 1; diff < 0 && order.length; k = (k - 1 + order.length) % order.length, diff++) out[order[k]!.i]! -= 1;
  return out;
}

export function levelOf(score: number): number {
  return 1 + Math.min(4, Math.floor(score / 20));
}

export function bandOf(overall: number, pack: JobPack): Band {
  if (overall >= pack.scoring.recommendAt) return 'recommend';
  if (overall >= pack.scoring.borderlineAt) return 'borderline';
  return 'not_recommended';
}

export function explain(pack: JobPack, weights: WeightsFile, x: Float64Array, evidence: Evidence[], out: ModelOutput, meta: { modelVersion: string; weightsHash: string; policy: ScoringPolicy }): ScoreResult {
  const competencies = weights.competencies.map((c, ci): CompetencyScore => {
    const terms = weights.features
      .map((f, fi) => ({ f, fi, exact: f.weight * x[fi]! }))
      .filter((tm) => tm.f.competency === c.id && tm.exact !== 0);
    // Rubric phrases the applicant negated ("I would not stay calm") earn nothing, but the
    // manager should see that they were heard: listed with 0 points.
    const negatedTerms = weights.features
      .map((f, fi) => ({ f, fi }))
      .filter(({ f, fi }) => f.competency === c.id && x[fi] === 0 && evidence[fi]?.negated?.length)
      .map(({ f, fi }): Contribution => ({ feature: f.id, kind: 'feature', label: f.label, contribution: 0, value: 0, weight: f.weight, evidence: [], measured: null, negated: evidence[fi]!.negated! }));
    const score = out.scores[ci]!;
    const sum = c.intercept + terms.reduce((s, tm) => s + tm.exact, 0);
    const clamp = score - sum;
    const hasClamp = Math.abs(clamp) > 1e-9;
    const values = [c.intercept, ...terms.map((tm) => tm.exact), ...(hasClamp ? [clamp] : [])];
    const tenths = roundToTotal(values, score);
    const featureTerms = terms
      .map((tm, k): Contribution => {
        const ev: Evidence = evidence[tm.fi]!;
        return {
          feature: tm.f.id,
          kind: 'feature',
          label: tm.f.label,
          contribution: tenths[k + 1]! / 10,
          value: x[tm.fi]!,
          weight: tm.f.weight,
          evidence: ev.quotes,
          measured: ev.measured,
          ...(ev.negated?.length ? { negated: ev.negated } : {}),
        };
      })
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature));
    const top = featureTerms.slice(0, TOP_CONTRIBUTIONS);
    const rest = featureTerms.slice(TOP_CONTRIBUTIONS);
    const contributions: Contribution[] = [
      ...top,
      ...negatedTerms,
      ...(rest.length
        ? [{ feature: 'other', kind: 'other' as const, label: t('其他较小因素', 'other smaller factors'), contribution: rest.reduce((s, r) => s + Math.round(r.contribution * 10), 0) / 10, value: null, weight: null, evidence: [], measured: null, count: rest.length }]
        : []),
      { feature: 'baseline', kind: 'baseline', label: t('基础分', 'baseline'), contribution: tenths[0]! / 10, value: null, weight: null, evidence: [], measured: null },
      ...(hasClamp ? [{ feature: 'clamp', kind: 'clamp' as const, label: t('限制在 0–100 分之内', 'kept within 0–100'), contribution: tenths.at(-1)! / 10, value: null, weight: null, evidence: [], measured: null }] : []),
    ];
    const name = pack.competencies.find((pc) => pc.id === c.id)?.name ?? t(c.id, c.id);
    const rounded = Math.round(score * 10) / 10;
    return { id: c.id, name, score: rounded, level: levelOf(rounded), contributions };
  });
  const total = weights.competencies.reduce((s, c) => s + c.overallWeight, 0);
  const shares = weights.competencies.map((c, ci) => (c.overallWeight / total) * out.scores[ci]!);
  const overallTenths = roundToTotal(shares, out.overall);
  const overall = Math.round(out.overall * 10) / 10;
  return {
    modelVersion: meta.modelVersion,
    weightsHash: meta.weightsHash,
    packId: pack.id,
    packVersion: pack.version,
    policy: meta.policy,
    competencies,
    overall,
    overallContributions: weights.competencies.map((c, ci) => ({ competency: c.id, weight: c.overallWeight / total, contribution: overallTenths[ci]! / 10 })),
    band: bandOf(overall, pack),
    thresholds: { recommendAt: pack.scoring.recommendAt, borderlineAt: pack.scoring.borderlineAt },
  };
}
