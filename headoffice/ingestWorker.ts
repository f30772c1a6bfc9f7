/**
 * Worker thread of the ingest pool (ingestPool.ts): prepares batches (ingestPrepare.ts) and
 * answers in the compact wire form (`toWire`): the main thread's share of a batch is then
 * reading one small JSON text. Given the SQLite store's file, it also reads the batch's
 * look-ups ahead on a read-only connection of its own (ingestLookup.ts), so the writing thread
 * need not; if that fails, the batch goes without and the writing thread reads them.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort } from 'node:worker_threads';
import { aboutRecords, lookupKeys, takeSnapshot, type LookupSnapshot } from './ingestLookup.js';
import { prepareBatch, toWire, type PreparedBatch, type PrepareInput, type WirePrepared } from './ingestPrepare.js';
import { sqliteQueryable } from './store/sqliteStore.js';
import type { Queryable } from './store/types.js';

/** `snapshotFile`: the head-office SQLite file to read look-ups from (none on PostgreSQL). */
export type ToPrepareWorker = { id: number; input: PrepareInput; snapshotFile?: string };
/** `ready`: sent once, when the worker has loaded and listens. */
export type FromPrepareWorker = { id: number; wire: WirePrepared } | { id: number; error: string } | { ready: true };

let reader: { file: string; db: Database.Database; q: Queryable } | null = null;
function readerFor(file: string): Queryable {
  if (reader?.file !== file) {
    reader?.db.close();
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    reader = { file, db, q: sqliteQueryable(db) };
  }
  return reader.q;
}

async function snapshotOf(b: PreparedBatch, file: string | undefined): Promise<LookupSnapshot | undefined> {
  if (!file || !b.signatureOk || !b.decoded?.ok) return undefined;
  const records = b.decoded.body.records;
  const keys = lookupKeys(records, aboutRecords(records));
  if (keys.erasures === null) return undefined; // a tombstone in the batch: looked up as it is written
  try {
    return await takeSnapshot(readerFor(file), keys);
  } catch {
    // The writing thread reads them instead; the next batch opens the file afresh.
    reader?.db.close();
    reader = null;
    return undefined;
  }
}

parentPort!.on('message', (m: ToPrepareWorker) => {
  void (async () => {
    let reply: FromPrepareWorker;
    try {
      const b = prepareBatch(m.input);
      reply = { id: m.id, wire: toWire(b, await snapshotOf(b, m.snapshotFile)) };
    } catch (e) {
      reply = { id: m.id, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  })();
});
parentPort!.postMessage({ ready: true } satisfies FromPrepareWorker);
