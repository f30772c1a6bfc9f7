import { describe, expect, it } from 'vitest';
import { adverseImpact, type Person } from '../../../headoffice/fairness/adverseImpact.js';
import { correlation, normalCdf, twoProportionP } from '../../../headoffice/fairness/stats.js';

/** Deterministic PRNG so the synthetic populations are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function population(n: number, recommendRate: Record<string, number>, seed = 7): Person[] {
  const r = rng(seed);
  const cats = Object.keys(recommendRate);
  return Array.from({ length: n }, (_, i) => {
    const gender = cats[i % cats.length]!;
    const isRecommended = r() < recommendRate[gender]!;
    return { groups: { gender, ageBand: r() < 0.5 ? '18-24' : '25-39' }, isRecommended, score: isRecommended ? 70 + r() * 30 : r() * 69 };
  });
}

describe('adverse impact (four-fifths rule)', () => {
  it('flags a population with planted bias and fails the check', () => {
    const rep = adverseImpact(population(1000, { female: 0.3, male: 0.6 }), ['gender', 'ageBand']);
    expect(rep.verdict).toBe('fail');
    const female = rep.rows.find((r) => r.dimension === 'gender' && r.category === 'female')!;
    expect(female.status).toBe('adverse');
    if (female.status !== 'insufficient') {
      expect(female.impactRatio).toBeGreaterThan(0.35);
      expect(female.impactRatio).toBeLessThan(0.65);
      expect(female.pValue).toBeLessThan(0.001);
    }
    expect(rep.reasons.join()).toContain('female');
  });

  it('passes a fair population and reports intersections', () => {
    const rep = adverseImpact(population(1000, { female: 0.5, male: 0.5 }), ['gender', 'ageBand']);
    expect(rep.verdict).toBe('pass');
    expect(rep.rows.some((r) => r.dimension === 'gender×ageBand' && r.category === 'female × 18-24')).toBe(true);
    expect(rep.rows.filter((r) => r.status !== 'insufficient' && r.isReference && r.dimension === 'gender')).toHaveLength(1);
  });

  it('reports small groups as insufficient instead of hiding them or giving ratios', () => {
    const people = [...population(200, { female: 0.5, male: 0.5 }), ...population(10, { nonbinary: 0.1 }, 3)];
    const rep = adverseImpact(people, ['gender']);
    const nb = rep.rows.find((r) => r.category === 'nonbinary')!;
    expect(nb).toEqual({ dimension: 'gender', category: 'nonbinary', n: 10, status: 'insufficient', selected: expect.any(Number) });
  });

  it('a store with too few outcomes is insufficient overall', () => {
    expect(adverseImpact(population(40, { female: 0.5, male: 0.5 }), ['gender']).verdict).toBe('insufficient');
  });

  it('people without self-identification are left out of that dimension, not guessed', () => {
    const people = population(300, { female: 0.5, male: 0.5 }).map((p, i) => (i % 3 === 0 ? { ...p, groups: { gender: null, ageBand: p.groups.ageBand! } } : p));
    const rep = adverseImpact(people, ['gender']);
    expect(rep.rows.filter((r) => r.dimension === 'gender').reduce((a, r) => a + r.n, 0)).toBe(200);
  });
});

describe('statistics', () => {
  it('normal CDF and the two-proportion test match textbook values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(twoProportionP(50, 100, 50, 100)).toBeCloseTo(1, 6);
    expect(twoProportionP(30, 100, 60, 100)).toBeLessThan(0.001);
  });
  it('correlation with a confidence interval that contains the truth', () => {
    const r = rng(11);
    const xs = Array.from({ length: 500 }, () => r());
    const ys = xs.map((x) => x + (r() - 0.5) * 0.5);
    const c = correlation(xs, ys)!;
    expect(c.r).toBeGreaterThan(0.8);
    expect(c.ci95[0]).toBeLessThan(c.r);
    expect(c.ci95[1]).toBeGreaterThan(c.r);
    expect(correlation([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
  });
});
