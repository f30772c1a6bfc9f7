import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { call } from '../../../electron/services/rpc/registry.js';
import { loadPackFile, loadPacks } from '../../../core/packs/loadPacks.js';
import { ROOT, tempKiosk } from '../../integration/helpers/tempKiosk.js';

/**
 * Job-pack import on random bytes and on mutated real packs (resources/packs): the loader never
 * throws, a broken file is reported by its name with readable problems, and the valid packs
 * beside it keep loading — in the loader and in a running kiosk.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const PACKS_DIR = path.join(ROOT, 'resources', 'packs');
const packFiles = fs
  .readdirSync(PACKS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const packTexts = packFiles.map((f) => fs.readFileSync(path.join(PACKS_DIR, f), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-packprop-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function writeTemp(name: string, data: string | Uint8Array): string {
  const dir = path.join(tmp, String(n++));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

function expectClearProblem(r: ReturnType<typeof loadPackFile>, name: string): void {
  if (r.ok) return;
  expect(r.problem.file).toBe(name);
  expect(r.problem.problems.length).toBeGreaterThan(0);
  for (const p of r.problem.problems) {
    expect(typeof p).toBe('string');
    expect(p.length).toBeGreaterThan(3);
    expect(p.length).toBeLessThan(1000);
  }
}

/** Every path (as key lists) inside a JSON value, so a mutation can hit any field at any depth. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

type Mutation = { kind: 'delete' | 'replace' | 'truncate' | 'flip' | 'insert'; at: number; value: unknown; bytes: Uint8Array };
const mutation = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'replace', 'truncate', 'flip', 'insert'),
  at: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 5000 }), fc.constantFrom(-1, 0, 1e308, '', 'x'.repeat(100_000), null)),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
}) as fc.Arbitrary<Mutation>;

function mutate(text: string, m: Mutation): string | Uint8Array {
  if (m.kind === 'truncate') return text.slice(0, m.at % text.length);
  const buf = Buffer.from(text, 'utf8');
  if (m.kind === 'flip') {
    buf[m.at % buf.length] ^= m.bytes[0]! || 1;
    return buf;
  }
  if (m.kind === 'insert') {
    const i = m.at % buf.length;
    return Buffer.concat([buf.subarray(0, i), Buffer.from(m.bytes), buf.subarray(i)]);
  }
  const doc = JSON.parse(text) as unknown;
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  const target = paths[m.at % paths.length]!;
  let parent = doc as Record<string | number, unknown>;
  for (const k of target.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = target[target.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = m.value;
  }
  return JSON.stringify(doc);
}

describe('job pack import (property)', () => {
  test('the real packs are there to mutate', () => {
    expect(packFiles.length).toBeGreaterThanOrEqual(2);
    for (const f of packFiles) expect(loadPackFile(path.join(PACKS_DIR, f)).ok, f).toBe(true);
  });

  test('random bytes: never a throw, always a clear problem naming the file', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }),
          fc.string({ maxLength: 2000 }).map((s) => Buffer.from(s)),
          fc.constant(Buffer.from('\uFEFF{}')),
        ),
        (bytes) => {
          const file = writeTemp('random-pack.json', bytes);
          const r = loadPackFile(file);
          expect(r.ok).toBe(false);
          expectClearProblem(r, 'random-pack.json');
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('mutated real packs: never a throw; either still valid or a clear problem naming the file', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: packTexts.length - 1 }), mutation, (which, m) => {
        const file = writeTemp('mutated.json', mutate(packTexts[which]!, m));
        const r = loadPackFile(file);
        if (!r.ok) refused++;
        expectClearProblem(r, 'mutated.json');
      }),
      { numRuns: RUNS * 3 },
    );
    expect(refused).toBeGreaterThan(RUNS);
  });

  test('a folder with broken packs beside valid ones: every valid pack still loads, every broken file is named', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: packTexts.length - 1 }), mutation), { minLength: 1, maxLength: 4 }), (broken) => {
        const dir = path.join(tmp, `folder-${n++}`);
        fs.mkdirSync(dir);
        packFiles.forEach((f, i) => fs.writeFileSync(path.join(dir, f), packTexts[i]!));
        broken.forEach(([which, m], i) => fs.writeFileSync(path.join(dir, `zz-broken-${i}.json`), mutate(packTexts[which]!, m)));
        const r = loadPacks(dir);
        // A mutated copy may still be valid (and then compete by version); the originals must all be offered.
        const ids = new Set(r.packs.map((p) => p.pack.id));
        for (const t of packTexts) expect(ids.has((JSON.parse(t) as { id: string }).id)).toBe(true);
        for (const e of r.errors) expect(fs.existsSync(path.join(dir, e.file)), e.file).toBe(true);
        const loadedFiles = new Set(r.packs.map((p) => path.basename(p.file)));
        for (let i = 0; i < broken.length; i++) {
          const name = `zz-broken-${i}.json`;
          expect(loadedFiles.has(name) || r.errors.some((e) => e.file === name), name).toBe(true);
        }
      }),
      { numRuns: Math.max(10, RUNS / 3) },
    );
  });

  test('a running kiosk: a broken pack dropped in and reloaded is reported by name; the openings stay', async () => {
    const packsDir = path.join(tmp, 'kiosk-packs');
    fs.mkdirSync(packsDir);
    packFiles.forEach((f, i) => fs.writeFileSync(path.join(packsDir, f), packTexts[i]!));
    const kiosk = tempKiosk({ packsDir });
    try {
      const before = await call(kiosk.registry, 'packs:list', {});
      expect(before.openings.length).toBe(packFiles.length);
      fs.writeFileSync(path.join(packsDir, 'copied-badly.json'), packTexts[0]!.slice(0, 200));
      kiosk.packs.reload();
      const after = await call(kiosk.registry, 'packs:list', {});
      expect(after.openings.map((o) => o.packId).sort()).toEqual(before.openings.map((o) => o.packId).sort());
      const status = await call(kiosk.registry, 'kiosk:status', {});
      expect(status.packErrors).toEqual([{ file: 'copied-badly.json', problems: [expect.stringContaining('not valid JSON')] }]);
    } finally {
      await kiosk.cleanup();
    }
  });
});
