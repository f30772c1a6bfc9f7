/**
 * Refit for head office: L2-regularised logistic regression of an outcome (e.g. still working
 * at 90 days) on interview features, fitted by Newton's method (IRLS) with our own small linear
 * algebra, then turned into a new weights file with a bumped model version.
 *
 * Mapping back to points: weight_f = pointsPerLogit · β_f for every fitted feature (each feature
 * still feeds the same single competency), and each competency's intercept is re-set so that its
 * mean raw score over the samples stays what the old weights gave: the pack's recommend/
 * borderline thresholds keep their meaning. Only text and skills features are fitted by default;
 * delivery, face and expression features keep their (policy-gated, capped) weights unless
 * explicitly included, and the result is re-validated against the fairness caps.
 * Run an adverse-impact check on the new weights before publishing them.
 */
import { weightsEvaluator, WeightsFile, type FeatureGroup } from './weightsFile.js';

export type RefitSample = { features: Record<string, number>; outcome: boolean | 0 | 1 };
export type RefitOptions = {
  base: WeightsFile;
  /** L2 strength on the coefficients (not the intercept), in units of the summed log-likelihood. */
  lambda?: number;
  pointsPerLogit?: number;
  groups?: FeatureGroup[];
  created: string;
  maxIterations?: number;
  tolerance?: number;
};
export type LogisticFit = { intercept: number; coef: number[]; iterations: number; converged: boolean; logLikelihood: number };
export type RefitResult = { weights: WeightsFile; fit: LogisticFit; featureIds: string[] };

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A·x = b for symmetric positive definite A (Cholesky). */
export function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (s <= 0) throw new Error('matrix is not positive definite (collinear features? raise lambda)');
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/** Maximises Σ log p(y|x) − λ/2·|β|² over (b0, β) by Newton steps. */
export function fitLogistic(X: number[][], y: number[], opts: { lambda?: number; maxIterations?: number; tolerance?: number } = {}): LogisticFit {
  const lambda = opts.lambda ?? 1;
  const maxIt = opts.maxIterations ?? 50;
  const tol = opts.tolerance ?? 1e-10;
  const n = X.length;
  const d = (X[0]?.length ?? 0) + 1; // column 0 = intercept
  if (n === 0) throw new Error('no samples');
  let theta = new Array<number>(d).fill(0);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIt; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const row = X[i]!;
      let z = theta[0]!;
      for (let j = 1; j < d; j++) z += theta[j]! * row[j - 1]!;
      const p = sigmoid(z);
      const r = y[i]! - p;
      const w = p * (1 - p);
      for (let a = 0; a < d; a++) {
        const xa = a === 0 ? 1 : row[a - 1]!;
        grad[a]! += r * xa;
        for (let b = 0; b <= a; b++) H[a]![b]! += w * xa * (b === 0 ? 1 : row[b - 1]!);
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b]![a] = H[a]![b]!;
    for (let a = 1; a < d; a++) {
      grad[a]! -= lambda * theta[a]!;
      H[a]![a]! += lambda;
    }
    H[0]![0]! += 1e-12; // keeps an all-one-outcome sample set solvable
    const step = solveSpd(H, grad);
    theta = theta.map((v, k) => v + step[k]!);
    if (Math.max(...step.map(Math.abs)) < tol) {
      converged = true;
      iterations++;
      break;
    }
  }
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let z = theta[0]!;
    for (let j = 1; j < d; j++) z += theta[j]! * X[i]![j - 1]!;
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(z)));
    ll += y[i]! ? Math.log(p) : Math.log(1 - p);
  }
  return { intercept: theta[0]!, coef: theta.slice(1), iterations, converged, logLikelihood: ll };
}

export function bumpMinor(version: string): string {
  const [a, b] = version.split('.').map(Number);
  return `${a}.${b! + 1}.0`;
}

export function refit(samples: RefitSample[], opts: RefitOptions): RefitResult {
  const groups = new Set<FeatureGroup>(opts.groups ?? ['text', 'skills']);
  const base = opts.base;
  const fitted = base.features.filter((f) => groups.has(f.group));
  const featureIds = fitted.map((f) => f.id);
  const X = samples.map((s) => featureIds.map((id) => s.features[id] ?? 0));
  const y = samples.map((s) => (s.outcome === true || s.outcome === 1 ? 1 : 0));
  const fit = fitLogistic(X, y, { lambda: opts.lambda, maxIterations: opts.maxIterations, tolerance: opts.tolerance });
  const k = opts.pointsPerLogit ?? 15;
  const coefById = new Map(featureIds.map((id, i) => [id, fit.coef[i]!]));
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  const features = base.features.map((f) => (coefById.has(f.id) ? { ...f, weight: r4(k * coefById.get(f.id)!) } : f));

  // Keep each competency's mean raw score over the samples, so thresholds keep their meaning.
  const full = samples.map((s) => base.features.map((f) => s.features[f.id] ?? 0));
  const meanRaw = (w: WeightsFile): number[] => {
    const sums = new Array<number>(w.competencies.length).fill(0);
    const evaluate = weightsEvaluator(w);
    for (const x of full) evaluate(x).raw.forEach((v, c) => (sums[c]! += v));
    return sums.map((v) => v / Math.max(1, full.length));
  };
  // answerModel, exemplars, bank and skillsShare carry over unchanged: only competency feature weights are refitted, so the per-answer display no longer exactly matches the competency scores.
  const draft = { ...base, features };
  const before = meanRaw(base);
  const after = meanRaw(draft);
  const weights = WeightsFile.parse({
    ...draft,
    modelVersion: bumpMinor(base.modelVersion),
    created: opts.created,
    competencies: base.competencies.map((c, i) => ({ ...c, intercept: r4(c.intercept + before[i]! - after[i]!) })),
    notes: `Refit from ${base.modelVersion} on ${samples.length} outcomes (L2 λ=${opts.lambda ?? 1}, ${k} points per logit, groups ${[...groups].join('+')}, ${fit.converged ? 'converged' : 'NOT converged'} in ${fit.iterations} Newton steps).`,
  });
  return { weights, fit, featureIds };
}
