/** Small, dependency-free statistics for the validity and adverse-impact reports. */

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Two-proportion z-test (pooled), two-sided. Returns p = 1 when either group is empty or the
 * pooled rate is 0 or 1 (no evidence of a difference can exist).
 */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const p = (x1 + x2) / (n1 + n2);
  if (p === 0 || p === 1) return 1;
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const z = (x1 / n1 - x2 / n2) / se;
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/** Pearson correlation with a 95% confidence interval via Fisher's z. null when undefined. */
export function correlation(xs: number[], ys: number[]): { r: number; n: number; ci95: [number, number] } | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 4) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = Math.max(-0.999999, Math.min(0.999999, sxy / Math.sqrt(sxx * syy)));
  const z = Math.atanh(r);
  const se = 1 / Math.sqrt(n - 3);
  return { r, n, ci95: [Math.tanh(z - 1.96 * se), Math.tanh(z + 1.96 * se)] };
}
