import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, levelOf, roundToTotal } from '../../../core/scoring/explain.js';
import { FX_PACK } from '../../fixtures/scoring/fixtures.js';

describe('exact rounding of contributions', () => {
  it('rounded terms (tenths) always add up to the rounded total', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0);
        const tenths = roundToTotal(values, total);
        expect(tenths.every(Number.isInteger)).toBe(true);
        expect(tenths.reduce((a, b) => a + b, 0) === Math.round(total * 10)).toBe(true);
        // No term moves by more than one tenth from its exact value.
        tenths.forEach((t, i) => expect(Math.abs(t - values[i]! * 10)).toBeLessThan(1 + 1e-6));
      }),
      { numRuns: 300 },
    );
  });

  it('maps scores to anchored levels and overall to the pack bands', () => {
    // 25 points a level, centred: 0 → 1, 25 → 2, 50 → 3, 75 → 4, 100 → 5.
    expect([0, 12.4, 12.5, 37.4, 37.5, 62.5, 87.5, 100].map(levelOf)).toEqual([1, 1, 2, 2, 3, 4, 5, 5]);
    expect(bandOf(65, FX_PACK)).toBe('recommend');
    expect(bandOf(64.9, FX_PACK)).toBe('borderline');
    expect(bandOf(45, FX_PACK)).toBe('borderline');
    expect(bandOf(44.9, FX_PACK)).toBe('not_recommended');
  });
});
