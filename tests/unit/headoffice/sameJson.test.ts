import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/ids.js';
import { sameJson } from '../../../headoffice/ingestPrepare.js';

/**
 * The ingest pool sends a record's checked form only when it differs from the payload as sent
 * (ingestPrepare.ts); `sameJson` decides that. It must agree with comparing canonical forms —
 * the slow way — for any JSON values, or the main thread would fold a payload the schema changed.
 */
describe('sameJson', () => {
  it('agrees with comparing canonical JSON, for equal, reordered and different values', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const reordered = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reordered)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reordered(x)]),
            )
          : v;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameJson(a, reordered(a))).toBe(true);
        expect(sameJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sees a default filled in, a key dropped, a changed leaf and an array against an object', () => {
    expect(sameJson({ a: 1 }, { a: 1, answers: [] })).toBe(false);
    expect(sameJson({ a: 1, legacy: true }, { a: 1 })).toBe(false);
    expect(sameJson({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe(false);
    expect(sameJson({ 0: 'x' }, ['x'])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true); // as JSON, an undefined key is absent
  });
});
