import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bumpMinor, fitLogistic, refit, solveSpd } from '../../../core/scoring/refit.js';
import { WeightsFile, weightsEvaluator } from '../../../core/scoring/weightsFile.js';
import { ROOT } from '../../fixtures/scoring/fixtures.js';

/** Deterministic PRNG (mulberry32), so the synthetic data and the test are reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function synth(n: number, beta: number[], b0: number, seed: number) {
  const r = rng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = beta.map(() => r());
    X.push(x);
    y.push(r() < sigmoid(b0 + x.reduce((s, v, j) => s + v * beta[j]!, 0)) ? 1 : 0);
  }
  return { X, y };
}

describe('L2-regularised logistic regression (own Newton solver)', () => {
  it('solves SPD systems', () => {
    expect(
      solveSpd(
        [
          [4, 2],
          [2, 3],
        ],
        [2, 5],
      ).map((v) => Math.round(v * 1e9) / 1e9),
    ).toEqual([-0.5, 2]);
  });

  it('recovers planted weights from synthetic outcomes', () => {
    // 20 000 samples, features U(0,1): the standard error of each coefficient is about
    // 1/sqrt(n · Var(x) · p(1-p)) ≈ 1/sqrt(20000 · 1/12 · 0.2) ≈ 0.055 (a little more with the
    // intercept correlated), and λ = 1 shrinks by ~0.3 %. A tolerance of 0.25 is ≈ 4 standard
    // errors: a correct fitter passes for any seed, a wrong sign, scale or a swapped column fails.
    const beta = [2.0, -1.5, 0.0, 3.0, 0.8];
    const b0 = -1.2;
    const { X, y } = synth(20_000, beta, b0, 42);
    const fit = fitLogistic(X, y, { lambda: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    fit.coef.forEach((c, j) => expect(Math.abs(c - beta[j]!)).toBeLessThan(0.25));
    expect(Math.abs(fit.intercept - b0)).toBeLessThan(0.25);
    // At the optimum the penalised gradient vanishes.
    const g = new Array<number>(beta.length).fill(0);
    X.forEach((x, i) => {
      const p = sigmoid(fit.intercept + x.reduce((s, v, j) => s + v * fit.coef[j]!, 0));
      x.forEach((v, j) => (g[j]! += (y[i]! - p) * v));
    });
    g.forEach((v, j) => expect(Math.abs(v - fit.coef[j]!)).toBeLessThan(1e-6));
  });

  it('shrinks coefficients as lambda grows', () => {
    const { X, y } = synth(2000, [2, -2], 0, 7);
    const weak = fitLogistic(X, y, { lambda: 0.01 });
    const strong = fitLogistic(X, y, { lambda: 2000 });
    expect(Math.hypot(...strong.coef)).toBeLessThan(Math.hypot(...weak.coef) / 2);
  });
});

describe('refit → new weights file', () => {
  // Head office starts from the model kiosks use: the committed weights fitted on the graded bank.
  const base = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models', 'scoring', 'weights', 'cashier.weights.json'), 'utf8')));
  const first = (prefix: string) => base.features.find((f) => f.id.startsWith(prefix))!.id;

  it('maps the fit to points, bumps the model version, keeps mean scores and leaves gated features alone', () => {
    const ids = [first('struct:'), first('spec:disputed-change:'), 'ind:why-cashier:reliability:clear-schedule', 'skills:accuracy'];
    expect(new Set(ids).size).toBe(4);
    for (const id of ids)
      expect(
        base.features.some((f) => f.id === id),
        id,
      ).toBe(true);
    const planted = [2.5, 1.0, 1.5, 3.0];
    const r = rng(3);
    const samples = Array.from({ length: 8000 }, () => {
      const features: Record<string, number> = {};
      for (const f of base.features) if (f.group === 'text' || f.group === 'skills') features[f.id] = f.id.startsWith('ind:') ? (r() < 0.5 ? 1 : 0) : r();
      const z = -3.5 + ids.reduce((s, id, k) => s + planted[k]! * features[id]!, 0);
      return { features, outcome: r() < sigmoid(z) };
    });
    const out = refit(samples, { base, created: '2026-12-01T00:00:00Z', lambda: 1, pointsPerLogit: 15 });
    expect(out.weights.modelVersion).toBe(bumpMinor(base.modelVersion));
    expect(out.fit.converged).toBe(true);
    // Only competency feature weights are refitted: the answer model, its exemplars, the bank
    // agreement it was measured with and the skills share are the base model's.
    expect(out.weights.formatVersion).toBe(2);
    for (const k of ['answerModel', 'exemplars', 'bank', 'skillsShare', 'packId', 'packVersion'] as const) expect(out.weights[k], k).toEqual(base[k]);
    expect(out.weights.features.map((f) => [f.id, f.group, f.competency, f.label])).toEqual(base.features.map((f) => [f.id, f.group, f.competency, f.label]));
    const w = Object.fromEntries(out.weights.features.map((f) => [f.id, f.weight]));
    // 8 000 samples and ~100 fitted features: SE ≈ 0.1–0.15 logits → tolerance 0.6 logits = 9 points.
    ids.forEach((id, k) => expect(Math.abs(w[id]! - 15 * planted[k]!)).toBeLessThan(9));
    const unrelated = out.weights.features.filter((f) => (f.group === 'text' || f.group === 'skills') && !ids.includes(f.id));
    expect(Math.max(...unrelated.map((f) => Math.abs(f.weight)))).toBeLessThan(9);
    for (const g of ['speech', 'face', 'expression'] as const) {
      expect(out.weights.features.filter((f) => f.group === g)).toEqual(base.features.filter((f) => f.group === g));
    }
    // Intercepts re-centred: each competency's mean raw score over the samples is unchanged.
    const means = (ws: typeof base) => {
      const sums = ws.competencies.map(() => 0);
      const evaluate = weightsEvaluator(ws);
      for (const smp of samples) evaluate(ws.features.map((f) => smp.features[f.id] ?? 0)).raw.forEach((v, c) => (sums[c]! += v));
      return sums.map((v) => v / samples.length);
    };
    const [after, before] = [means(out.weights), means(base)];
    base.competencies.forEach((_, c) => expect(Math.abs(after[c]! - before[c]!)).toBeLessThan(0.01));
  });
});
