/**
 * Held-out comparison of two models on outcomes: a fixed split by interview id (the same
 * person is always on the same side, whoever runs it), AUC of the overall score against
 * "still working at 90 days", and log-loss after mapping each model's score to a probability
 * with a one-variable logistic fit on the training side (Platt scaling) — a score is not a
 * probability, so log-loss needs that calibration, fitted without looking at the holdout.
 */
import crypto from 'node:crypto';
import { fitLogistic } from '../../core/scoring/refit.js';

export const HOLDOUT_SHARE = 0.3;

export function isHoldout(interviewId: string, share = HOLDOUT_SHARE): boolean {
  const h = crypto.createHash('sha256').update(`holdout-v1\n${interviewId}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < share;
}

/** Area under the ROC curve (Mann–Whitney, ties count half). NaN without both classes. */
export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && idx[j]!.s === idx[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (idx[k]!.y === 1) {
        rankSumPos += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function logLoss(p: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]!));
    s -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / Math.max(1, p.length);
}

/** Score (0–100) → P(outcome) by a logistic fit on training data. */
export function platt(scores: number[], y: number[]): (score: number) => number {
  const fit = fitLogistic(
    scores.map((s) => [s / 100]),
    y,
    { lambda: 1e-3 },
  );
  return (s) => 1 / (1 + Math.exp(-(fit.intercept + fit.coef[0]! * (s / 100))));
}

export type ModelEval = { auc: number | null; logLoss: number; brier: number };

export function evaluateOnHoldout(train: { score: number; y: number }[], test: { score: number; y: number }[]): ModelEval {
  const cal = platt(
    train.map((t) => t.score),
    train.map((t) => t.y),
  );
  const p = test.map((t) => cal(t.score));
  const y = test.map((t) => t.y);
  const a = auc(
    test.map((t) => t.score),
    y,
  );
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  return { auc: Number.isNaN(a) ? null : r4(a), logLoss: r4(logLoss(p, y)), brier: r4(p.reduce((s, q, i) => s + (q - y[i]!) ** 2, 0) / Math.max(1, p.length)) };
}
