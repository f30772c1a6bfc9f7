import type { FacePrimary } from './faceFrame';

/** Messages between the main thread (faceAnalyzer.ts) and faceWorker.ts. */
export type ToWorker =
  | { type: 'init'; wasmBase: string; modelUrl: string; expressionSignals: boolean }
  /** The bitmap is transferred, and the worker closes it. */
  | { type: 'frame'; id: number; bitmap: ImageBitmap }
  /** Forget tracking state (used between unrelated still images). */
  | { type: 'reset' }
  | { type: 'close' };

export type FromWorker =
  { type: 'ready'; initMs: number } | { type: 'result'; id: number; faceCount: number; primary: FacePrimary | null; ms: number } | { type: 'error'; id: number | null; message: string };

/** Same-origin paths served by the kiosk (see electron/services/http/staticFiles.ts). */
export const FACE_ASSETS = {
  wasmBase: '/vendor/mediapipe/wasm',
  modelUrl: '/models/face/face_landmarker.task',
} as const;
