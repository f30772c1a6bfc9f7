/**
 * Every kiosk as HR sees it: store and region, label, last contact, last batch received,
 * downlink versions in use (and any update it rejected), what its last status report said
 * (sync lag = age of its oldest unsent record, packs and scoring models in use, speech/face
 * models installed), the last errors it reported, refused records, audit-anchor alerts,
 * revocation — and why it needs attention. Built on listKiosks (the `kiosks` CLI command) plus
 * the last batch per kiosk. recordKioskReport stores the report (POST /v1/kiosks/versions).
 */
import { z } from 'zod';
import { listKiosks } from '../admin.js';
import type { HoStore } from '../store/types.js';
import { listStores } from './stores.js';

/** A kiosk silent for longer than this needs attention (they sync every minute while online). */
export const STALE_AFTER_MS = 24 * 3_600_000;
/** Records waiting on the kiosk for longer than this (as it reported) need attention. */
export const LAG_ATTENTION_MS = 60 * 60_000;
/** An error reported within this window needs attention (even if a later round was clean). */
export const RECENT_ERROR_MS = 24 * 3_600_000;
/** Errors kept per kiosk, newest first. */
const ERRORS_KEPT = 5;

/**
 * The kiosk's status report. Only versions and lastError are required: a kiosk from before
 * these fields (issue 18) sends just those two, and its report is stored with the rest unknown.
 */
export const KioskReport = z.object({
  versions: z.array(z.object({ kind: z.string().max(40), name: z.string().max(100), version: z.number(), state: z.string().max(40) })).max(500),
  lastError: z.string().max(1000).nullable(),
  lastErrorAt: z.string().max(40).nullable().optional(),
  syncLagMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 86_400_000)
    .nullable()
    .optional(),
  pendingRecords: z.number().int().min(0).optional(),
  packs: z
    .array(z.object({ id: z.string().max(64), version: z.string().max(20) }))
    .max(200)
    .optional(),
  scoringModels: z
    .array(z.object({ packId: z.string().max(64), modelVersion: z.string().max(100) }))
    .max(200)
    .optional(),
  installedModels: z
    .array(z.object({ name: z.string().max(100), kind: z.string().max(20), lang: z.string().max(20).nullable(), isValid: z.boolean() }))
    .max(50)
    .optional(),
  appVersion: z.string().max(40).optional(),
});
export type KioskReport = z.infer<typeof KioskReport>;
type StatusJson = Pick<KioskReport, 'packs' | 'scoringModels' | 'installedModels' | 'appVersion'>;
export type ReportedError = { at: string; message: string };

export async function recordKioskReport(store: HoStore, kioskId: string, r: KioskReport, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await store.tx(async (q) => {
    const prev = await q.get<{ errors_json: string }>('SELECT errors_json FROM ho_kiosks WHERE id = ?', [kioskId]);
    let errors = parseErrors(prev?.errors_json);
    // The kiosk repeats its current error on every round until a clean one: keep it once.
    if (r.lastError && errors[0]?.message !== r.lastError) errors = [{ at: r.lastErrorAt ?? at, message: r.lastError }, ...errors].slice(0, ERRORS_KEPT);
    const status: StatusJson = { packs: r.packs, scoringModels: r.scoringModels, installedModels: r.installedModels, appVersion: r.appVersion };
    const hasStatus = Object.values(status).some((v) => v !== undefined);
    await q.run('UPDATE ho_kiosks SET versions_json = ?, last_error = ?, last_seen_at = ?, sync_lag_ms = ?, pending_records = ?, status_json = ?, status_at = ?, errors_json = ? WHERE id = ?', [
      JSON.stringify(r.versions),
      r.lastError,
      at,
      r.syncLagMs ?? null,
      r.pendingRecords ?? null,
      hasStatus ? JSON.stringify(status) : null,
      at,
      JSON.stringify(errors),
      kioskId,
    ]);
  });
}

function parseErrors(json: string | null | undefined): ReportedError[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((e): e is ReportedError => !!e && typeof (e as ReportedError).message === 'string' && typeof (e as ReportedError).at === 'string') : [];
  } catch {
    return [];
  }
}

