/**
 * Speech bench: for every installed Vosk model — model load time and memory, real-time factor
 * (decode wall time ÷ audio length, 100 ms frames sent as fast as possible) and partial-result
 * latency (frames sent in real time; time from sending a frame to receiving the partial read
 * right after it), alone and next to a CPU load like face analysis (one thread busy ~30 %:
 * FaceLandmarker costs ~28 ms per frame at ~10 fps) and next to one fully busy core.
 *
 * Recognizers are reused across answers (recognizerPool.ts), so the clip timed for latency is a
 * different utterance from the one decoded for RTF: the reused recognizer has heard other speech,
 * as in an interview, not the same audio. "first answer after load" times a new engine whose only
 * warm-up is the synthetic signal (warmupSignal.ts), with one busy core: the worst case.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { resolveConfig } from '../electron/services/app/config.js';
import { loadManifest } from '../electron/services/speech/models/modelManifest.js';
import { transcribePcm, wavTo16kPcm } from '../electron/services/speech/transcribeFile.js';
import { createVoskEngine, type VoskEngine } from '../electron/services/speech/voskEngine.js';
import { looksLikeVoskModel } from '../electron/services/speech/voskLib.js';
import type { BenchRow } from './run.js';
import { median, quantile } from './stats.js';

const SHARED = path.resolve(import.meta.dirname, '../../shared/testdata/speech');

type Clip = { pcm: Uint8Array; what: string };
/** Test audio per language, two different utterances (RTF, latency): the shared zh/en clips, or Korean synthesised with espeak-ng. */
function clipsFor(lang: string): { rtf: Clip; latency: Clip } {
  if (lang === 'zh-CN' || lang === 'en') {
    const dir = path.join(SHARED, lang === 'zh-CN' ? 'zh' : 'en');
    const [a, b] = fs
      .readdirSync(dir)
      .filter((x) => x.endsWith('.wav'))
      .sort();
    const read = (f: string) => ({ pcm: wavTo16kPcm(fs.readFileSync(path.join(dir, f))).pcm, what: f });
    return { rtf: read(a!), latency: read(b!) };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-speech-'));
  const say = (text: string, what: string): Clip => {
    execFileSync('espeak-ng', ['-v', 'ko', '-s', '150', '-w', path.join(tmp, 'a.wav'), text]);
    return { pcm: wavTo16kPcm(fs.readFileSync(path.join(tmp, 'a.wav'))).pcm, what };
  };
  try {
    return {
      rtf: say('안녕하세요 저는 주말에도 일할 수 있습니다 고객과 이야기하는 것을 좋아합니다', 'espeak-ng ko, 2 sentences'),
      latency: say('저는 이 년 동안 편의점에서 일했습니다 물건을 정리하고 계산을 할 수 있습니다', 'espeak-ng ko, 2 other sentences'),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function startLoad(duty: number): Worker {
  // Busy for duty×100 ms of every 100 ms.
  return new Worker(
    `const { parentPort } = require('node:worker_threads'); let on = true; parentPort.on('message', () => (on = false));
    (function tick() { const t = Date.now(); while (Date.now() - t < ${Math.round(duty * 100)}); if (on) setTimeout(tick, ${Math.round((1 - duty) * 100)}); })();`,
    { eval: true },
  );
}

async function partialLatency(engine: VoskEngine, dir: string, pcm: Uint8Array): Promise<number[]> {
  const sent = new Map<number, number>();
  const lat: number[] = [];
  const id = `lat-${Date.now()}`;
  await engine.start(id, dir, (_t, seq) => {
    const at = sent.get(seq);
    if (at !== undefined) lat.push(performance.now() - at);
  });
  const t0 = performance.now();
  for (let i = 0, k = 0; i < pcm.byteLength; i += 3200, k++) {
    const wait = t0 + k * 100 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.set(engine.audio(id, pcm.subarray(i, i + 3200)), performance.now());
  }
  await engine.stop(id);
  return lat;
}

export async function run(): Promise<BenchRow[]> {
  const cfg = resolveConfig();
  const models = loadManifest().models.flatMap((m) => (m.kind === 'vosk' && looksLikeVoskModel(path.join(cfg.modelsDir, m.installPath)).ok ? [m] : []));
  if (models.length === 0) return [{ group: 'speech', metric: 'models', value: 'none installed', unit: '', note: 'run scripts/install-test-models.sh or kiosk models install' }];
  const rows: BenchRow[] = [];
  for (const m of models) {
    const dir = path.join(cfg.modelsDir, m.installPath);
    const g = `speech ${m.name}`;
    const clips = clipsFor(m.lang);
    const clip = clips.rtf;
    const rss0 = process.memoryUsage().rss;
    const engine = createVoskEngine();
    try {
      const load = await engine.load(dir);
      rows.push({ group: g, metric: 'model load (cold)', value: load.loadMs, unit: 'ms' });
      rows.push({ group: g, metric: 'recognizer warm-up at load', value: load.warmMs, unit: 'ms', note: 'synthetic speech-like signal, after the load (recognizerPool.ts)' });
      rows.push({ group: g, metric: 'RSS after load', value: (process.memoryUsage().rss - rss0) / 2 ** 20, unit: 'MB', note: 'process RSS increase (worker + model)' });
      const audioS = clip.pcm.byteLength / 32000;
      for (const [label, duty] of [
        ['alone', 0],
        ['+ face-like load (30% of a core)', 0.3],
        ['+ 1 busy core', 1],
      ] as const) {
        const load = duty > 0 ? startLoad(duty) : null;
        try {
          const rtf: number[] = [];
          const cpu0 = process.cpuUsage();
          for (let i = 0; i < 3; i++) rtf.push((await transcribePcm(engine, dir, clip.pcm, m.lang)).rtf);
          const cpu = process.cpuUsage(cpu0);
          rows.push({ group: g, metric: `RTF ${label}`, value: median(rtf), unit: '×', note: `wall time, median of 3, ${audioS.toFixed(1)} s clip (${clip.what})` });
          // CPU seconds per audio second barely depends on other work on the machine (the
          // load thread's CPU is excluded by measuring only with no load running).
          if (duty === 0)
            rows.push({ group: g, metric: 'CPU-time RTF', value: (cpu.user + cpu.system) / 1e6 / (3 * audioS), unit: '×', note: 'process CPU s ÷ audio s; <1 means one core keeps up in real time' });
          const lat = await partialLatency(engine, dir, clips.latency.pcm);
          rows.push({
            group: g,
            metric: `partial latency ${label}`,
            value: median(lat),
            unit: 'ms',
            note: `p90 ${quantile(lat, 0.9).toFixed(0)} ms, ${lat.length} partials, real-time feed, ${(clips.latency.pcm.byteLength / 32000).toFixed(1)} s clip`,
          });
        } finally {
          if (load) {
            load.postMessage('stop');
            await load.terminate();
          }
        }
      }
    } finally {
      await engine.close();
    }
    // Worst case: the first answer right after a model load, next to one busy core.
    const fresh = createVoskEngine();
    const busy = startLoad(1);
    try {
      await fresh.load(dir);
      const lat = await partialLatency(fresh, dir, clips.latency.pcm);
      rows.push({
        group: g,
        metric: 'partial latency, first answer after load + 1 busy core',
        value: median(lat),
        unit: 'ms',
        note: `p90 ${quantile(lat, 0.9).toFixed(0)} ms, ${lat.length} partials; recognizer warmed only by the synthetic signal`,
      });
    } finally {
      busy.postMessage('stop');
      await busy.terminate();
      await fresh.close();
    }
  }
  rows.push({ group: 'speech', metric: 'machine load avg (1 min)', value: os.loadavg()[0]!, unit: '', note: `${os.cpus().length} cores; other work on the machine inflates RTF` });
  return rows;
}
