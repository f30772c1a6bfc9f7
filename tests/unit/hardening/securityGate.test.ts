import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * The gate's judgement, fed real electronegativity 1.10.3 reports (fixtures/: one from scanning
 * this project's electron/, one from a deliberately insecure sample). Running electronegativity
 * itself needs npx and takes ~20 s: that happens in CI (node scripts/security-gate.mjs), not here.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const GATE = path.join(ROOT, 'scripts', 'security-gate.mjs');
const FIXTURES = path.join(ROOT, 'tests', 'unit', 'hardening', 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-gate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function gate(report: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [GATE, '--from-report', report], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}
function reportFile(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
}
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';

describe('security gate', () => {
  test("this project's own report passes (the one MEDIUM is accepted with a reason)", () => {
    const r = gate(path.join(FIXTURES, 'electronegativity-kiosk.csv'));
    expect(r.out).toContain('accepted MEDIUM        PRELOAD_JS_CHECK main/windowOptions.ts');
    expect(r.out).toContain('security gate: passed');
    expect(r.code).toBe(0);
  });

  test('an insecure window fails the gate, naming every HIGH and MEDIUM finding', () => {
    const r = gate(path.join(FIXTURES, 'electronegativity-insecure.csv'));
    expect(r.code).toBe(1);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(r.out).toMatch(new RegExp(`BLOCKING .* ${id} `));
    }
    expect(r.out).toContain('security gate: FAILED — 8 finding(s): 8 blocking');
  });

  test('an accepted check in another file still blocks', () => {
    const f = reportFile('moved.csv', HEADER + 'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/otherWindow.ts","3:1","preload: x,","Review the use of preload scripts",https://x\n');
    expect(gate(f).code).toBe(1);
  });

  test('LOW and INFORMATIONAL findings are shown but do not block', () => {
    const f = reportFile(
      'low.csv',
      HEADER +
        'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","main/guards.ts","1:1",N/A,"Failed to parse CSP, it may not be valid.",https://x\nX_CHECK,"INFORMATIONAL","TENTATIVE","a.ts","1:1",N/A,"note",https://x\n',
    );
    const r = gate(f);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CSP_GLOBAL_CHECK');
  });

  test('quoted commas, quotes and newlines inside a field are parsed, not split', () => {
    const f = reportFile('quoted.csv', HEADER + 'SANDBOX_JS_CHECK,"HIGH","FIRM","main/w.ts","3:9","new BrowserWindow({ a: 1, b: ""x"",\n c: 2 })","Use sandbox, please",https://x\n');
    const r = gate(f);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BLOCKING HIGH          SANDBOX_JS_CHECK main/w.ts:3:9 — Use sandbox, please');
  });

  test.each([
    ['an empty report', ''],
    ['a foreign header', 'a,b,c\n1,2,3\n'],
    ['a truncated row', HEADER + 'SANDBOX_JS_CHECK,"HIGH","FIRM"\n'],
    ['a report cut off inside quotes', HEADER + 'SANDBOX_JS_CHECK,"HIGH","FIRM","main/w.ts","3:9","new Browser'],
  ])('%s is an error (exit 2), never a pass', (_why, text) => {
    const r = gate(reportFile(`bad-${Math.random()}.csv`, text));
    expect(r.code).toBe(2);
    expect(r.out).toContain('security gate: ERROR');
  });

  test('a missing report file is an error', () => {
    expect(gate(path.join(tmp, 'nope.csv')).code).toBe(2);
  });
});
