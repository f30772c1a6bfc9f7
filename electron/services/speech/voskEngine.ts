import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../../core/moduleWorker.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import type { FromWorker, LoadReply, SessionResult, ToWorker } from './workerProtocol.js';

const log = createLogger('speech.engine');

export type PartialListener = (text: string, seq: number) => void;
export type VoskEngine = {
  load(modelDir: string): Promise<LoadReply>;
  start(sessionId: string, modelDir: string, onPartial: PartialListener): Promise<LoadReply>;
  /** 16 kHz s16le mono. Fire-and-forget: frames are decoded in order in the worker. */
  audio(sessionId: string, pcm: Uint8Array): number;
  stop(sessionId: string): Promise<SessionResult>;
  cancel(sessionId: string): void;
  unload(modelDir: string): Promise<void>;
  close(): Promise<void>;
};

/** How often (in samples of decoded audio) the worker reads a partial result: every 200 ms. */
const PARTIAL_EVERY_SAMPLES = 3200;
type WithId = Extract<ToWorker, { id: number }>;
/** A request as the caller writes it (the engine assigns the id); distributes over the union. */
type Request = WithId extends infer M ? (M extends WithId ? Omit<M, 'id'> : never) : never;
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * What the worker is started with: the libvosk to load (KioskConfig.voskLib) or null for the vosk
 * package's; `idleRecognizers`: recognizers kept for reuse per model (recognizerPool.ts, default 2;
 * 0 = a new recognizer for every answer and no warm-up, as before issue 17 item 5).
 */
export type VoskWorkerData = { libPath: string | null; idleRecognizers?: number };

export function startWorker(workerData: VoskWorkerData = { libPath: null }): Worker {
  return startModuleWorker(import.meta.url, 'voskWorker', workerData);
}

export function createVoskEngine(opts: { libPath?: string | null; idleRecognizers?: number } = {}): VoskEngine {
  let worker: Worker | null = null;
  let nextId = 1;
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const partials = new Map<string, PartialListener>();

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker({ libPath: opts.libPath ?? null, idleRecognizers: opts.idleRecognizers });
    w.on('message', (m: FromWorker) => {
      if (m.t === 'partial') {
        partials.get(m.sessionId)?.(m.text, m.seq);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new KioskError(KNOWN_CODES.has(m.code) ? (m.code as ErrorCode) : ErrorCode.Internal, m.message));
    });
    // A crash in native code takes the worker down, not the kiosk: fail what was waiting and
    // start a fresh worker on the next call.
    const fail = (why: string) => {
      log.error(`recognizer worker stopped: ${why}`);
      for (const p of pending.values()) p.reject(new KioskError(ErrorCode.Internal, 'Speech recognition stopped unexpectedly. Please type your answer, or try speaking again.'));
      pending.clear();
      partials.clear();
      if (worker === w) worker = null;
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => {
      if (worker === w) fail(`exit code ${code}`);
    });
    worker = w;
    return w;
  };

  const request = <T>(msg: Request): Promise<T> => {
    const w = ensure();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ ...msg, id } as ToWorker);
    });
  };

  return {
    async load(modelDir) {
      const r = await request<LoadReply>({ t: 'load', modelDir });
      if (!r.cached) log.info(`model loaded in ${r.loadMs.toFixed(0)} ms, first recognizer warmed in ${r.warmMs.toFixed(0)} ms`);
      return r;
    },
    async start(sessionId, modelDir, onPartial) {
      partials.set(sessionId, onPartial);
      try {
        return await request<LoadReply>({ t: 'start', sessionId, modelDir, partialEverySamples: PARTIAL_EVERY_SAMPLES });
      } catch (e) {
        partials.delete(sessionId);
        throw e;
      }
    },
    audio(sessionId, pcm) {
      const s = ++seq;
      // Copy into a fresh buffer we can transfer; the caller's buffer may be pooled (Node Buffers).
      const copy = new Uint8Array(pcm.byteLength - (pcm.byteLength % 2));
      copy.set(pcm.subarray(0, copy.byteLength));
      ensure().postMessage({ t: 'audio', sessionId, seq: s, pcm: copy } satisfies ToWorker, [copy.buffer]);
      return s;
    },
    async stop(sessionId) {
      try {
        return await request<SessionResult>({ t: 'stop', sessionId });
      } finally {
        partials.delete(sessionId);
      }
    },
    cancel(sessionId) {
      partials.delete(sessionId);
      worker?.postMessage({ t: 'cancel', sessionId } satisfies ToWorker);
    },
    async unload(modelDir) {
      if (worker) await request({ t: 'unload', modelDir });
    },
    async close() {
      const w = worker;
      worker = null;
      partials.clear();
      if (w) await w.terminate();
    },
  };
}
