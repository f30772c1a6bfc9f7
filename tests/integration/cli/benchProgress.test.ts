/**
 * `npm run bench` tells people what it is doing: one progress line per module on stderr as it
 * starts and when it ends (rows and seconds, or why it failed), the table alone on stdout
 * (issue 15 §6). The runner is exercised with two tiny modules (BENCH_MODULES_DIR), so the test
 * takes seconds rather than the real benches' minutes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-modules-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(
  path.join(dir, 'alpha.bench.ts'),
  `export async function run() { return [{ group: 'alpha', metric: 'm1', value: 1.5, unit: 'ms' }, { group: 'alpha', metric: 'm2', value: 200, unit: 'ms' }]; }\n`,
);
fs.writeFileSync(path.join(dir, 'beta.bench.ts'), `export async function run(): Promise<never> { throw new Error('no model here'); }\n`);

const bench = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: APP_ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('npm run bench', () => {
  it('--help lists the real modules and runs none', async () => {
    const r = await bench(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^usage: npm run bench/);
    expect(r.stderr).toMatch(/modules: .*foundation.*sync/);
    expect(r.stdout).toBe('');
  });

  it('prints progress per module to stderr (including a failed one) and the table to stdout', async () => {
    const r = await bench([], { BENCH_MODULES_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('bench: '))).toEqual([
      'bench: [1/2] alpha …',
      expect.stringMatching(/^bench: \[1\/2\] alpha done: 2 rows in \d+\.\d s$/),
      'bench: [2/2] beta …',
      expect.stringMatching(/^bench: \[2\/2\] beta FAILED after \d+\.\d s: no model here$/),
      expect.stringMatching(/^bench: 2 module\(s\) in \d+\.\d s$/),
    ]);
    expect(r.stdout).toMatch(/\| alpha +\| m2 +\| 200 /);
    expect(r.stdout).toMatch(/\| beta\.bench\.ts \| FAILED +\| no model here/);
    expect(r.stdout).not.toContain('bench: [');
  });
});
