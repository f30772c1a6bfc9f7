/**
 * Agreement between machine and human grades (levels 1–5): quadratic weighted kappa, Spearman's
 * ρ between the machine score and the human level, exact and adjacent agreement, and a seeded
 * bootstrap 95 % interval for QWK (deterministic, so the figures in a model card can be re-measured).
 */
export const LEVELS = 5;

/** Score 0–100 → level 1–5 (25 points a level, centred: 0 → 1, 25 → 2 … 100 → 5). */
export const scoreToLevel = (score: number): number => Math.max(1, Math.min(LEVELS, Math.round(score / 25) + 1));

export function qwk(human: readonly number[], machine: readonly number[]): number {
  const n = human.length;
  if (n === 0) return 0;
  const O = Array.from({ length: LEVELS }, () => new Array<number>(LEVELS).fill(0));
  const hh = new Array<number>(LEVELS).fill(0);
  const mm = new Array<number>(LEVELS).fill(0);
  for (let i = 0; i < n; i++) {
    const a = human[i]! - 1;
    const b = machine[i]! - 1;
    O[a]![b]! += 1;
    hh[a]! += 1;
    mm[b]! += 1;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < LEVELS; i++) {
    for (let j = 0; j < LEVELS; j++) {
      const w = ((i - j) * (i - j)) / ((LEVELS - 1) * (LEVELS - 1));
      num += w * O[i]![j]!;
      den += (w * hh[i]! * mm[j]!) / n;
    }
  }
  return den === 0 ? 1 : 1 - num / den;
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const r = new Array<number>(xs.length);
  for (let k = 0; k < order.length;) {
    let e = k;
    while (e + 1 < order.length && order[e + 1]!.v === order[k]!.v) e++;
    for (let m = k; m <= e; m++) r[order[m]!.i] = (k + e) / 2 + 1;
    k = e + 1;
  }
  return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  if (n < 2) return 0;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (ra[i]! - ma) * (rb[i]! - mb);
    va += (ra[i]! - ma) ** 2;
    vb += (rb[i]! - mb) ** 2;
  }
  return va && vb ? cov / Math.sqrt(va * vb) : 0;
}

/** mulberry32: a small seeded generator so bootstrap intervals are reproducible. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type AgreementFigures = { n: number; qwk: number; qwkLow: number; qwkHigh: number; spearman: number; exact: number; adjacent: number };
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function agreement(human: readonly number[], scores: readonly number[], opts: { resamples?: number; seed?: number } = {}): AgreementFigures {
  const machine = scores.map(scoreToLevel);
  const n = human.length;
  const rnd = seeded(opts.seed ?? 20261201);
  const boots: number[] = [];
  for (let b = 0; b < (opts.resamples ?? 1000); b++) {
    const h: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rnd() * n);
      h.push(human[k]!);
      m.push(machine[k]!);
    }
    boots.push(qwk(h, m));
  }
  boots.sort((a, b) => a - b);
  return {
    n,
    qwk: r3(qwk(human, machine)),
    qwkLow: r3(boots[Math.floor(0.025 * boots.length)] ?? 0),
    qwkHigh: r3(boots[Math.min(boots.length - 1, Math.floor(0.975 * boots.length))] ?? 0),
    spearman: r3(spearman(scores, human)),
    exact: r3(n ? machine.filter((m, i) => m === human[i]).length / n : 0),
    adjacent: r3(n ? machine.filter((m, i) => Math.abs(m - human[i]!) <= 1).length / n : 0),
  };
}
