/**
 * Validity report per job: how each competency score, the overall score and each feature
 * relate to the outcomes (still working at 90 and 30 days: point-biserial r; manager rating:
 * Pearson r), with the sample size and a 95% confidence interval (Fisher z) for each. Scores
 * are those of the model given (normally the one in use), recomputed from the features.
 *
 * Refitting is refused below MIN_REFIT: at least 100 hires with a known 90-day outcome and at
 * least 20 in each class (stayed / left). Below that a refit mostly learns noise, and the
 * holdout comparison (30% of the sample) would rest on a handful of people.
 */
import { weightsEvaluator, type WeightsFile } from '../../core/scoring/weightsFile.js';
import type { Sample } from './samples.js';
import { auc } from './holdout.js';
import { correlation } from './stats.js';

export const MIN_REFIT = { n: 100, perClass: 20 } as const;

export type Relation = { r: number; n: number; ci95: [number, number] } | { r: null; n: number; note: string };
export type OutcomeKey = 'retained90' | 'retained30' | 'rating';
export const OUTCOME_KEYS: OutcomeKey[] = ['retained90', 'retained30', 'rating'];

export type ValidityReport = {
  packId: string;
  modelVersion: string;
  generatedAt: string;
  sample: { interviews: number; hired: number; retained90Known: number; retained90Yes: number; retained90No: number; retained30Known: number; ratingKnown: number };
  refit: { isAllowed: boolean; reason: string | null; minimum: typeof MIN_REFIT };
  overall: Record<OutcomeKey, Relation> & { aucRetained90: number | null };
  competencies: ({ id: string } & Record<OutcomeKey, Relation>)[];
  features: ({ id: string; group: string; competency: string; weight: number; meanStayed: number | null; meanLeft: number | null } & Record<OutcomeKey, Relation>)[];
};

const r4 = (v: number) => Math.round(v * 10000) / 10000;

function relate(xs: number[], ys: (number | null)[]): Relation {
  const px: number[] = [];
  const py: number[] = [];
  ys.forEach((y, i) => {
    if (y !== null) {
      px.push(xs[i]!);
      py.push(y);
    }
  });
  if (px.length < 4) return { r: null, n: px.length, note: 'too few outcomes' };
  const c = correlation(px, py);
  if (!c) return { r: null, n: px.length, note: 'no variation' };
  return { r: r4(c.r), n: c.n, ci95: [r4(c.ci95[0]), r4(c.ci95[1])] };
}

const mean = (xs: number[]) => (xs.length ? r4(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export function refitEligibility(samples: Sample[]): { isAllowed: boolean; reason: string | null } {
  const known = samples.filter((s) => s.outcome?.retained90 !== null && s.outcome?.retained90 !== undefined);
  return eligibility(known.length, known.filter((s) => s.outcome!.retained90 === 1).length);
}

/** known = hires with a known 90-day outcome, stayed = how many of them were still working. */
export function eligibility(known: number, stayed: number): { isAllowed: boolean; reason: string | null } {
  const left = known - stayed;
  if (known < MIN_REFIT.n) return { isAllowed: false, reason: `only ${known} hires have a known 90-day outcome; refitting needs at least ${MIN_REFIT.n}` };
  if (Math.min(stayed, left) < MIN_REFIT.perClass) return { isAllowed: false, reason: `${stayed} stayed and ${left} left by 90 days; refitting needs at least ${MIN_REFIT.perClass} of each` };
  return { isAllowed: true, reason: null };
}

export function validityReport(samples: Sample[], weights: WeightsFile, now = new Date().toISOString()): ValidityReport {
  const hired = samples.filter((s) => s.outcome !== null);
  const evaluate = weightsEvaluator(weights);
  const scored = hired.map((s) => evaluate(s.x));
  const ys: Record<OutcomeKey, (number | null)[]> = {
    retained90: hired.map((s) => s.outcome!.retained90),
    retained30: hired.map((s) => s.outcome!.retained30),
    rating: hired.map((s) => s.outcome!.rating),
  };
  const relateAll = (xs: number[]) => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, relate(xs, ys[k])])) as Record<OutcomeKey, Relation>;
  const overall = scored.map((o) => o.overall);
  const k90 = hired.map((s, i) => ({ y: s.outcome!.retained90, score: overall[i]! })).filter((p) => p.y !== null);
  return {
    packId: weights.packId,
    modelVersion: weights.modelVersion,
    generatedAt: now,
    sample: {
      interviews: samples.length,
      hired: hired.length,
      retained90Known: k90.length,
      retained90Yes: k90.filter((p) => p.y === 1).length,
      retained90No: k90.filter((p) => p.y === 0).length,
      retained30Known: ys.retained30.filter((y) => y !== null).length,
      ratingKnown: ys.rating.filter((y) => y !== null).length,
    },
    refit: { ...refitEligibility(samples), minimum: MIN_REFIT },
    overall: {
      ...relateAll(overall),
      aucRetained90:
        k90.length && new Set(k90.map((p) => p.y)).size === 2
          ? r4(
              auc(
                k90.map((p) => p.score),
                k90.map((p) => p.y!),
              ),
            )
          : null,
    },
    competencies: weights.competencies.map((c, ci) => ({ id: c.id, ...relateAll(scored.map((o) => o.scores[ci]!)) })),
    features: weights.features.map((f, fi) => {
      const xs = hired.map((s) => s.x[fi]!);
      return {
        id: f.id,
        group: f.group,
        competency: f.competency,
        weight: f.weight,
        meanStayed: mean(xs.filter((_, i) => ys.retained90[i] === 1)),
        meanLeft: mean(xs.filter((_, i) => ys.retained90[i] === 0)),
        ...relateAll(xs),
      };
    }),
  };
}
