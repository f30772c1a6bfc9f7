import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN_DIR, REPO_ROOT, SHIPPED_DIR, VALID_FIXTURE, tempPackDir } from './packTestUtils.js';

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
    const broken = fs.readdirSync(BROKEN_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(out.valid).toEqual([]);
    expect(out.invalid.map((i) => i.file)).toEqual(broken);
    const empty = out.invalid.find((i) => i.file === 'empty-translation.json');
    expect(empty?.problems).toEqual(['questions.2.text.en: English (en) text is empty']);
    for (const f of broken) expect(r.stderr).toContain(`✗ ${f}`);
    expect(r.stderr).toContain('questions.2.text.en: English (en) text is empty');
    expect(r.stderr).toContain('scoring.borderlineAt: must not be above recommendAt');
  });

  it('a folder with good and broken packs: exits 1, reports the broken one, still lists the good one', () => {
    fs.copyFileSync(VALID_FIXTURE, path.join(tmp.dir, 'mini-pack.json'));
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

  it('an unknown sub-command prints usage and exits 2', () => {
    const r = kiosk('packs', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/usage: .*packs validate/);
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
