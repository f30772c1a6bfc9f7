import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FaceAggregates } from '../../electron/shared/contract/interview.js';
import type { HarnessFrame, HarnessWindow, SpeakingSource } from './harnessTypes.js';
import { prepareInput } from './prepareInput.js';
import { openHarness } from './runHarness.js';

/**
 * `kiosk face <file>`: runs the renderer's face analyser on one image or clip in headless
 * Chromium and returns what the CLI prints. Videos play through Chromium's fake camera in real
 * time, exactly as a kiosk camera would feed the interview screen.
 */
export type FaceFileResult = {
  input: string;
  kind: 'image' | 'video';
  frames: number;
  faceCounts: number[];
  speakingSource: SpeakingSource | null;
  speakingFrames: number;
  aggregates: FaceAggregates;
  msPerFrame: { median: number; p90: number };
  analysedFps: number | null;
  modelLoadMs: number;
  /** Only with perFrame: the per-frame summaries (no landmarks), for checking thresholds. */
  perFrame?: PerFrame[];
};

export type PerFrame = { t: number; faces: number; speaking: boolean; yaw?: number; pitch?: number; mouth?: number; box?: number[] };
const perFrameOf = (frames: HarnessFrame[]): PerFrame[] =>
  frames.map((f) => ({
    t: Math.round(f.t),
    faces: f.faceCount,
    speaking: f.isSpeaking,
    ...(f.primary
      ? {
          yaw: round(f.primary.yawDeg, 1),
          pitch: round(f.primary.pitchDeg, 1),
          mouth: round(f.primary.mouthOpen),
          box: [f.primary.box.cx, f.primary.box.cy, f.primary.box.w, f.primary.box.h].map((v) => round(v)),
        }
      : {}),
  }));

export type AnalyseOptions = {
  modelsDir: string;
  /** Fake-microphone file for videos (16 kHz wav); ffmpeg extracts it from .mpg/.mp4 when omitted. */
  audio?: string | null;
  /** How "is speaking" is fed: mic energy ('audio', default when there is sound), the whole clip, or never. */
  speaking?: SpeakingSource;
  expressionSignals?: boolean;
  /** How long to watch a video; defaults to the clip length minus a start-up margin. */
  durationMs?: number;
  /** Still images: analyse the picture this many times as consecutive video frames. */
  repeats?: number;
  perFrame?: boolean;
};

const q = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

export async function analyseFile(file: string, opts: AnalyseOptions): Promise<FaceFileResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-face-'));
  try {
    const input = await prepareInput(path.resolve(file), work, opts.audio);
    if (input.kind === 'image') {
      fs.copyFileSync(input.file, path.join(work, 'image' + path.extname(input.file).toLowerCase()));
      const h = await openHarness({ modelsDir: opts.modelsDir, inputDir: work, expressionSignals: opts.expressionSignals });
      try {
        const url = `/input/image${path.extname(input.file).toLowerCase()}`;
        const r = await h.page.evaluate(([u, n]) => (globalThis as unknown as HarnessWindow).faceHarness.analyseImage(u, n), [url, opts.repeats ?? 1] as const);
        return {
          input: file,
          kind: 'image',
          frames: r.faceCounts.length,
          faceCounts: r.faceCounts,
          speakingSource: null,
          speakingFrames: 0,
          aggregates: r.aggregates,
          msPerFrame: { median: round(q(r.workerMs, 0.5), 1), p90: round(q(r.workerMs, 0.9), 1) },
          analysedFps: null,
          modelLoadMs: Math.round(h.initMs),
          ...(opts.perFrame ? { perFrame: perFrameOf(r.frames) } : {}),
        };
      } finally {
        await h.close();
      }
    }
    const speaking: SpeakingSource = opts.speaking ?? (input.audioFile ? 'audio' : 'all');
    if (speaking === 'audio' && !input.audioFile) throw new Error('--speaking audio needs sound: pass --audio <file.wav> or a video with an audio track');
    const h = await openHarness({
      modelsDir: opts.modelsDir,
      fakeVideo: input.videoFile,
      fakeAudio: speaking === 'audio' ? input.audioFile! : undefined,
      expressionSignals: opts.expressionSignals,
    });
    try {
      // Chromium's fake devices loop the files; watching one clip length (less a margin for
      // the camera to start) covers each frame about once.
      const durationMs = opts.durationMs ?? Math.max(1000, input.durationMs - 300);
      const r = await h.page.evaluate((o) => (globalThis as unknown as HarnessWindow).faceHarness.runCamera(o), { durationMs, speaking, warmupMs: 300 });
      if (!r.aggregates) throw new Error('the harness returned no aggregates');
      return {
        input: file,
        kind: 'video',
        frames: r.faceCounts.length,
        faceCounts: r.faceCounts,
        speakingSource: speaking,
        speakingFrames: r.speakingFlags.filter(Boolean).length,
        aggregates: r.aggregates,
        msPerFrame: { median: round(q(r.workerMs, 0.5), 1), p90: round(q(r.workerMs, 0.9), 1) },
        analysedFps: round(r.analysedFps, 2),
        modelLoadMs: Math.round(h.initMs),
        ...(opts.perFrame ? { perFrame: perFrameOf(r.frames) } : {}),
      };
    } finally {
      await h.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
