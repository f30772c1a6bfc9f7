import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPackFile, loadPacks, validatePack } from '../../../electron/services/packs/loadPacks.js';
import { setLogSink } from '../../../electron/services/util/logger.js';
import { BROKEN_DIR, SHIPPED_DIR, VALID_FIXTURE, readJson, tempPackDir, writeJson } from './packTestUtils.js';

/** Each broken fixture is the valid mini pack with exactly one fault: file → [field path, problem]. */
const EXPECTED: Record<string, [string, RegExp]> = {
  'truncated.json': ['', /not valid JSON.*cut off/],
  'missing-title.json': ['opening.title', /is missing \(expected a section\)/],
  'empty-translation.json': ['questions.2.text.en', /English \(en\) text is empty/],
  'unknown-competency.json': ['questions.0.rubric.0.competency', /unknown competency "charisma"/],
  'duplicate-question.json': ['questions.1.id', /duplicate question id "q-one"/],
  'wrong-type.json': ['questions.0.thinkSeconds', /expected number, received string/],
  'bad-parcel.json': ['skillsTests.0.items.1', /parcel numbers use A-Z, 0-9 and dashes/],
  'thresholds.json': ['scoring.borderlineAt', /must not be above recommendAt/],
  'four-levels.json': ['competencies.1.levels', /exactly five level descriptions/],
  'misspelt-field.json': ['questions.1', /Unrecognized key: "anwserSeconds"/],
  'bad-version.json': ['version', /use a version like 1\.0\.0/],
};

let cleanups: (() => void)[] = [];
let logLines: string[] = [];
beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});
afterEach(() => {
  setLogSink((line) => process.stderr.write(line + '\n'));
  cleanups.forEach((c) => c());
  cleanups = [];
});
const tmp = () => {
  const t = tempPackDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

describe('malformed packs are named and explained', () => {
  it('the fixture folder holds exactly the expected broken packs', () => {
    expect(fs.readdirSync(BROKEN_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the valid mini pack they are derived from really is valid', () => {
    const r = loadPackFile(VALID_FIXTURE);
    expect(r.ok ? [] : r.problem.problems).toEqual([]);
  });

  for (const [file, [field, problem]] of Object.entries(EXPECTED)) {
    it(`${file}: names the file, the field "${field || '(whole file)'}" and the problem`, () => {
      const r = loadPackFile(path.join(BROKEN_DIR, file));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problem.file).toBe(file);
      const line = r.problem.problems.find((p) => (field ? p.startsWith(`${field}: `) : true) && problem.test(p));
      expect(line, `problems were: ${JSON.stringify(r.problem.problems)}`).toBeDefined();
    });
  }

  it('an unreadable path is reported, not thrown', () => {
    const r = loadPackFile(path.join(tmp(), 'missing.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.problems[0]).toMatch(/cannot read the file \(ENOENT\)/);
  });

  it('validatePack reports every problem of a pack, not only the first', () => {
    const raw = readJson(VALID_FIXTURE) as { opening: { title: { en: string } }; version: string };
    raw.opening.title.en = '';
    raw.version = 'v2';
    const r = validatePack(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toContain('opening.title.en: English (en) text is empty');
      expect(r.problems).toContain('version: use a version like 1.0.0');
    }
  });
});

describe('loadPacks keeps the kiosk running with the valid packs', () => {
  it('a folder with good and broken packs returns the good ones and reports each broken one', () => {
    const dir = tmp();
    for (const f of fs.readdirSync(SHIPPED_DIR).filter((x) => x.endsWith('.json'))) fs.copyFileSync(path.join(SHIPPED_DIR, f), path.join(dir, f));
    for (const f of Object.keys(EXPECTED)) fs.copyFileSync(path.join(BROKEN_DIR, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a pack: ignored');

    const r = loadPacks(dir);
    expect(r.packs.map((p) => p.pack.id).sort()).toEqual(['cashier', 'delivery-rider', 'retail-sales', 'warehouse-sorter']);
    expect(r.errors.map((e) => e.file).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const e of r.errors) expect(e.problems.length).toBeGreaterThan(0);
    // The kiosk leaves a trace of each skipped pack in its log.
    for (const f of Object.keys(EXPECTED)) expect(logLines.some((l) => l.includes('WARN') && l.includes(`skipped pack ${f}`)), f).toBe(true);
  });

  it('a missing folder gives an error naming the folder and no packs', () => {
    const missing = path.join(tmp(), 'nope');
    const r = loadPacks(missing);
    expect(r.packs).toEqual([]);
    expect(r.errors).toEqual([{ file: missing, problems: [expect.stringMatching(/does not exist/)] }]);
  });

  it.each([
    ['higher version in the later file', ['a.json', '1.9.0'], ['b.json', '1.10.0']],
    ['higher version in the earlier file', ['a.json', '1.10.0'], ['b.json', '1.9.0']],
  ])('duplicate pack id, %s: the higher version wins and the other file is reported', (_label, first, second) => {
    const dir = tmp();
    const base = readJson(VALID_FIXTURE);
    writeJson(path.join(dir, first[0]!), { ...base, version: first[1] });
    writeJson(path.join(dir, second[0]!), { ...base, version: second[1] });

    const r = loadPacks(dir);
    expect(r.packs).toHaveLength(1);
    expect(r.packs[0]!.pack.version).toBe('1.10.0'); // numeric comparison, not string ("1.9" > "1.10")
    const winner = first[1] === '1.10.0' ? first[0] : second[0];
    const loser = winner === first[0] ? second[0] : first[0];
    expect(path.basename(r.packs[0]!.file)).toBe(winner);
    expect(r.errors).toEqual([{ file: loser, problems: [`pack id "fixture-mini" also in ${winner} (version 1.10.0 is used)`] }]);
  });

  it('the same content always hashes the same; any change changes the hash', () => {
    const dir = tmp();
    const base = readJson(VALID_FIXTURE);
    writeJson(path.join(dir, 'x.json'), base);
    const h1 = loadPacks(dir).packs[0]!.hash;
    // Key order differs, content identical → same hash.
    writeJson(path.join(dir, 'x.json'), Object.fromEntries(Object.entries(base).reverse()));
    expect(loadPacks(dir).packs[0]!.hash).toBe(h1);
    writeJson(path.join(dir, 'x.json'), { ...base, scoring: { recommendAt: 71, borderlineAt: 50 } });
    expect(loadPacks(dir).packs[0]!.hash).not.toBe(h1);
  });
});
