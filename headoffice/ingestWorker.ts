/**
 * Worker thread of the ingest pool (ingestPool.ts): prepares batches (ingestPrepare.ts) and
 * answers in the compact wire form (`prepareBatchForWire`): the main thread's share of a batch is then
 * reading one small JSON text.
 */
import { parentPort } from 'node:worker_threads';
import { prepareBatchForWire, type PrepareInput, type WirePrepared } from './ingestPrepare.js';

export type ToPrepareWorker = { id: number; input: PrepareInput };
/** `ready`: sent once, when the worker has loaded and listens. */
export type FromPrepareWorker = { id: number; wire: WirePrepared } | { id: number; error: string } | { ready: true };

parentPort!.on('message', (m: ToPrepareWorker) => {
  let reply: FromPrepareWorker;
  try {
    reply = { id: m.id, wire: prepareBatchForWire(m.input) };
  } catch (e) {
    reply = { id: m.id, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true } satisfies FromPrepareWorker);
