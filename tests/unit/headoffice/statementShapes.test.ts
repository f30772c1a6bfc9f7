import { describe, expect, it } from 'vitest';
import { inLists, inRowChunks, rowChunks } from '../../../headoffice/store/types.js';

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

describe('statement shapes (headoffice/store/types.ts)', () => {
  it('SQLite: every chunk is a power of two, at most max, and together they are exactly n rows', () => {
    const wrong: string[] = [];
    for (const max of [1, 3, 500, 512, 1000]) {
      for (let n = 0; n <= 1300; n++) {
        const sizes = rowChunks('sqlite', n, max);
        if (sizes.reduce((a, b) => a + b, 0) !== n || !sizes.every((s) => isPowerOfTwo(s) && s <= max)) wrong.push(`${n}/${max}: ${sizes.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(rowChunks('sqlite', 157, 500)).toEqual([128, 16, 8, 4, 1]);
    // Only a handful of statement texts, whatever the batch sizes.
    const shapes = new Set<number>();
    for (let n = 1; n <= 2000; n++) for (const s of rowChunks('sqlite', n, 500)) shapes.add(s);
    expect([...shapes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  });

  it('PostgreSQL: as few statements as possible, at most max rows each', () => {
    expect(rowChunks('pg', 0, 500)).toEqual([]);
    expect(rowChunks('pg', 157, 500)).toEqual([157]);
    expect(rowChunks('pg', 1001, 500)).toEqual([500, 500, 1]);
  });

  it('inRowChunks keeps every row once, in order', () => {
    const rows = Array.from({ length: 777 }, (_, i) => i);
    for (const d of ['sqlite', 'pg'] as const) expect(inRowChunks(d, rows, 500).flat()).toEqual(rows);
  });

  it('IN lists: SQLite pads each list to a power of two with its last id; the ids asked about do not change', () => {
    const ids = Array.from({ length: 700 }, (_, i) => `id${i}`);
    const sqlite = inLists('sqlite', ids, 512);
    expect(sqlite.map((l) => l.length)).toEqual([512, 256]);
    expect(new Set(sqlite.flat())).toEqual(new Set(ids));
    expect(sqlite[1]!.slice(188)).toEqual(Array.from({ length: 68 }, () => 'id699'));
    expect(inLists('pg', ids, 512)).toEqual([ids.slice(0, 512), ids.slice(512)]);
    expect(inLists('sqlite', [], 512)).toEqual([]);
    expect(inLists('sqlite', ['a'], 512)).toEqual([['a']]);
  });
});
