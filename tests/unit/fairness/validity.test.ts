import { describe, expect, it } from 'vitest';
import { auc, evaluateOnHoldout, isHoldout, logLoss } from '../../../headoffice/fairness/holdout.js';
import type { Sample } from '../../../headoffice/fairness/samples.js';
import { eligibility, MIN_REFIT, validityReport } from '../../../headoffice/fairness/validity.js';
import { csvCell } from '../../../headoffice/outcomes/csv.js';
import { parseCsv } from '../../../headoffice/outcomes/csv.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const label = { 'zh-CN': 'x', en: 'x' };
const weights = WeightsFile.parse({
  format: 'kiosk-scoring-weights',
  formatVersion: 1,
  packId: 'toy',
  packVersion: '1.0.0',
  modelVersion: '1.0.0',
  created: '2026-01-01T00:00:00Z',
  competencies: [
    { id: 'a', intercept: 30, overallWeight: 1 },
    { id: 'b', intercept: 30, overallWeight: 1 },
  ],
  features: [
    { id: 'ind:q:a:planted', group: 'text', competency: 'a', weight: 10, label },
    { id: 'ind:q:b:noise', group: 'text', competency: 'b', weight: 10, label },
  ],
});

/** Outcome depends on the planted feature only. */
function samples(n: number, seed = 1): Sample[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const planted = r() < 0.5 ? 1 : 0;
    const noise = r() < 0.5 ? 1 : 0;
    const stayed = r() < (planted ? 0.8 : 0.25) ? 1 : 0;
    return {
      interviewId: `iv${i}`,
      storeId: 'S',
      packId: 'toy',
      finishedAt: null,
      x: Float64Array.from([planted, noise]),
      deployed: { band: null, overall: null, modelVersion: null },
      outcome: i % 5 === 4 ? null : { hireDate: '2026-01-01', retained30: stayed || r() < 0.5 ? 1 : 0, retained90: stayed as 0 | 1, rating: 2 + planted * 2 + (r() < 0.5 ? 1 : 0) },
    };
  });
}

describe('validity report', () => {
  it('finds the predictive feature, with n and a 95% CI that excludes 0; the noise feature’s CI includes 0', () => {
    const v = validityReport(samples(1000), weights);
    expect(v.sample).toMatchObject({ interviews: 1000, hired: 800, retained90Known: 800 });
    const [planted, noise] = v.features;
    if (planted!.retained90.r === null || noise!.retained90.r === null) throw new Error('expected correlations');
    expect(planted!.retained90.n).toBe(800);
    expect(planted!.retained90.r).toBeGreaterThan(0.4);
    expect(planted!.retained90.ci95[0]).toBeGreaterThan(0.3);
    expect(noise!.retained90.ci95[0]).toBeLessThan(0);
    expect(noise!.retained90.ci95[1]).toBeGreaterThan(0);
    expect(planted!.meanStayed! - planted!.meanLeft!).toBeGreaterThan(0.4);
    expect(v.competencies.find((c) => c.id === 'a')!.rating.r).toBeGreaterThan(0.5);
    expect(v.overall.aucRetained90).toBeGreaterThan(0.7);
    expect(v.refit.isAllowed).toBe(true);
  });

  it('refuses to refit below the documented minimum (100 known, 20 per class)', () => {
    expect(MIN_REFIT).toEqual({ n: 100, perClass: 20 });
    expect(eligibility(99, 50).isAllowed).toBe(false);
    expect(eligibility(100, 50)).toEqual({ isAllowed: true, reason: null });
    expect(eligibility(100, 81).reason).toMatch(/81 stayed and 19 left/);
    expect(eligibility(100, 19).isAllowed).toBe(false);
    const few = validityReport(samples(60), weights);
    expect(few.refit).toMatchObject({ isAllowed: false, reason: expect.stringMatching(/only 48 hires/) });
  });

  it('reports too few outcomes instead of a correlation', () => {
    const v = validityReport(samples(3), weights);
    expect(v.features[0]!.retained90).toMatchObject({ r: null, note: 'too few outcomes' });
  });
});

describe('holdout comparison', () => {
  it('AUC matches hand-computed values (ties count half)', () => {
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([1, 2, 3, 4], [0, 1, 0, 1])).toBe(0.75);
    expect(auc([1, 2], [1, 1])).toBeNaN();
  });
  it('log-loss of a coin is ln 2; a calibrated informative score beats an uninformative one', () => {
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.LN2, 10);
    const r = rng(3);
    const pts = Array.from({ length: 600 }, () => {
      const y = r() < 0.5 ? 1 : 0;
      return { good: 50 + (y ? 15 : -15) + (r() - 0.5) * 40, bad: r() * 100, y };
    });
    const train = pts.slice(0, 400);
    const test = pts.slice(400);
    const good = evaluateOnHoldout(
      train.map((p) => ({ score: p.good, y: p.y })),
      test.map((p) => ({ score: p.good, y: p.y })),
    );
    const bad = evaluateOnHoldout(
      train.map((p) => ({ score: p.bad, y: p.y })),
      test.map((p) => ({ score: p.bad, y: p.y })),
    );
    expect(good.auc!).toBeGreaterThan(0.8);
    expect(Math.abs(bad.auc! - 0.5)).toBeLessThan(0.1);
    expect(good.logLoss).toBeLessThan(bad.logLoss);
    expect(bad.logLoss).toBeGreaterThan(0.65);
  });
  it('the split is stable per interview and close to 30%', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `iv-${i}`);
    const share = ids.filter((id) => isHoldout(id)).length / ids.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.32);
    expect(ids.map((id) => isHoldout(id))).toEqual(ids.map((id) => isHoldout(id)));
  });
});

describe('CSV', () => {
  it('reads BOM, CRLF, quotes, embedded commas/newlines, and keeps spreadsheet row numbers across blank lines', () => {
    const t = parseCsv('\ufeffInterview_ID,hire_date,note\r\n"a,1",2026-01-02,"say ""hi""\nthere"\r\n\r\nb,2026-01-03,\r\n');
    expect(t.header).toEqual(['interview_id', 'hire_date', 'note']);
    expect(t.rows).toEqual([
      { row: 2, cells: { interview_id: 'a,1', hire_date: '2026-01-02', note: 'say "hi"\nthere' } },
      { row: 5, cells: { interview_id: 'b', hire_date: '2026-01-03', note: '' } },
    ]);
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/never closed/);
  });
  it('defuses formulas and quotes cells that need it', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });
});