export type AttentionReason = 'never-seen' | 'silent' | 'sync-lag' | 'recent-errors' | 'rejected-update' | 'refused-records' | 'audit-alert';
export type VersionInUse = { kind: string; name: string; version: number; state: string };
export type FleetKiosk = {
  id: string;
  storeId: string;
  region: string | null;
  label: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  lastBatchAt: string | null;
  /** Time since head office last heard from the kiosk (ms), null when never. */
  silentMs: number | null;
  batchesReceived: number;
  versions: VersionInUse[];
  lastError: string | null;
  /** Errors the kiosk reported, newest first (the last few). */
  errors: ReportedError[];
  /** Age of the oldest record not yet acknowledged by head office, as the kiosk reported it (null: not reported). */
  syncLagMs: number | null;
  pendingRecords: number | null;
  /** When the last status report came (null: never, or an older kiosk). */
  statusAt: string | null;
  /** The last report had the packs/models fields (false: never reported, or a kiosk from before them). */
  hasDetails: boolean;
  packs: { id: string; version: string }[];
  scoringModels: { packId: string; modelVersion: string }[];
  installedModels: { name: string; kind: string; lang: string | null; isValid: boolean }[];
  appVersion: string | null;
  refusedRecords: number;
  auditAlert: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
  attention: AttentionReason[];
};

const asVersions = (v: unknown): VersionInUse[] => (Array.isArray(v) ? v.filter((x): x is VersionInUse => !!x && typeof x === 'object' && typeof (x as VersionInUse).name === 'string') : []);

export async function fleetStatus(store: HoStore, opts: { now?: number; staleAfterMs?: number; region?: string | undefined } = {}): Promise<FleetKiosk[]> {
  const now = opts.now ?? Date.now();
  const stale = opts.staleAfterMs ?? STALE_AFTER_MS;
  const regionOf = new Map((await listStores(store)).map((m) => [m.storeId, m.region]));
  const reports = new Map(
    (
      await store.all<{ id: string; sync_lag_ms: number | null; pending_records: number | null; status_json: string | null; status_at: string | null; errors_json: string }>(
        'SELECT id, sync_lag_ms, pending_records, status_json, status_at, errors_json FROM ho_kiosks',
      )
    ).map((r) => [r.id, r]),
  );
  const batches = await store.all<{ kiosk_id: string; n: number; last: string | null }>('SELECT kiosk_id, COUNT(*) AS n, MAX(received_at) AS last FROM ho_batches GROUP BY kiosk_id');
  const byKiosk = new Map(batches.map((b) => [b.kiosk_id, b]));
  const kiosks = (await listKiosks(store)).filter((k) => !opts.region || regionOf.get(k.storeId) === opts.region);
  return kiosks.map((k) => {
    const b = byKiosk.get(k.id);
    const rep = reports.get(k.id);
    let status: StatusJson = {};
    try {
      status = rep?.status_json ? (JSON.parse(rep.status_json) as StatusJson) : {};
    } catch {
      /* unreadable: shown as not reported */
    }
    const errors = parseErrors(rep?.errors_json);
    const syncLagMs = rep?.sync_lag_ms === null || rep?.sync_lag_ms === undefined ? null : Number(rep.sync_lag_ms);
    const lastBatchAt = b?.last ?? null;
    const heard =
      [k.lastSeenAt, lastBatchAt]
        .filter((x): x is string => !!x)
        .sort()
        .at(-1) ?? null;
    const silentMs = heard ? Math.max(0, now - Date.parse(heard)) : null;
    const versions = asVersions(k.versions);
    const attention: AttentionReason[] = [];
    if (!k.revokedAt) {
      if (heard === null) attention.push('never-seen');
      else if (silentMs! > stale) attention.push('silent');
      if (syncLagMs !== null && syncLagMs > LAG_ATTENTION_MS) attention.push('sync-lag');
      if (k.lastError || errors.some((e) => now - Date.parse(e.at) <= RECENT_ERROR_MS)) attention.push('recent-errors');
      if (versions.some((v) => v.state === 'rejected')) attention.push('rejected-update');
      if (k.refusedRecords > 0) attention.push('refused-records');
      if (k.auditAlert) attention.push('audit-alert');
    }
    return {
      id: k.id,
      storeId: k.storeId,
      region: regionOf.get(k.storeId) ?? null,
      label: k.label,
      enrolledAt: k.enrolledAt,
      lastSeenAt: k.lastSeenAt,
      lastBatchAt,
      silentMs,
      batchesReceived: Number(b?.n ?? 0),
      versions,
      lastError: k.lastError,
      errors,
      syncLagMs,
      pendingRecords: rep?.pending_records === null || rep?.pending_records === undefined ? null : Number(rep.pending_records),
      statusAt: rep?.status_at ?? null,
      hasDetails: !!rep?.status_json,
      packs: status.packs ?? [],
      scoringModels: status.scoringModels ?? [],
      installedModels: status.installedModels ?? [],
      appVersion: status.appVersion ?? null,
      refusedRecords: k.refusedRecords,
      auditAlert: k.auditAlert,
      revokedAt: k.revokedAt,
      replacedBy: k.replacedBy,
      attention,
    };
  });
}
