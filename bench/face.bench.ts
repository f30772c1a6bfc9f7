/**
 * Face analysis on this machine: FaceLandmarker in the renderer's worker inside headless
 * Debian Chromium, fed by the fake camera with the GRID talking-face clip (360×288, 25 fps).
 * - ms per analysed frame (detectForVideo + summary, in the worker), median and p90;
 * - sustained analysed fps over 10 s (target ~10: one frame in flight every 100 ms);
 * - the same while a CPU-heavy process runs: a stand-in for the Vosk recognizer (no Vosk
 *   model exists on these machines), one busy core running SHA-256 over 1 MiB blocks;
 * - UI frame drops on a countdown-like page (a number redrawn every animation frame): long
 *   tasks and rAF gaps > 50 ms, without and with face analysis running.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT } from '../electron/services/app/config.js';
import type { HarnessWindow } from '../tools/face/harnessTypes.js';
import { prepareInput } from '../tools/face/prepareInput.js';
import { openHarness } from '../tools/face/runHarness.js';
import type { BenchRow } from './run.js';
import { median, quantile } from './stats.js';

export const name = 'face';
const CLIP = path.resolve(APP_ROOT, '..', 'shared', 'testdata', 'video', 'grid_bbaf2n.mjpeg');
const RUN_MS = 10_000;

function startCpuLoad(): () => void {
  const code = `const c=require('crypto');const b=Buffer.alloc(1<<20,7);for(;;){c.createHash('sha256').update(b).digest();}`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  return () => void child.kill('SIGKILL');
}

export async function run(): Promise<BenchRow[]> {
  if (!fs.existsSync(CLIP)) throw new Error(`clip missing: ${CLIP}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'face-bench-'));
  const rows: BenchRow[] = [];
  const g = 'face (Chromium worker, 360×288)';
  try {
    const input = await prepareInput(CLIP, work);
    if (input.kind !== 'video') throw new Error('expected a video');
    // The machine is shared (CI, other jobs): record how busy it was, since it moves every figure.
    rows.push({ group: g, metric: 'load average (1 min) at start', value: os.loadavg()[0]!, unit: '', note: `${os.cpus().length} cores` });
    const h = await openHarness({ modelsDir: path.join(APP_ROOT, 'models'), fakeVideo: input.videoFile });
    rows.push({ group: g, metric: 'model load (worker init)', value: h.initMs, unit: 'ms' });
    try {
      const camera = () => h.page.evaluate((o) => (globalThis as unknown as HarnessWindow).faceHarness.runCamera(o), { durationMs: RUN_MS, speaking: 'none' as const, warmupMs: 1000 });
      const jank = (withCamera: boolean) => h.page.evaluate((o) => (globalThis as unknown as HarnessWindow).faceHarness.countdownJank(o), { durationMs: RUN_MS, withCamera });
      const measure = async (label: string) => {
        const r = await camera();
        rows.push({ group: g, metric: `ms/frame median ${label}`, value: median(r.workerMs), unit: 'ms', note: `${r.workerMs.length} frames` });
        rows.push({ group: g, metric: `ms/frame p90 ${label}`, value: quantile(r.workerMs, 0.9), unit: 'ms' });
        rows.push({ group: g, metric: `analysed fps ${label}`, value: r.analysedFps, unit: 'fps', note: `over ${RUN_MS / 1000} s` });
      };
      await measure('alone');
      const stop = startCpuLoad();
      try {
        await measure('+1 busy core');
      } finally {
        stop();
      }
      for (const withCamera of [false, true]) {
        const j = await jank(withCamera);
        const label = withCamera ? 'with face analysis' : 'no camera';
        const drops = j.gaps.filter((x) => x > 50).length;
        rows.push({ group: g, metric: `countdown long tasks ${label}`, value: j.longTasks.length, unit: 'count', note: j.longTasks.length ? `max ${Math.max(...j.longTasks).toFixed(0)} ms` : '' });
        rows.push({ group: g, metric: `countdown rAF gaps >50ms ${label}`, value: drops, unit: 'count', note: `of ${j.rafFrames} frames, p99 gap ${quantile(j.gaps, 0.99).toFixed(1)} ms` });
      }
    } finally {
      await h.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
