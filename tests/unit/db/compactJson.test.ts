import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPACT_FORMAT_V1, inspectableRow, packJson, packValue, unpackJson, unpackValue } from '../../../electron/services/db/compactJson.js';
import { JSON_DICTIONARY_V1 } from '../../../electron/services/db/jsonDictionaryV1.js';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('compact JSON storage', () => {
  it('gives back the exact text, Chinese and all, and says which format it wrote', () => {
    for (const text of ['{}', '{"a":1}', JSON.stringify({ zh: '先把钱重新点一遍，再对小票', en: 'Recounts the cash', n: [1.5, -2, null], s: 'x'.repeat(100_000) })]) {
      const stored = packJson(text);
      expect(stored[0]).toBe(COMPACT_FORMAT_V1);
      expect(unpackJson(stored)).toBe(text);
    }
    expect(unpackValue(packValue({ a: '好' }))).toEqual({ a: '好' });
    // What a Uint8Array (not a Buffer) view of the same bytes gives.
    const b = packJson('{"x":"y"}');
    expect(unpackJson(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))).toBe('{"x":"y"}');
  });

  it('reads plain JSON text as it was stored before migration 0090, and null as null', () => {
    expect(unpackJson('{"acked":true}')).toBe('{"acked":true}');
    expect(unpackValue(null)).toBeNull();
    expect(unpackJson(undefined)).toBeNull();
  });

  it('refuses an unknown format byte, an empty value and damaged bytes, instead of guessing', () => {
    const stored = packJson('{"band":"recommend"}');
    expect(() => unpackJson(Buffer.concat([Buffer.from([2]), stored.subarray(1)]))).toThrow(/unknown format byte 2/);
    expect(() => unpackJson(Buffer.alloc(0))).toThrow(/empty/);
    const damaged = Buffer.from(stored);
    damaged[damaged.length - 2] ^= 0xff;
    damaged[3] ^= 0x55;
    expect(() => unpackJson(damaged)).toThrow();
  });

  it('the format-1 dictionary is frozen: rows written with it need exactly these bytes', () => {
    const digest = crypto.createHash('sha256').update(Buffer.from(JSON_DICTIONARY_V1, 'utf8')).digest('hex');
    // Changing the dictionary makes every stored score and pending record unreadable: write a
    // JSON_DICTIONARY_V2 with a new format byte instead (scripts/buildJsonDictionary.ts).
    expect(digest).toBe('8e86fae3c4149748661c37b7c7c71e1eeb47d67ea502a36cb5ea2ac9215d2de5');
    expect(Buffer.byteLength(JSON_DICTIONARY_V1)).toBeLessThanOrEqual(32 * 1024); // deflate's window
  });

  it('the dictionary holds no applicant words: no run of any graded bank answer (8 characters of Chinese, 30 of English) is in it', () => {
    const banks = fs.readdirSync(path.join(ROOT, 'resources', 'packs', 'banks')).filter((f) => f.endsWith('.bank.json'));
    expect(banks.length).toBeGreaterThan(0);
    // A bank answer may repeat a pack's own wording (an indicator's label): that is not the applicant's.
    const fixed = [
      ...fs
        .readdirSync(path.join(ROOT, 'resources', 'packs'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(ROOT, 'resources', 'packs', f)),
      ...fs
        .readdirSync(path.join(ROOT, 'electron', 'services', 'scoring'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(ROOT, 'electron', 'services', 'scoring', f)),
    ]
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    let checked = 0;
    for (const f of banks) {
      const { answers } = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources', 'packs', 'banks', f), 'utf8')) as { answers: { text: string; lang: string }[] };
      for (const a of answers) {
        // Shorter runs of English are common phrases ("the supervisor") that labels use too.
        const len = a.lang === 'zh-CN' ? 8 : 30;
        const t = JSON.stringify(a.text).slice(1, -1);
        for (let i = 0; i + len <= t.length; i += 3) {
          const run = t.slice(i, i + len);
          if (fixed.includes(run)) continue;
          checked++;
          if (JSON_DICTIONARY_V1.includes(run)) expect.fail(`${f}: "${run}" from "${a.text}" is in the dictionary`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a real score explanation shrinks several-fold, more than with deflate alone', () => {
    // A score explanation's shape with the packs' fixed texts (what the dictionary is for).
    const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
    const term = (zh: string, en: string, c: number) => ({ label: label(zh, en), contribution: c });
    const result = {
      band: 'recommend',
      answers: Array.from({ length: 6 }, (_, i) => ({
        questionId: `q${i}`,
        score: 60 + i,
        level: 4,
        gate: null,
        terms: [
          term('起点（空白回答）', 'starting point (an empty answer)', -24.2),
          term('和评过分的好回答相近', 'close to graded strong answers', 9.8 + i),
          term('说出了具体做法', 'said what they would actually do', 8.6),
          term('有具体细节（数字、时间、地点）', 'specific details (numbers, times, places)', 3),
          term('讲清了先后或经过', 'clear order of steps or events', 13 - i),
        ],
      })),
    };
    const text = JSON.stringify(result);
    const stored = packJson(text);
    const zlibOnly = zlib.deflateRawSync(Buffer.from(text), { level: 9 });
    expect(Buffer.byteLength(text) / stored.length).toBeGreaterThan(8);
    expect(stored.length).toBeLessThan(zlibOnly.length * 0.8);
  });

  it('inspectableRow shows what compact cells hold, so a privacy scan can find a name in them', () => {
    const row = inspectableRow({ id: 'x', payload: packValue({ applicant: { name: '王小芳' } }), other: Buffer.from('13800000000', 'latin1'), n: 3, z: null });
    expect(JSON.stringify(row)).toContain('王小芳');
    expect(row).toMatchObject({ id: 'x', other: '13800000000', n: 3, z: null });
  });
});
