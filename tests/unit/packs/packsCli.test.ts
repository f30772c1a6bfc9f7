import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../../core/packs/loadPacks.js';
import { upgradePackV1 } from '../../../core/packs/upgradePack.js';
import { BANK_PROBLEMS_DIR, BROKEN_DIR, REPO_ROOT, SHIPPED_DIR, VALID_FIXTURE, readJson, tempPackDir, writeJson } from './packTestUtils.js';

type ValidateOutput = { valid: { file: string; id: string; version: string; questions: number }[]; invalid: { file: string; problems: string[] }[] };

// The default folder must come from the repository, not from the caller's environment.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'KIOSK_PACKS_DIR'));
const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Runs the real CLI in a child process. `viaNpx` is the exact command a technician types;
 * the other runs skip npx's own start-up (~2 s on a loaded 2-core machine) but run the same tsx.
 */
function kiosk(...args: string[]) {
  return spawnKiosk(false, args);
}
function spawnKiosk(viaNpx: boolean, args: string[]) {
  const [cmd, pre] = viaNpx ? ['npx', ['tsx']] : [process.execPath, [TSX_CLI]];
  const r = spawnSync(cmd, [...pre, 'electron/cli/kiosk.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const parse = (stdout: string): ValidateOutput => {
  const lines = stdout.trim().split('\n');
  expect(lines, 'stdout must be exactly one JSON object').toHaveLength(1);
  return JSON.parse(lines[0]!) as ValidateOutput;
};

const tmp = tempPackDir();
afterAll(() => tmp.cleanup());

describe('kiosk packs validate', () => {
  it('exits 0 on the shipped packs and lists each with id, version and question count', () => {
    const r = spawnKiosk(true, ['packs', 'validate', 'resources/packs']);
    expect(r.code, r.stderr).toBe(0);
    const out = parse(r.stdout);
    expect(out.invalid).toEqual([]);
    expect(out.valid.map((v) => v.id)).toEqual(['cashier', 'delivery-rider', 'retail-sales', 'warehouse-sorter']);
    for (const v of out.valid) {
      expect(v.file).toBe(`${v.id}.json`);
      expect(v.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(v.questions).toBeGreaterThanOrEqual(5);
    }
    expect(r.stderr).toContain('4 valid, 0 invalid');
  });

  it('defaults to resources/packs when no folder is given', () => {
    const r = kiosk('packs', 'validate');
    expect(r.code, r.stderr).toBe(0);
    expect(parse(r.stdout).valid).toHaveLength(fs.readdirSync(SHIPPED_DIR).filter((f) => f.endsWith('.json')).length);
  });

  it('exits 1 on the broken fixtures, naming every file, field and problem on stdout and stderr', () => {
    const r = kiosk('packs', 'validate', BROKEN_DIR);
    expect(r.code).toBe(1);
    const out = parse(r.stdout);
    const broken = fs
      .readdirSync(BROKEN_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(out.valid).toEqual([]);
    expect(out.invalid.map((i) => i.file)).toEqual(broken);
    const empty = out.invalid.find((i) => i.file === 'empty-translation.json');
    expect(empty?.problems).toEqual(['questions.2.text.en: English (en) text is empty']);
    for (const f of broken) expect(r.stderr).toContain(`✗ ${f}`);
    expect(r.stderr).toContain('questions.2.text.en: English (en) text is empty');
    expect(r.stderr).toContain('scoring.borderlineAt: must not be above recommendAt');
    // A format-1 pack is told how to upgrade, in one line.
    expect(out.invalid.find((i) => i.file === 'format-1.json')?.problems).toEqual([expect.stringMatching(/format-1 job pack.*`npm run --silent kiosk -- packs migrate format-1\.json`/)]);
  });

  it('a folder with good and broken packs: exits 1, reports the broken one, still lists the good one', () => {
    fs.copyFileSync(VALID_FIXTURE, path.join(tmp.dir, 'mini-pack.json'));
    fs.cpSync(path.join(path.dirname(VALID_FIXTURE), 'banks'), path.join(tmp.dir, 'banks'), { recursive: true });
    fs.copyFileSync(path.join(BROKEN_DIR, 'truncated.json'), path.join(tmp.dir, 'truncated.json'));
    const r = kiosk('packs', 'validate', tmp.dir);
    expect(r.code).toBe(1);
    const out = parse(r.stdout);
    expect(out.valid).toEqual([{ file: 'mini-pack.json', id: 'fixture-mini', version: '1.0.0', questions: 3 }]);
    expect(out.invalid).toEqual([{ file: 'truncated.json', problems: [expect.stringMatching(/^not valid JSON/)] }]);
    expect(r.stderr).toMatch(/keeps offering the valid ones/);
  });

  it('validates a single file too', () => {
    const bad = kiosk('packs', 'validate', path.join(BROKEN_DIR, 'bad-parcel.json'));
    expect(bad.code).toBe(1);
    expect(parse(bad.stdout).invalid).toEqual([{ file: 'bad-parcel.json', problems: ['skillsTests.0.items.1: parcel numbers use A-Z, 0-9 and dashes'] }]);
    const good = kiosk('packs', 'validate', VALID_FIXTURE);
    expect(good.code, good.stderr).toBe(0);
  });

  it('a missing or empty folder is a failure, not a silent success', () => {
    const missing = kiosk('packs', 'validate', path.join(tmp.dir, 'does-not-exist'));
    expect(missing.code).toBe(1);
    expect(parse(missing.stdout).invalid[0]!.problems[0]).toMatch(/does not exist/);
    const emptyDir = path.join(tmp.dir, 'empty');
    fs.mkdirSync(emptyDir);
    const empty = kiosk('packs', 'validate', emptyDir);
    expect(empty.code).toBe(1);
    expect(parse(empty.stdout).invalid[0]!.problems).toEqual(['no *.json job packs found here']);
  });

  it('a pack whose graded answer bank is missing or falls short is refused, naming what is missing; the kiosk still offers it', () => {
    const r = kiosk('packs', 'validate', BANK_PROBLEMS_DIR);
    expect(r.code).toBe(1);
    const out = parse(r.stdout);
    expect(out.valid).toEqual([]);
    expect(out.invalid.map((i) => i.file)).toEqual(['no-bank.json', 'thin-bank.json']);
    expect(out.invalid[0]!.problems).toEqual([expect.stringMatching(/^banks\/fixture-no-bank\.bank\.json is missing: a graded answer bank is required to fit the scoring model/)]);
    expect(out.invalid[1]!.problems).toContain('banks/fixture-thin-bank.bank.json: q-two (en): 6 graded answers, at least 20 are needed');
    expect(r.stderr).toContain('✗ no-bank.json');
    expect(r.stderr).toMatch(/2 pack\(s\) load on the kiosk but have no usable graded answer bank/);
    expect(r.stderr).not.toMatch(/skips the invalid packs|would offer no openings/);
    // The kiosk's own loader does not need the bank at run time.
    expect(loadPacks(BANK_PROBLEMS_DIR).errors).toEqual([]);
    // A single file: its bank is looked up in banks/ next to it.
    const one = kiosk('packs', 'validate', path.join(BANK_PROBLEMS_DIR, 'no-bank.json'));
    expect(one.code).toBe(1);
    expect(parse(one.stdout).invalid[0]!.problems[0]).toMatch(/^banks\/fixture-no-bank\.bank\.json is missing/);
  });

  it('an unknown sub-command prints usage and exits 2', () => {
    const r = kiosk('packs', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/usage: .*packs validate/);
    expect(r.stderr).toMatch(/packs migrate <file> \[--out <file>\]/);
  });
});

describe('kiosk packs migrate', () => {
  type MigrateOutput = { file: string; migrated: boolean; out?: string; backup?: string | null; id?: string; problems: string[]; todo?: string[] };
  const v1 = path.join(BROKEN_DIR, 'format-1.json');

  it('writes the format-2 upgrade to --out and lists what the author still has to write', () => {
    const out = path.join(tmp.dir, 'migrated', 'mini.json');
    const r = kiosk('packs', 'migrate', v1, '--out', out);
    const res = JSON.parse(r.stdout) as MigrateOutput;
    expect(res).toMatchObject({ file: 'format-1.json', migrated: true, out, backup: null, id: 'broken-format-1' });
    expect(readJson(out)).toEqual(upgradePackV1(readJson(v1) as Parameters<typeof upgradePackV1>[0]));
    expect(readJson(out).formatVersion).toBe(2);
    // The mini pack had one indicator on q-two and none on q-three: migrate says so and exits 1.
    expect(r.code).toBe(1);
    expect(res.problems).toContain('questions.2.indicators: give at least one positive indicator (what a good answer shows)');
    const todo = res.todo!.join('\n');
    expect(todo).toMatch(/^paraphrases: the format-1 phrases of 3 indicator\(s\) were copied/m);
    expect(todo).toMatch(/^labels: .*q-one\/argue \(zh-CN\): "争吵（扣分）"; q-one\/argue \(en\): "Argues \(red flag\)"/m);
    expect(todo).toMatch(/^followUp: every question got the generic follow-up .*: q-one, q-two, q-three$/m);
    expect(todo).toMatch(/^q-two: no negative indicator/m);
    expect(todo).toMatch(/^q-three: no indicators/m);
    expect(todo).toMatch(/^bank: write banks\/broken-format-1\.bank\.json — at least 20 graded answers .*splitBank\.ts.*fit\.ts broken-format-1.*build\.ts/m);
    expect(todo).toMatch(/^version: bump it to 2\.0\.0/m);
    expect(r.stderr).toMatch(/Still to write before it can ship:/);
    expect(r.stderr).toMatch(/It does not validate yet:/);
    // The input is left alone when --out is given.
    expect(readJson(v1).formatVersion).toBe(1);
  });

  it('in place: keeps the original as <file>.v1; a complete upgrade exits 0 and then only the bank is missing', () => {
    const dir = path.join(tmp.dir, 'in-place');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'mini.json');
    // A complete format-1 pack: give q-two a red flag and q-three two indicators, as an author would have.
    const raw = readJson(v1) as { questions: { rubric?: { competency: string; indicators: unknown[] }[] }[] };
    raw.questions[1]!.rubric![0]!.indicators.push({ id: 'carry-on', label: { 'zh-CN': '继续干活', en: 'Carries on' }, phrases: { 'zh-CN': ['继续干活'], en: ['keep working'] }, weight: -2 });
    raw.questions[2]!.rubric = [
      {
        competency: 'communication',
        indicators: [
          { id: 'reason', label: { 'zh-CN': '说出理由', en: 'Gives a reason' }, phrases: { 'zh-CN': ['离家近'], en: ['close to home'] }, weight: 1 },
          { id: 'no-reason', label: { 'zh-CN': '说不出理由', en: 'Has no reason' }, phrases: { 'zh-CN': ['无所谓'], en: ['whatever'] }, weight: -1 },
        ],
      },
    ];
    writeJson(file, raw);
    const before = fs.readFileSync(file, 'utf8');
    const r = kiosk('packs', 'migrate', file);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as MigrateOutput;
    expect(res).toMatchObject({ migrated: true, out: file, backup: `${file}.v1`, problems: [] });
    expect(fs.readFileSync(`${file}.v1`, 'utf8')).toBe(before);
    expect(readJson(file).formatVersion).toBe(2);
    const v = kiosk('packs', 'validate', file);
    expect(v.code).toBe(1);
    expect(parse(v.stdout).invalid).toEqual([{ file: 'mini.json', problems: [expect.stringMatching(/^banks\/broken-format-1\.bank\.json is missing/)] }]);
    // Run again: already format 2, nothing to do, the backup is untouched.
    const again = kiosk('packs', 'migrate', file);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ file: 'mini.json', migrated: false, problems: [] });
    expect(again.stderr).toMatch(/already format 2: nothing to migrate/);
    expect(fs.readFileSync(`${file}.v1`, 'utf8')).toBe(before);
  });

  it('refuses what it cannot migrate: no file, not JSON, not a job pack; bad usage exits 2', () => {
    const missing = kiosk('packs', 'migrate', path.join(tmp.dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect((JSON.parse(missing.stdout) as MigrateOutput).problems).toEqual(['cannot read the file (ENOENT)']);
    const cut = kiosk('packs', 'migrate', path.join(BROKEN_DIR, 'truncated.json'), '--out', path.join(tmp.dir, 'never.json'));
    expect(cut.code).toBe(1);
    expect((JSON.parse(cut.stdout) as MigrateOutput).problems[0]).toMatch(/^not valid JSON/);
    expect(fs.existsSync(path.join(tmp.dir, 'never.json'))).toBe(false);
    const other = path.join(tmp.dir, 'other.json');
    writeJson(other, { format: 'something-else', formatVersion: 7 });
    expect(kiosk('packs', 'migrate', other).code).toBe(1);
    expect(kiosk('packs', 'migrate').code).toBe(2);
    expect(kiosk('packs', 'migrate', v1, '--out').code).toBe(2);
  });
});

describe('kiosk packs list', () => {
  it('lists the shipped openings with titles in both languages', () => {
    const r = kiosk('packs', 'list');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { packs: { id: string; title: { 'zh-CN': string; en: string }; skillsTests: string[] }[]; broken: string[] };
    expect(out.broken).toEqual([]);
    const sorter = out.packs.find((p) => p.id === 'warehouse-sorter');
    expect(sorter?.title['zh-CN']).toMatch(/仓库分拣员/);
    expect(sorter?.skillsTests[0]).toMatch(/parcelNumbers/);
  });
});
