/**
 * Sends sealed batches in seq order, one at a time, with bounded exponential back-off and
 * jitter. Stops at the first batch that cannot go: later batches would only widen the gap
 * below head office's watermark.
 */
import type { Db } from '../db/openDatabase.js';
import { createLogger } from '../../../core/logger.js';
import { applyAck, noteAttempt, pendingBatches, sealBatches } from './batches.js';
import { backoffMs } from '../../../core/sync/protocol.js';
import { recordError, setState, type SyncIdentity } from './state.js';
import { postBatch } from './transport.js';

const log = createLogger('sync');

export type PushOptions = {
  maxAttempts?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  rand?: () => number;
  maxBatchBytes?: number;
  maxBatchRecords?: number;
};
export type PushResult = { ok: boolean; sentBatches: number; ackedRecords: number; rejected: number; error: string | null };

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function pushPending(db: Db, me: SyncIdentity, opts: PushOptions = {}): Promise<PushResult> {
  const started = performance.now();
  const maxAttempts = opts.maxAttempts ?? 5;
  const sleep = opts.sleep ?? realSleep;
  sealBatches(db, me, { maxBytes: opts.maxBatchBytes, maxRecords: opts.maxBatchRecords });
  setState(db, 'lastAttemptAt', new Date().toISOString());
  const out: PushResult = { ok: true, sentBatches: 0, ackedRecords: 0, rejected: 0, error: null };
  for (const batch of pendingBatches(db)) {
    let done = false;
    for (let attempt = 0; attempt < maxAttempts && !done; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt - 1, { baseMs: opts.baseMs ?? 1000, maxMs: opts.maxMs ?? 5 * 60_000 }, opts.rand));
      const r = await postBatch(me, batch);
      if (r.ok) {
        noteAttempt(db, batch.id, null);
        out.ackedRecords += applyAck(db, r.value);
        out.rejected += r.value.rejected.length;
        if (r.value.rejected.length > 0) {
          // Head office refuses records about another kiosk's interviews (docs/sync.md, "Authorised writes").
          const foreign = r.value.rejected.filter((x) => x.reason.includes('another kiosk')).length;
          // Records head office could not read against their schema (core/records).
          const unreadable = r.value.rejected.find((x) => /^invalid |without a version|record of version/.test(x.reason));
          recordError(
            db,
            foreign > 0
              ? `Head office refused ${foreign} record(s) about interviews or applicants that another kiosk owns. If this kiosk was enrolled again, ask head office for an enrollment code that replaces its old kiosk id.`
              : unreadable
                ? `Head office could not read ${r.value.rejected.length} record(s) from this kiosk (${unreadable.reason}). Tell support; the kiosk and head-office software versions may not match.`
                : `Head office refused ${r.value.rejected.length} record(s) that changed after they were first sent. Ask support to compare the kiosk and head-office copies.`,
          );
        }
        setState(db, 'lastWatermark', String(r.value.watermarkSeq));
        out.sentBatches++;
        done = true;
      } else {
        noteAttempt(db, batch.id, r.message);
        log.warn(`batch seq ${batch.seq} attempt ${attempt + 1} failed (status ${r.status})`);
        if (!r.retryable) {
          out.ok = false;
          out.error = r.message;
          recordError(db, r.message);
          return out;
        }
        out.error = r.message;
      }
    }
    if (!done) {
      out.ok = false;
      recordError(db, out.error ?? 'Head office cannot be reached.');
      return out;
    }
  }
  out.error = null;
  if (out.sentBatches > 0) log.info(`pushed ${out.sentBatches} batch(es) in ${(performance.now() - started).toFixed(0)} ms`);
  return out;
}
