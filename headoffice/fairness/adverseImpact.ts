import { twoProportionP } from './stats.js';

/**
 * Adverse-impact check in the shape of the bias audits New York City's Local Law 144 requires:
 * per category (and intersection), the number of applicants, the selection rate (here: share
 * recommended by the model) and the scoring rate (share scoring above the whole sample's
 * median), and the impact ratio against the most favoured category.
 *
 * Rules (documented in docs/fairness.md):
 * - a category with fewer than MIN_GROUP applicants, or under 2% of the sample, is reported as
 *   "insufficient" with its counts — never hidden, never given a ratio;
 * - the check FAILS when any sufficient category's impact ratio is below 0.8 (the four-fifths
 *   rule), whatever the p-value; the two-proportion test against the reference category is
 *   reported beside it so reviewers see whether the gap is also statistically significant;
 * - it is "insufficient" overall when fewer than two categories of a dimension are sufficient.
 */
export const MIN_GROUP = 30;
export const FOUR_FIFTHS = 0.8;

export type Person = { groups: Record<string, string | null>; isRecommended: boolean; score: number };
export type GroupRow =
  | { dimension: string; category: string; n: number; status: 'insufficient'; selected: number }
  | {
      dimension: string;
      category: string;
      n: number;
      status: 'ok' | 'adverse';
      selected: number;
      selectionRate: number;
      scoringRate: number;
      impactRatio: number;
      scoringImpactRatio: number;
      pValue: number;
      isReference: boolean;
    };
/** unknown: per dimension, how many people gave no answer (LL144 audits report this count). */
export type ImpactReport = { verdict: 'pass' | 'fail' | 'insufficient'; total: number; median: number; rows: GroupRow[]; reasons: string[]; unknown: Record<string, number> };

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function adverseImpact(people: Person[], dimensions: string[], opts: { intersections?: boolean } = {}): ImpactReport {
  const median = medianOf(people.map((p) => p.score));
  const dims = [...dimensions];
  if (opts.intersections !== false && dimensions.length >= 2) dims.push(dimensions.join('×'));
  const categoryOf = (p: Person, dim: string): string | null => {
    const parts = dim.split('×').map((d) => p.groups[d] ?? null);
    return parts.some((x) => x === null) ? null : parts.join(' × ');
  };
  const rows: GroupRow[] = [];
  const reasons: string[] = [];
  const unknown: Record<string, number> = {};
  let anySufficientDimension = false;
  for (const dim of dims) {
    const byCat = new Map<string, Person[]>();
    unknown[dim] = 0;
    for (const p of people) {
      const c = categoryOf(p, dim);
      if (c === null) unknown[dim] = (unknown[dim] ?? 0) + 1;
      else {
        const list = byCat.get(c);
        if (list) list.push(p);
        else byCat.set(c, [p]);
      }
    }
    const stats = [...byCat.entries()].map(([category, ps]) => {
      const selected = ps.filter((p) => p.isRecommended).length;
      const aboveMedian = ps.filter((p) => p.score > median).length;
      return { category, n: ps.length, selected, selectionRate: selected / ps.length, scoringRate: aboveMedian / ps.length, aboveMedian };
    });
    const sufficient = stats.filter((s) => s.n >= MIN_GROUP && s.n >= 0.02 * people.length);
    if (sufficient.length >= 2) anySufficientDimension = true;
    const ref = sufficient.reduce<(typeof sufficient)[number] | null>((best, s) => (!best || s.selectionRate > best.selectionRate ? s : best), null);
    const refScoring = Math.max(0, ...sufficient.map((s) => s.scoringRate));
    for (const s of stats.sort((a, b) => a.category.localeCompare(b.category))) {
      if (!sufficient.includes(s) || !ref) {
        rows.push({ dimension: dim, category: s.category, n: s.n, status: 'insufficient', selected: s.selected });
        continue;
      }
      const impactRatio = ref.selectionRate === 0 ? 1 : s.selectionRate / ref.selectionRate;
      const scoringImpactRatio = refScoring === 0 ? 1 : s.scoringRate / refScoring;
      const isAdverse = sufficient.length >= 2 && (impactRatio < FOUR_FIFTHS || scoringImpactRatio < FOUR_FIFTHS);
      if (isAdverse) reasons.push(`${dim}: "${s.category}" impact ratio ${impactRatio.toFixed(2)} (scoring ${scoringImpactRatio.toFixed(2)}) is below ${FOUR_FIFTHS}`);
      rows.push({
        dimension: dim,
        category: s.category,
        n: s.n,
        status: isAdverse ? 'adverse' : 'ok',
        selected: s.selected,
        selectionRate: s.selectionRate,
        scoringRate: s.scoringRate,
        impactRatio,
        scoringImpactRatio,
        pValue: twoProportionP(s.selected, s.n, ref.selected, ref.n),
        isReference: s === ref,
      });
    }
  }
  const verdict = reasons.length > 0 ? 'fail' : anySufficientDimension ? 'pass' : 'insufficient';
  if (verdict === 'insufficient') reasons.push(`no dimension has two or more categories with at least ${MIN_GROUP} applicants`);
  return { verdict, total: people.length, median, rows, reasons, unknown };
}
