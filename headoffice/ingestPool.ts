/**
 * Where ingest does its CPU half (ingestPrepare.ts): in-process, or in a pool of worker threads
 * so that, with several kiosks uploading at once, one batch is parsed and checked while the
 * main thread writes another (the writes are serial anyway). A worker that fails or exits
 * loses nothing: the batches it held are prepared in-process instead, and the next batch
 * starts a new worker.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/moduleWorker.js';
import { createLogger } from '../core/logger.js';
import { fromWire, prepareBatch, type PreparedBatch, type PrepareInput } from './ingestPrepare.js';
import type { FromPrepareWorker, ToPrepareWorker } from './ingestWorker.js';

const log = createLogger('headoffice');

export type BatchPreparer = {
  prepare(input: PrepareInput): Promise<PreparedBatch>;
  /** Batches prepared by a worker and in-process (no pool, a failed worker, or after close). */
  counts(): { worker: number; inProcess: number };
  /** Starts every worker and resolves once all have loaded (a cold worker takes a moment to load its code). */
  warm(): Promise<void>;
  close(): Promise<void>;
};

export function inProcessPreparer(): BatchPreparer {
  let n = 0;
  return { prepare: async (input) => (n++, prepareBatch(input)), counts: () => ({ worker: 0, inProcess: n }), warm: async () => undefined, close: async () => undefined };
}

/** One worker per core the main thread leaves free, at least one, at most four. */
export const defaultIngestWorkers = (): number => Math.max(1, Math.min(4, os.availableParallelism() - 1));

type Pending = { input: PrepareInput; resolve(b: PreparedBatch): void; reject(e: Error): void };
type Slot = { worker: Worker; ready: Promise<void>; pending: Map<number, Pending> };

/**
 * `onWorker` sees each worker as it starts (tests stop one mid-batch). `snapshotFile`: the
 * SQLite store's file, from which the workers also read each batch's look-ups ahead
 * (ingestLookup.ts); none for PostgreSQL.
 */
export function createPreparePool(size: number = defaultIngestWorkers(), opts: { onWorker?: (w: Worker) => void; snapshotFile?: string } = {}): BatchPreparer {
  if (size <= 0) return inProcessPreparer();
  const slots: (Slot | null)[] = Array.from({ length: size }, () => null);
  let nextId = 1;
  let closed = false;
  /** A worker that exits before it has loaded will not load next time either: check in-process from then on. */
  let unloadable = false;
  const done = { worker: 0, inProcess: 0 };
  const here = (input: PrepareInput) => (done.inProcess++, prepareBatch(input));
  /** Settles a batch from an event handler: whatever goes wrong fails that request, never the process. */
  const settle = (p: Pending, f: () => PreparedBatch) => {
    try {
      p.resolve(f());
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };

  /** Empties slot i: what its worker held is prepared here instead, and the worker is stopped. */
  const release = (i: number, slot: Slot): Promise<number> => {
    slots[i] = null;
    for (const p of slot.pending.values()) settle(p, () => here(p.input));
    slot.pending.clear();
    return slot.worker.terminate();
  };

  /** The worker died or broke: the slot starts afresh with the next batch. */
  const fail = (i: number, slot: Slot, why: string) => {
    if (slots[i] !== slot) return;
    if (slot.pending.size > 0 && !closed) log.warn(`ingest worker ${i} stopped (${why}); ${slot.pending.size} batch(es) prepared in-process`);
    void release(i, slot);
  };

  const start = (i: number): Slot => {
    const worker = startModuleWorker(import.meta.url, 'ingestWorker');
    let isLoaded = false;
    let loaded = () => undefined as void;
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (loaded = resolve)), pending: new Map() };
    worker.unref(); // an idle pool never keeps the service alive; pending requests do
    worker.on('message', (m: FromPrepareWorker) => {
      if ('ready' in m) {
        isLoaded = true;
        return loaded();
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if ('error' in m) {
        log.warn(`ingest worker ${i} could not prepare a batch (${m.error}); prepared in-process`);
        settle(p, () => here(p.input));
      } else {
        done.worker++;
        settle(p, () => fromWire(m.wire));
      }
    });
    worker.on('error', (e) => fail(i, slot, e.message));
    worker.on('exit', (code) => {
      if (!isLoaded && !closed && !unloadable) {
        unloadable = true;
        log.error(`ingest worker ${i} exited (code ${code}) before it had loaded; batches are checked on the main thread until head office restarts`);
      }
      loaded();
      fail(i, slot, `exit code ${code}`);
    });
    slots[i] = slot;
    opts.onWorker?.(slot.worker);
    return slot;
  };

  return {
    prepare(input) {
      if (closed || unloadable) return Promise.resolve(here(input));
      // The least busy worker (an empty slot counts as idle and is started).
      let best = 0;
      for (let i = 1; i < size; i++) if ((slots[i]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = i;
      const slot = slots[best] ?? start(best);
      const id = nextId++;
      return new Promise<PreparedBatch>((resolve, reject) => {
        slot.pending.set(id, { input, resolve, reject });
        // A copy of exactly the body's bytes (a Buffer may be a view of a larger pooled block).
        const msg: ToPrepareWorker = { id, input: { ...input, body: new Uint8Array(input.body) }, ...(opts.snapshotFile ? { snapshotFile: opts.snapshotFile } : {}) };
        slot.worker.postMessage(msg, [msg.input.body.buffer as ArrayBuffer]);
      });
    },
    counts: () => ({ ...done }),
    async warm() {
      if (!closed && !unloadable) await Promise.all(slots.map((slot, i) => (slot ?? start(i)).ready));
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot, i) => slot && release(i, slot)));
    },
  };
}
