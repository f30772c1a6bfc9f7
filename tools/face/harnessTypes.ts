import type { FaceAggregates } from '../../electron/shared/contract/interview.js';

/**
 * Node-side view of window.faceHarness (renderer/media/face/harness/harnessMain.ts). Node
 * code cannot import renderer modules (DOM types), so the shapes are restated here; the
 * integration tests exercise both sides together.
 */
export type HarnessFrame = {
  t: number;
  faceCount: number;
  isSpeaking: boolean;
  primary: { box: { cx: number; cy: number; w: number; h: number }; yawDeg: number; pitchDeg: number; mouthOpen: number; signature: number[]; smile: number | null } | null;
};

export type ImageRun = { faceCounts: number[]; frames: HarnessFrame[]; aggregates: FaceAggregates; workerMs: number[] };
export type CameraRun = {
  faceCounts: number[];
  speakingFlags: boolean[];
  frames: HarnessFrame[];
  aggregates: FaceAggregates | null;
  analysedFps: number;
  workerMs: number[];
  videoSize: [number, number];
};
export type JankRun = { rafFrames: number; gaps: number[]; longTasks: number[] };
export type SpeakingSource = 'audio' | 'all' | 'none';

export type FaceHarness = {
  init(policy: { expressionSignals: boolean }): Promise<number>;
  analyseImage(url: string, repeats?: number): Promise<ImageRun>;
  runCamera(opts: { durationMs: number; speaking: SpeakingSource; warmupMs?: number }): Promise<CameraRun>;
  countdownJank(opts: { durationMs: number; withCamera: boolean }): Promise<JankRun>;
};

/**
 * For page.evaluate callbacks (which run in the page, so they cannot call imported helpers):
 * `(globalThis as unknown as HarnessWindow).faceHarness`.
 */
export type HarnessWindow = { faceHarness: FaceHarness };
