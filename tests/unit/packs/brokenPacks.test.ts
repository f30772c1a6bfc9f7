import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPackBank, loadPackFile, loadPacks, validatePack } from '../../../core/packs/loadPacks.js';
import { upgradePackV1 } from '../../../core/packs/upgradePack.js';
import { setLogSink } from '../../../core/logger.js';
import { BANK_PROBLEMS_DIR, BROKEN_DIR, SHIPPED_DIR, VALID_FIXTURE, readJson, tempPackDir, writeJson } from './packTestUtils.js';

/** Each broken fixture is the valid mini pack with exactly one fault: file → [field path, problem]. */
const EXPECTED: Record<string, [string, RegExp]> = {
  'truncated.json': ['', /not valid JSON.*cut off/],
  'missing-title.json': ['opening.title', /is missing \(expected a section\)/],
  'empty-translation.json': ['questions.2.text.en', /English \(en\) text is empty/],
  'unknown-competency.json': ['questions.0.indicators.0.competency', /unknown competency "charisma"/],
  'duplicate-question.json': ['questions.1.id', /duplicate question id "q-one"/],
  'wrong-type.json': ['questions.0.thinkSeconds', /expected number, received string/],
  'bad-parcel.json': ['skillsTests.0.items.1', /parcel numbers use A-Z, 0-9 and dashes/],
  'thresholds.json': ['scoring.borderlineAt', /must not be above recommendAt/],
  'four-levels.json': ['competencies.1.levels', /exactly five level descriptions/],
  'misspelt-field.json': ['questions.1', /Unrecognized key: "anwserSeconds"/],
  'bad-version.json': ['version', /use a version like 1\.0\.0/],
  'format-1.json': ['formatVersion', /format-1 job pack.*reads format 2.*`npm run --silent kiosk -- packs migrate format-1\.json`/],
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
    expect(
      fs
        .readdirSync(BROKEN_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
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

  it('every fixture has exactly its one fault: the valid mini pack with one change, and nothing else reported', () => {
    for (const file of Object.keys(EXPECTED).filter((f) => f !== 'truncated.json')) {
      const r = loadPackFile(path.join(BROKEN_DIR, file));
      const problems = r.ok ? [] : r.problem.problems;
      const [field] = EXPECTED[file]!;
      // misspelt-field: the misspelt key is unknown and the real one missing; unknown-competency: both indicators name it.
      expect(
        problems.every(
          (p) => p.startsWith(`${field}: `) || (file === 'misspelt-field.json' && p.startsWith('questions.1.')) || (file === 'unknown-competency.json' && p.startsWith('questions.0.indicators.')),
        ),
        `${file}: ${JSON.stringify(problems)}`,
      ).toBe(true);
    }
  });

  it('a format-1 pack gets one clear problem (run packs migrate), not a screenful of missing format-2 fields', () => {
    const r = loadPackFile(path.join(BROKEN_DIR, 'format-1.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.problems).toHaveLength(1);
    expect(r.problem.problems[0]).toMatch(/^formatVersion: this is a format-1 job pack/);
    // What migrate would write is a format-2 pack the schema reads (its remaining gaps are named by field).
    const upgraded = validatePack(upgradePackV1(readJson(path.join(BROKEN_DIR, 'format-1.json')) as Parameters<typeof upgradePackV1>[0]));
    expect(upgraded.ok ? [] : upgraded.problems).toEqual([
      'questions.1.indicators: give at least two indicators (what a good and a weak answer would show)',
      'questions.2.indicators: give at least two indicators (what a good and a weak answer would show)',
      'questions.2.indicators: give at least one positive indicator (what a good answer shows)',
    ]);
  });

  it('knock-out manager labels are optional (packs without them load, v1 packs upgrade), and one given needs both languages', () => {
    const raw = readJson(VALID_FIXTURE) as { knockouts: Record<string, unknown>[] };
    expect(raw.knockouts.some((k) => 'managerLabel' in k)).toBe(false);
    expect(validatePack(raw).ok).toBe(true);
    const upgraded = upgradePackV1(readJson(path.join(BROKEN_DIR, 'format-1.json')) as Parameters<typeof upgradePackV1>[0]) as { knockouts: Record<string, unknown>[] };
    expect(upgraded.knockouts.length).toBeGreaterThan(0);
    expect(upgraded.knockouts.some((k) => 'managerLabel' in k)).toBe(false);
    raw.knockouts[0]!.managerLabel = { 'zh-CN': '周末不能上班', en: '' };
    const r = validatePack(raw);
    expect(r.ok ? [] : r.problems).toEqual(['knockouts.0.managerLabel.en: English (en) text is empty']);
    raw.knockouts[0]!.managerLabel = { 'zh-CN': '周末不能上班', en: "Can't work weekends" };
    const ok = validatePack(raw);
    expect(ok.ok && ok.pack.knockouts[0]!.managerLabel).toEqual({ 'zh-CN': '周末不能上班', en: "Can't work weekends" });
  });

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
    for (const f of Object.keys(EXPECTED))
      expect(
        logLines.some((l) => l.includes('WARN') && l.includes(`skipped pack ${f}`)),
        f,
      ).toBe(true);
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

describe('graded answer banks (checked by packs validate, not needed by the kiosk at run time)', () => {
  const load = (file: string) => {
    const r = loadPackFile(file);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return r.loaded;
  };

  it('the valid mini pack has a bank that passes', () => {
    const p = load(VALID_FIXTURE);
    expect(checkPackBank(p.pack, p.file)).toEqual([]);
  });

  it('a missing bank is named, with what a bank must hold; the kiosk still loads the pack', () => {
    const p = load(path.join(BANK_PROBLEMS_DIR, 'no-bank.json'));
    expect(checkPackBank(p.pack, p.file)).toEqual([
      'banks/fixture-no-bank.bank.json is missing: a graded answer bank is required to fit the scoring model ' +
        '(at least 20 graded answers per question and language, levels 1–5, at least 25% held out; see resources/packs/README.md)',
    ]);
    expect(
      loadPacks(BANK_PROBLEMS_DIR)
        .packs.map((x) => x.pack.id)
        .sort(),
    ).toEqual(['fixture-no-bank', 'fixture-thin-bank']);
  });

  it('a thin bank: every gap is named by question and language', () => {
    const p = load(path.join(BANK_PROBLEMS_DIR, 'thin-bank.json'));
    expect(checkPackBank(p.pack, p.file)).toEqual([
      'banks/fixture-thin-bank.bank.json: answers.q-four.zh.01: unknown question "q-four"',
      'banks/fixture-thin-bank.bank.json: q-one (zh-CN): held-out share is 0/20; at least 25% must be held out',
      'banks/fixture-thin-bank.bank.json: q-two (en): 6 graded answers, at least 20 are needed',
      'banks/fixture-thin-bank.bank.json: q-two (en): no graded answer at level 4, 5',
    ]);
  });

  it('a bank that is not JSON, has bad fields, belongs to another pack or has no split says so', () => {
    const dir = tmp();
    fs.copyFileSync(VALID_FIXTURE, path.join(dir, 'mini-pack.json'));
    fs.mkdirSync(path.join(dir, 'banks'));
    const bankFile = path.join(dir, 'banks', 'fixture-mini.bank.json');
    const good = readJson(path.join(path.dirname(VALID_FIXTURE), 'banks', 'fixture-mini.bank.json')) as { packId: string; answers: Record<string, unknown>[] };
    const p = load(path.join(dir, 'mini-pack.json'));

    fs.writeFileSync(bankFile, JSON.stringify(good).slice(0, 500));
    expect(checkPackBank(p.pack, p.file)).toEqual([expect.stringMatching(/^banks\/fixture-mini\.bank\.json: not valid JSON — .*cut off/)]);

    const bad = structuredClone(good);
    bad.answers[2]!.level = 7;
    bad.answers[3]!.lang = 'fr';
    writeJson(bankFile, bad);
    expect(checkPackBank(p.pack, p.file)).toEqual([
      expect.stringMatching(/^banks\/fixture-mini\.bank\.json: answers\.2 \(q-one\.zh\.03\)\.level: .*5/),
      expect.stringMatching(/^banks\/fixture-mini\.bank\.json: answers\.3 \(q-one\.zh\.04\)\.lang: /),
    ]);

    writeJson(bankFile, { ...good, packId: 'someone-else' });
    expect(checkPackBank(p.pack, p.file)).toEqual(['banks/fixture-mini.bank.json: packId: the bank is for "someone-else", not "fixture-mini"']);

    writeJson(bankFile, { ...good, answers: good.answers.map(({ split: _split, ...a }) => a) });
    const noSplit = checkPackBank(p.pack, p.file);
    expect(noSplit).toHaveLength(1);
    expect(noSplit[0]).toMatch(
      /^banks\/fixture-mini\.bank\.json: 120 answer\(s\) have no train\/held-out split: freeze it once, before any fitting, with `npx tsx models\/scoring\/splitBank\.ts .*fixture-mini\.bank\.json`$/,
    );
  });
});
