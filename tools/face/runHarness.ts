import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../core/errors.js';
import { APP_ROOT } from '../../electron/services/app/config.js';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.js';
import { createLogger } from '../../core/logger.js';
import type { HarnessWindow } from './harnessTypes.js';
import { RENDERER_DIST, startHarnessServer, type HarnessServer } from './harnessServer.js';

const log = createLogger('face');

export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
export const BASE_FLAGS = [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'];

export const HARNESS_DIST = path.join(APP_ROOT, 'dist', 'face-harness');

/**
 * Where the harness page is built: dist/renderer (from `npm run build:renderer`) when its
 * copy is newer than the face module's sources, else a harness-only build in dist/face-harness
 * (made here when missing or stale) — so a half-finished renderer elsewhere never blocks it.
 */
export function ensureHarnessBuild(): string {
  const isFresh = (p: string) => fs.existsSync(p) && fs.statSync(p).mtimeMs >= newestSource();
  if (isFresh(path.join(RENDERER_DIST, 'face-harness.html'))) return RENDERER_DIST;
  const page = path.join(HARNESS_DIST, 'face-harness.html');
  if (isFresh(page)) return HARNESS_DIST;
  log.info('building the face harness page (dist/face-harness)');
  const t0 = Date.now();
  // Build beside, then swap in: test files running in parallel may both get here.
  const tmp = `${HARNESS_DIST}.tmp-${process.pid}`;
  const r = spawnSync(process.execPath, [path.join(APP_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tools/face/harness.vite.config.ts', '--outDir', tmp], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  if (r.status !== 0 || !fs.existsSync(path.join(tmp, 'face-harness.html'))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new KioskError(ErrorCode.Internal, `The face harness build failed: ${String(r.stderr).slice(-400)}`);
  }
  fs.rmSync(HARNESS_DIST, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, HARNESS_DIST);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process swapped its build in first
  }
  if (!fs.existsSync(page)) throw new KioskError(ErrorCode.Internal, 'The face harness build did not produce face-harness.html');
  log.info(`face harness built in ${Date.now() - t0} ms`);
  return HARNESS_DIST;
}

function newestSource(): number {
  const dir = path.join(APP_ROOT, 'renderer', 'media', 'face');
  let newest = fs.statSync(path.join(APP_ROOT, 'renderer', 'face-harness.html')).mtimeMs;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

export type HarnessSession = { page: Page; browser: Browser; server: HarnessServer; origin: string; close: () => Promise<void> };

/**
 * Headless Debian Chromium on the harness page. `fakeVideo`/`fakeAudio` feed Chromium's fake
 * camera and microphone from files; `initPolicy` loads the model before returning.
 */
export async function openHarness(opts: {
  modelsDir: string;
  inputDir?: string;
  fakeVideo?: string;
  fakeAudio?: string;
  expressionSignals?: boolean;
  extraArgs?: string[];
}): Promise<HarnessSession & { initMs: number }> {
  const modelFile = path.join(opts.modelsDir, 'face', 'face_landmarker.task');
  if (!fs.existsSync(modelFile)) {
    throw new KioskError(ErrorCode.ModelMissing, `Face model missing at ${modelFile} — run "npm run --silent kiosk -- models" or copy face_landmarker.task there`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new KioskError(ErrorCode.DeviceMissing, `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set KIOSK_CHROMIUM)`);
  const distDir = ensureHarnessBuild();
  const server = await startHarnessServer({ modelsDir: opts.modelsDir, inputDir: opts.inputDir, distDir });
  const args = [...BASE_FLAGS, ...(opts.extraArgs ?? [])];
  if (opts.fakeVideo || opts.fakeAudio) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream');
  if (opts.fakeVideo) args.push(`--use-file-for-fake-video-capture=${opts.fakeVideo}`);
  if (opts.fakeAudio) args.push(`--use-file-for-fake-audio-capture=${opts.fakeAudio}`);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args, timeout: 60_000 });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Generous timeouts: on a busy 2-core kiosk the first page load and WASM compile are slow.
    page.setDefaultTimeout(120_000);
    await page.goto(`${server.origin}/face-harness.html`, { timeout: 120_000 });
    await page.waitForFunction(() => 'faceHarness' in globalThis, undefined, { timeout: 120_000 });
    let initMs: number;
    try {
      initMs = await page.evaluate((p) => (globalThis as unknown as HarnessWindow).faceHarness.init(p), { expressionSignals: opts.expressionSignals ?? false });
    } catch (e) {
      throw new KioskError(ErrorCode.ModelInvalid, `The face model did not load in Chromium: ${(e as Error).message} ${pageErrors.join(' | ')}`.slice(0, 600));
    }
    const b = browser;
    return {
      page,
      browser: b,
      server,
      origin: server.origin,
      initMs,
      close: async () => {
        await b.close().catch(() => undefined);
        await server.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw e;
  }
}
