/**
 * One sync round (push, then downlink, then the status report) and a background loop that
 * repeats it, backing off while head office is unreachable. The status report also goes when
 * the push failed, so head office sees a kiosk whose records keep waiting (its sync lag) and why.
 */
import type { Db } from '../db/openDatabase.js';
import { createLogger } from '../../../core/logger.js';
import { pendingRecordCount } from './batches.js';
import { applyDownlink, listVersions } from './downlink.js';
import { backoffMs } from '../../../core/sync/protocol.js';
import { pushPending, type PushOptions } from './push.js';
import { getIdentity, getState, recordError, setState } from './state.js';
import { storeAnchor } from './auditAnchor.js';
import { syncSecondRoundPicks } from './secondRoundPicks.js';
import { buildStatusReport, type ReportSources } from './statusReport.js';
import { getAuditAnchor, getDownlink, postVersions } from './transport.js';

const log = createLogger('sync');

export type SyncRound = { ok: boolean; pushedBatches: number; ackedRecords: number; applied: string[]; rejected: string[]; error: string | null };

export type SyncOptions = PushOptions & { report?: ReportSources };

/** Sent after a failed push: short, since head office may well be unreachable. */
const FAILED_ROUND_REPORT_TIMEOUT_MS = 5_000;

export async function syncNow(db: Db, dataDir: string, opts: SyncOptions = {}): Promise<SyncRound> {
  const me = getIdentity(db);
  if (!me) return { ok: false, pushedBatches: 0, ackedRecords: 0, applied: [], rejected: [], error: 'This kiosk is not enrolled with head office yet.' };
  const push = await pushPending(db, me, opts);
  const round: SyncRound = { ok: push.ok, pushedBatches: push.sentBatches, ackedRecords: push.ackedRecords, applied: [], rejected: [], error: push.error };
  if (!push.ok) {
    const rep = await postVersions(me, await buildStatusReport(db, opts.report), FAILED_ROUND_REPORT_TIMEOUT_MS);
    if (!rep.ok) log.warn(`status report after a failed push not sent: ${rep.message}`);
    return round;
  }
  const dl = await getDownlink(me);
  if (!dl.ok) {
    recordError(db, dl.message);
    return { ...round, ok: false, error: dl.message };
  }
  const applied = applyDownlink(db, dataDir, me.headOfficeKeyPem, dl.value);
  round.applied = applied.applied;
  round.rejected = applied.rejected;
  const rep = await postVersions(me, await buildStatusReport(db, opts.report));
  if (!rep.ok) log.warn(`status report failed: ${rep.message}`);
  // The audit head head office now holds for this kiosk, for `audit verify` (docs/sync.md, "Audit anchor").
  const anchor = await getAuditAnchor(me);
  if (anchor.ok) storeAnchor(db, anchor.value);
  else log.warn(`audit anchor not fetched: ${anchor.message}`);
  // Second-round slots applicants chose on the phone page become bookings here (docs/notify.md).
  await syncSecondRoundPicks(db, me, opts);
  setState(db, 'lastSuccessAt', new Date().toISOString());
  // A clean round clears the last error unless this round itself rejected an update.
  if (applied.rejected.length === 0 && push.rejected === 0) setState(db, 'lastError', null);
  return round;
}

export type SyncStatus = {
  enrolled: boolean;
  kioskId: string | null;
  storeId: string | null;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  pendingRecords: number;
  lastError: string | null;
  lastErrorAt: string | null;
  versions: { kind: string; name: string; version: number; state: string; detail: string | null }[];
};

export function getSyncStatus(db: Db): SyncStatus {
  const me = getIdentity(db);
  return {
    enrolled: me !== null,
    kioskId: me?.kioskId ?? null,
    storeId: me?.storeId ?? null,
    lastSyncAt: getState(db, 'lastSuccessAt'),
    lastAttemptAt: getState(db, 'lastAttemptAt'),
    pendingRecords: pendingRecordCount(db),
    lastError: getState(db, 'lastError'),
    lastErrorAt: getState(db, 'lastErrorAt'),
    versions: listVersions(db)
      .filter((v) => v.state !== 'retired')
      .map((v) => ({ kind: v.kind, name: v.name, version: v.version, state: v.state, detail: v.detail })),
  };
}

/**
 * Background loop: a round every intervalMs while things work; after failures, exponential
 * back-off with jitter up to maxMs. Rounds never overlap (sync:now joins the running one).
 */
export function startSyncLoop(db: Db, dataDir: string, opts: { intervalMs?: number; maxMs?: number; onRound?: (r: SyncRound) => void; report?: ReportSources } = {}) {
  const intervalMs = opts.intervalMs ?? 60_000;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SyncRound> | null = null;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void runNow(), ms);
    timer.unref();
  };
  const runNow = (): Promise<SyncRound> => {
    if (running) return running;
    if (timer) clearTimeout(timer);
    running = syncNow(db, dataDir, { maxAttempts: 1, ...(opts.report ? { report: opts.report } : {}) })
      .catch((e: unknown): SyncRound => {
        log.error('sync round failed', e);
        return { ok: false, pushedBatches: 0, ackedRecords: 0, applied: [], rejected: [], error: 'Sync stopped on an internal error; it will try again.' };
      })
      .then((r) => {
        running = null;
        failures = r.ok ? 0 : failures + 1;
        opts.onRound?.(r);
        schedule(r.ok ? intervalMs : backoffMs(failures, { baseMs: 5_000, maxMs: opts.maxMs ?? 30 * 60_000 }));
        return r;
      });
    return running;
  };
  schedule(1_000);
  return {
    runNow,
    /** Waits for a running round, so the database is not closed under it. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
