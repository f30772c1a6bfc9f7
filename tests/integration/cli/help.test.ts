/**
 * Every kiosk and head-office command and subcommand answers --help with its usage, exits 0 and
 * does nothing else: no database, key or data folder is created, no server starts, nothing is
 * downloaded (issue 15 §6). Each case is a real process; a command that ignored --help and
 * started work would hang past the timeout or leave files behind.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-help-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
// Where a command with side effects would write: none of these may exist afterwards.
const untouched = { KIOSK_DATA_DIR: path.join(tmp, 'kiosk-data'), KIOSK_MODELS_DIR: path.join(tmp, 'models'), HEADOFFICE_DB: path.join(tmp, 'ho', 'headoffice.db') };

type Ran = { args: string[]; code: number | null; out: string; ms: number };
function runCli(entry: string, args: string[]): Promise<Ran> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: APP_ROOT, timeout: 90_000, env: { ...process.env, ...untouched, KIOSK_LOG_LEVEL: 'warn' } }, (err, stdout, stderr) => {
      resolve({ args, code: err ? ((err as { code?: number }).code ?? null) : 0, out: stdout + stderr, ms: Date.now() - t0 });
    });
  });
}
/** A few at a time: each is a Node process with a TypeScript loader. */
async function runAll(entry: string, cases: string[][]): Promise<Ran[]> {
  const results: Ran[] = [];
  // Three at a time: on a loaded 2-core machine each start can take several seconds.
  for (let i = 0; i < cases.length; i += 3) results.push(...(await Promise.all(cases.slice(i, i + 3).map((c) => runCli(entry, c)))));
  return results;
}

const KIOSK = 'electron/cli/kiosk.ts';
const KIOSK_COMMANDS: Record<string, string[]> = {
  packs: ['validate', 'list', 'migrate'],
  db: ['info'],
  transcribe: ['x.wav'],
  models: ['status', 'install'],
  face: ['x.jpg'],
  score: ['x.json'],
  audit: ['verify'],
  auth: ['recover'],
  sync: ['enroll', 'status', 'now', 'export', 'rollback'],
  serve: [],
};
const HO = 'headoffice/cli.ts';
const HO_COMMANDS: Record<string, string[]> = {
  serve: [],
  'enroll-code': [],
  token: ['issue', 'revoke', 'list'],
  kiosk: ['revoke', 'recovery-code'],
  publish: [],
  import: ['dir'],
  export: [],
  stats: [],
  kiosks: [],
  stores: ['list', 'set', 'import'],
  outcomes: ['import'],
  'fairness-report': [],
  validity: [],
  model: ['refit', 'approve', 'reject', 'publish', 'list', 'show', 'log', 'in-use'],
  admin: ['create', 'list', 'set-role', 'unlock', 'disable', 'enable', 'reset-password'],
  notifications: ['resend', 'deliver'],
  notify: ['template', 'store'],
  'publish-result-setting': [],
};

function expectHelp(r: Ran, mentions: string): void {
  expect(r.code, `${r.args.join(' ')} exit code\n${r.out}`).toBe(0);
  expect(r.out, r.args.join(' ')).toMatch(/usage:/);
  expect(r.out, r.args.join(' ')).toContain(mentions);
}

describe('--help on every command', () => {
  it('kiosk: the command list matches what this test covers', async () => {
    const [top] = await runAll(KIOSK, [['--help']]);
    expectHelp(top!, 'commands:');
    const listed = /commands: (.+)/.exec(top!.out)![1]!.split(', ').sort();
    expect(listed).toEqual(Object.keys(KIOSK_COMMANDS).sort());
  });

  it('kiosk: every command and subcommand', async () => {
    const cases = [['help'], ...Object.entries(KIOSK_COMMANDS).flatMap(([c, subs]) => [[c, '--help'], ...subs.map((s) => [c, s, '--help']), [c, '-h']])];
    for (const r of await runAll(KIOSK, cases)) expectHelp(r, r.args[0] === 'help' ? 'commands:' : `kiosk -- ${r.args[0]}`);
  }, 900_000);

  it('head office: the command list matches what this test covers', async () => {
    const [top] = await runAll(HO, [['--help']]);
    expectHelp(top!, 'serve');
    const listed = new Set([...top!.out.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!));
    expect([...listed].sort()).toEqual(Object.keys(HO_COMMANDS).sort());
  });

  it('head office: every command and subcommand shows its own usage lines', async () => {
    const cases = [['help'], ['help', 'stats'], ...Object.entries(HO_COMMANDS).flatMap(([c, subs]) => [[c, '--help'], ...subs.map((s) => [c, s, '--help'])])];
    for (const r of await runAll(HO, cases)) {
      const cmd = r.args[0] === 'help' ? (r.args[1] ?? 'serve') : r.args[0]!;
      expectHelp(r, `  ${cmd}`);
      // Its own lines, not the whole list (which starts with serve).
      if (r.args[0] !== 'help' || r.args[1])
        expect(
          r.out
            .split('\n')
            .filter((l) => /^ {2}[a-z]/.test(l))
            .every((l) => l.startsWith(`  ${cmd}`)),
          r.args.join(' '),
        ).toBe(true);
    }
  }, 900_000);

  it('left nothing behind: no data folder, database, key or model folder was created', () => {
    for (const p of Object.values(untouched)) expect(fs.existsSync(p), p).toBe(false);
    expect(fs.existsSync(path.dirname(untouched.HEADOFFICE_DB))).toBe(false);
  });
});
