import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, normalizeReceiptCode, receiptCode, ulid } from '../../../core/ids.js';
import { redact } from '../../../core/logger.js';

describe('ids', () => {
  it('receipt codes avoid look-alike letters and do not repeat', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => receiptCode()));
    expect(codes.size).toBe(5000);
    for (const c of [...codes].slice(0, 200)) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });
  it('receipt code symbols are close to uniform (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const ch of receiptCode().replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(31);
    const expected = (4000 * 12) / 31;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.12);
  });
  it('normalizes what people type', () => {
    expect(normalizeReceiptCode('ab2c d3ef-gh4j')).toBe('AB2C-D3EF-GH4J');
  });
  it('ULIDs sort by time', () => {
    expect(ulid(1000) < ulid(2000)).toBe(true);
    expect(ulid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } })).toBe('{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}');
  });
  it('canonical JSON is the fully sorted form for any JSON value, whether its keys come sorted or not (the fast path for sorted input changes nothing)', () => {
    // The reference: every object's keys sorted by code unit, at every depth.
    const reference = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) =>
        x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
      );
    const keyed = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '9', '10', '01', '-1', 'a', 'B', '中', '__proto__x'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(keyed, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const sorted = JSON.parse(reference(v)) as unknown; // keys in canonical order: the fast path
        expect(canonicalJson(v)).toBe(reference(v));
        expect(canonicalJson(sorted)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
    // Integer-like keys: JS lists them first, numerically — the form canonical JSON always had.
    expect(canonicalJson({ 10: 'b', 9: 'a', a: 1 })).toBe('{"9":"a","10":"b","a":1}');
    expect(canonicalJson({ when: new Date(0), a: 1 })).toBe('{"a":1,"when":"1970-01-01T00:00:00.000Z"}');
  });
  it('log redaction removes mobiles, long hex and secrets', () => {
    expect(redact('call 13812345678 now')).toBe('call 1********** now');
    expect(redact(`key=${'ab'.repeat(32)}`)).not.toContain('abab');
    expect(redact('pin: 123456')).toBe('pin: [redacted]');
  });
});
