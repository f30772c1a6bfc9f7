import { aggregateAnswer } from './aggregate';
import type { FaceAggregates } from '../../../electron/shared/contract/interview';
import type { FaceFrame, FacePolicy } from './faceFrame';
import { FACE_ASSETS, type FromWorker, type ToWorker } from './protocol';

/**
 * Main-thread driver: every ~100 ms grabs an ImageBitmap from the video, transfers it to the
 * face worker (one in flight, so a slow kiosk analyses fewer frames rather than queueing),
 * and keeps the per-frame summaries of the current answer in memory only.
 */
export type FaceAnalyzerOptions = {
  policy: FacePolicy;
  intervalMs?: number;
  wasmBase?: string;
  modelUrl?: string;
  onFrame?: (f: FaceFrame) => void;
};

export type FaceAnalyzer = ReturnType<typeof createFaceAnalyzer>;

const RECENT = 30;

export function createFaceAnalyzer(opts: FaceAnalyzerOptions) {
  const worker = new Worker(new URL('./faceWorker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  const pending = new Map<number, { t: number; isSpeaking: boolean; resolve: (f: FaceFrame) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let isSpeaking = false;
  let answerFrames: FaceFrame[] | null = null;
  let reference: number[] | null = null;
  const recent: FaceFrame[] = [];
  const workerMs: number[] = [];
  let readyResolve: ((ms: number) => void) | null = null;
  let readyReject: ((e: Error) => void) | null = null;
  let ready = new Promise<number>((res, rej) => ((readyResolve = res), (readyReject = rej)));
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight = false;
  let disposed = false;

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'ready') readyResolve?.(m.initMs);
    else if (m.type === 'error') {
      if (m.id === null) readyReject?.(new Error(m.message));
      else {
        pending.get(m.id)?.reject(new Error(m.message));
        pending.delete(m.id);
      }
    } else {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      workerMs.push(m.ms);
      const frame: FaceFrame = { t: p.t, faceCount: m.faceCount, primary: m.primary, isSpeaking: p.isSpeaking };
      recent.push(frame);
      if (recent.length > RECENT) recent.shift();
      answerFrames?.push(frame);
      opts.onFrame?.(frame);
      p.resolve(frame);
    }
  };
  worker.onerror = (e) => readyReject?.(new Error(e.message || 'face worker failed to start'));

  send({
    type: 'init',
    wasmBase: opts.wasmBase ?? FACE_ASSETS.wasmBase,
    modelUrl: opts.modelUrl ?? FACE_ASSETS.modelUrl,
    expressionSignals: opts.policy.expressionSignals,
  });

  /** Analyses one bitmap (transferred: the caller must not use it afterwards). */
  function analyse(bitmap: ImageBitmap, t = performance.now()): Promise<FaceFrame> {
    const id = nextId++;
    return new Promise<FaceFrame>((resolve, reject) => {
      pending.set(id, { t, isSpeaking, resolve, reject });
      send({ type: 'frame', id, bitmap }, [bitmap]);
    });
  }

  async function tick(video: HTMLVideoElement) {
    if (inFlight || disposed || video.readyState < 2 || video.videoWidth === 0) return;
    inFlight = true;
    try {
      const bitmap = await createImageBitmap(video);
      await analyse(bitmap);
    } catch {
      // A dropped frame is harmless; the next tick tries again.
    } finally {
      inFlight = false;
    }
  }

  return {
    /** Resolves with the model load time in ms once the worker can analyse. */
    ready: () => ready,
    attach(video: HTMLVideoElement) {
      if (timer) clearInterval(timer);
      timer = setInterval(() => void tick(video), opts.intervalMs ?? 100);
    },
    detach() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    analyse,
    /** The mic's voice-activity flag; stamped onto frames captured while it is set. */
    setSpeaking(v: boolean) {
      isSpeaking = v;
    },
    startAnswer() {
      answerFrames = [];
    },
    /** Ends the answer and returns its aggregates (null if no answer was started). */
    stopAnswer(): { aggregates: FaceAggregates; frames: number } | null {
      if (!answerFrames) return null;
      const r = aggregateAnswer(answerFrames, opts.policy, reference);
      reference = r.reference;
      const frames = answerFrames.length;
      answerFrames = null;
      return { aggregates: r.aggregates, frames };
    },
    /** Forgets tracking (and identity reference) — between unrelated still images. */
    async reset() {
      reference = null;
      ready = new Promise<number>((res, rej) => ((readyResolve = res), (readyReject = rej)));
      send({ type: 'reset' });
      await ready;
    },
    recentFrames: (): readonly FaceFrame[] => recent,
    workerMs: (): readonly number[] => workerMs,
    dispose() {
      disposed = true;
      if (timer) clearInterval(timer);
      answerFrames = null;
      recent.length = 0;
      send({ type: 'close' });
      setTimeout(() => worker.terminate(), 500);
    },
  };
}
