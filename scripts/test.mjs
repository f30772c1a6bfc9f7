#!/usr/bin/env node
/**
 * `npm test`: every suite, then one plain closing line CI understands:
 *   "<passed> passed, <failed> failed, <skipped> skipped"
 * First the preflight (scripts/preflight.mjs): Debian packages, test models and ../shared are
 * ensured — installed where it can (root on Debian), else it stops at once with the command to
 * run. Suites: typecheck + lint + formatting (each counts as one check), vitest (unit + integration), Playwright
 * e2e in Debian Chromium through the browser-kiosk bridge, Playwright e2e of the head-office
 * console (tests/e2e-headoffice). A suite that crashes before
 * reporting counts as one failure; skipped tests are shown, never hidden.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPreflight } from './preflight.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const only = new Set(process.argv.slice(2)); // e.g. `npm test -- unit` to run one suite
const want = (s) => only.size === 0 || only.has(s);

// `npm test -- preflight` runs only this; KIOSK_TEST_PREFLIGHT=skip leaves the machine as it is.
if (process.env.KIOSK_TEST_PREFLIGHT !== 'skip' || only.has('preflight')) {
  if (!runPreflight()) {
    console.log('preflight: FAILED (see above)\n0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  if (only.size === 1 && only.has('preflight')) {
    console.log('preflight: ok\n1 passed, 0 failed, 0 skipped');
    process.exit(0);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
const readJson = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};

/** What failed, by name, repeated just above the closing line: CI keeps only the tail of the log. */
const failures = [];
const tail = (text, n) =>
  String(text ?? '')
    .trimEnd()
    .split('\n')
    .slice(-n)
    .map((l) => `    ${l}`)
    .join('\n');

function check(name, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(`${name} (exit ${r.status ?? r.signal}):\n${tail(`${r.stdout ?? ''}\n${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`, 12)}`);
  }
  lines.push(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
}

/** Failed tests of a Playwright JSON report: "file:line › title — first line of the error". */
function playwrightFailures(j, label) {
  const walk = (suite, acc) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const last = (t.results ?? []).at(-1);
        const msg =
          String(last?.error?.message ?? last?.status ?? '')
            .replace(/\u001b\[[0-9;]*m/g, '')
            .split('\n')
            .find((l) => l.trim()) ?? '';
        acc.push(`${label}: ${spec.file}:${spec.line} › ${spec.title} — ${msg.trim().slice(0, 300)}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s, acc);
    return acc;
  };
  for (const s of j.suites ?? []) walk(s, failures);
  for (const e of j.errors ?? [])
    failures.push(
      `${label}: ${String(e.message ?? e)
        .split('\n')[0]
        .slice(0, 300)}`,
    );
}

if (want('checks')) {
  check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
  check('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json']);
  check('typecheck (electron main/preload)', 'npx', ['tsc', '-p', 'tsconfig.electron.json']);
  check('typecheck (e2e)', 'npx', ['tsc', '-p', 'tests/e2e/tsconfig.json']);
  check('typecheck (renderer tests)', 'npx', ['tsc', '-p', 'tests/unit/renderer/tsconfig.json']);
  check('lint', 'npx', ['eslint', '.']);
  // .prettierrc.json / .prettierignore; `npm run format` rewrites what this refuses.
  check('format (prettier --check)', 'npx', ['prettier', '--check', '.']);
  check('electron security gate (electronegativity)', 'node', ['scripts/security-gate.mjs']);
  check('preload channel list in sync with the contract', 'npx', ['tsx', 'electron/preload/generateChannels.ts', '--check']);
}

if (want('unit')) {
  const out = path.join(results, 'vitest.json');
  fs.rmSync(out, { force: true });
  const r = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const j = readJson(out);
  if (j) {
    const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += skipped;
    // A suite file that fails to load has no tests but is a failure.
    const brokenFiles = (j.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
    totals.failed += brokenFiles;
    for (const f of j.testResults ?? []) {
      const file = path.relative(root, f.name ?? '');
      if (f.status === 'failed' && (f.assertionResults ?? []).length === 0)
        failures.push(
          `vitest: ${file} did not load — ${String(f.message ?? '')
            .split('\n')[0]
            .slice(0, 300)}`,
        );
      for (const a of f.assertionResults ?? []) {
        if (a.status === 'failed')
          failures.push(
            `vitest: ${file} › ${a.fullName} — ${String(a.failureMessages?.[0] ?? '')
              .split('\n')[0]
              .slice(0, 300)}`,
          );
      }
    }
    lines.push(`vitest: ${j.numPassedTests} passed, ${j.numFailedTests + brokenFiles} failed, ${skipped} skipped`);
  } else {
    totals.failed += 1;
    lines.push(`vitest: crashed before reporting (exit ${r.status})`);
  }
}

if (want('e2e')) {
  const build = run('npm', ['run', '--silent', 'build:renderer']);
  const out = path.join(results, 'e2e-results.json');
  fs.rmSync(out, { force: true });
  const r = build.status === 0 ? run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']) : build;
  const j = readJson(out);
  if (j?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = j.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`playwright: ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`);
    playwrightFailures(j, 'playwright');
    if (unexpected === 0 && r.status !== 0) {
      totals.failed += 1;
      lines.push(`playwright: exited ${r.status} with no failed test (global setup or config error)`);
    }
  } else {
    totals.failed += 1;
    lines.push(`playwright: ${build.status === 0 ? 'crashed before reporting' : 'renderer build failed'} (exit ${r.status})`);
  }
}

if (want('phone')) {
  // The applicant's phone result page served by head office (issue 16), 390×844.
  const out = path.join(results, 'phone-results.json');
  fs.rmSync(out, { force: true });
  const r = run('npx', ['playwright', 'test', '-c', 'tests/phone/playwright.config.ts']);
  const st = readJson(out)?.stats;
  if (st) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = st;
    totals.passed += expected + flaky;
    totals.failed += unexpected + (unexpected === 0 && r.status !== 0 ? 1 : 0);
    totals.skipped += skipped;
    lines.push(`playwright (phone page): ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`);
    playwrightFailures(readJson(out), 'playwright (phone page)');
  } else {
    totals.failed += 1;
    lines.push(`playwright (phone page): crashed before reporting (exit ${r.status})`);
  }
}

// Head-office HR console in Chromium: starts and seeds its own head office (no renderer build).
if (want('e2e-headoffice')) {
  const out = path.join(results, 'e2e-headoffice-results.json');
  fs.rmSync(out, { force: true });
  const r = run('npx', ['playwright', 'test', '-c', 'tests/e2e-headoffice/playwright.config.ts']);
  const j = readJson(out);
  if (j?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = j.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`playwright (head-office console): ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`);
    playwrightFailures(j, 'playwright (head-office console)');
    if (unexpected === 0 && r.status !== 0) {
      totals.failed += 1;
      lines.push(`playwright (head-office console): exited ${r.status} with no failed test (global setup or config error)`);
    }
  } else {
    totals.failed += 1;
    lines.push(`playwright (head-office console): crashed before reporting (exit ${r.status})`);
  }
}

if (failures.length > 0) console.log(`\nwhat failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
