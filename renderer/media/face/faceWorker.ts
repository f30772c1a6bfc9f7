/// <reference lib="webworker" />
import { FaceLandmarker, FilesetResolver } from '@mediapipe/tasks-vision';
import { summariseResult } from './geometry';
import type { FromWorker, ToWorker } from './protocol';

/**
 * FaceLandmarker off the UI thread (module worker). The main thread sends one transferred
 * ImageBitmap at a time; we answer with a small summary and close the bitmap, so no frame or
 * landmark ever leaves this worker.
 */
declare const self: DedicatedWorkerGlobalScope;

let landmarker: FaceLandmarker | null = null;
let config: Extract<ToWorker, { type: 'init' }> | null = null;
let lastTs = 0;

const post = (m: FromWorker) => self.postMessage(m);

async function create(c: Extract<ToWorker, { type: 'init' }>): Promise<FaceLandmarker> {
  // `true`: the ES-module build of the WASM loader, the only kind a module worker can load.
  const fileset = await FilesetResolver.forVisionTasks(c.wasmBase, true);
  return FaceLandmarker.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: c.modelUrl },
    runningMode: 'VIDEO',
    numFaces: 2,
    outputFacialTransformationMatrixes: true,
    outputFaceBlendshapes: c.expressionSignals,
  });
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'init') {
      const t0 = performance.now();
      config = msg;
      landmarker = await create(msg);
      post({ type: 'ready', initMs: performance.now() - t0 });
    } else if (msg.type === 'reset') {
      if (!landmarker) return;
      // setOptions rebuilds the graph, which drops VIDEO-mode tracking state. Re-creating the
      // landmarker is not an option: the ES-module WASM loader runs once per worker and
      // MediaPipe clears self.ModuleFactory after use ("ModuleFactory not set").
      const t0 = performance.now();
      await landmarker.setOptions({ numFaces: 2 });
      post({ type: 'ready', initMs: performance.now() - t0 });
    } else if (msg.type === 'frame') {
      const { bitmap, id } = msg;
      try {
        if (!landmarker) throw new Error('face model not loaded');
        // VIDEO mode needs strictly increasing timestamps.
        lastTs = Math.max(performance.now(), lastTs + 1);
        const t0 = performance.now();
        const r = landmarker.detectForVideo(bitmap, lastTs);
        const s = summariseResult(r, bitmap.width, bitmap.height, config?.expressionSignals ?? false);
        post({ type: 'result', id, faceCount: s.faceCount, primary: s.primary, ms: performance.now() - t0 });
      } finally {
        bitmap.close();
      }
    } else if (msg.type === 'close') {
      landmarker?.close();
      landmarker = null;
      self.close();
    }
  } catch (err) {
    post({ type: 'error', id: msg.type === 'frame' ? msg.id : null, message: err instanceof Error ? err.message : String(err) });
  }
};
