/**
 * Every kiosk as HR sees it: store, label, last contact, last batch received, downlink
 * versions in use (and any update it rejected), the last error it reported, refused records,
 * audit-anchor alerts, revocation — and why it needs attention. Built on listKiosks (the
 * `kiosks` CLI command) plus the last batch per kiosk; no writes.
 */
import { listKiosks } from '../admin.js';
import type { HoStore } from '../store/types.js';

/** A kiosk silent for longer than this needs attention (they sync every minute while online). */
export const STALE_AFTER_MS = 24 * 3_600_000;

export type AttentionReason = 'never-seen' | 'silent' | 'last-error' | 'rejected-update' | 'refused-records' | 'audit-alert';
export type VersionInUse = { kind: string; name: string; version: number; state: string };
export type FleetKiosk = {
  id: string;
  storeId: string;
  label: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  lastBatchAt: string | null;
  /** Time since head office last heard from the kiosk (ms), null when never. */
  silentMs: number | null;
  batchesReceived: number;
  versions: VersionInUse[];
  lastError: string | null;
  refusedRecords: number;
  auditAlert: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
  attention: AttentionReason[];
};

const asVersions = (v: unknown): VersionInUse[] =>
  Array.isArray(v) ? v.filter((x): x is VersionInUse => !!x && typeof x === 'object' && typeof (x as VersionInUse).name === 'string') : [];

export async function fleetStatus(store: HoStore, opts: { now?: number; staleAfterMs?: number } = {}): Promise<FleetKiosk[]> {
  const now = opts.now ?? Date.now();
  const stale = opts.staleAfterMs ?? STALE_AFTER_MS;
  const batches = await store.all<{ kiosk_id: string; n: number; last: string | null }>('SELECT kiosk_id, COUNT(*) AS n, MAX(received_at) AS last FROM ho_batches GROUP BY kiosk_id');
  const byKiosk = new Map(batches.map((b) => [b.kiosk_id, b]));
  return (await listKiosks(store)).map((k) => {
    const b = byKiosk.get(k.id);
    const lastBatchAt = b?.last ?? null;
    const heard = [k.lastSeenAt, lastBatchAt].filter((x): x is string => !!x).sort().at(-1) ?? null;
    const silentMs = heard ? Math.max(0, now - Date.parse(heard)) : null;
    const versions = asVersions(k.versions);
    const attention: AttentionReason[] = [];
    if (!k.revokedAt) {
      if (heard === null) attention.push('never-seen');
      else if (silentMs! > stale) attention.push('silent');
      if (k.lastError) attention.push('last-error');
      if (versions.some((v) => v.state === 'rejected')) attention.push('rejected-update');
      if (k.refusedRecords > 0) attention.push('refused-records');
      if (k.auditAlert) attention.push('audit-alert');
    }
    return {
      id: k.id, storeId: k.storeId, label: k.label, enrolledAt: k.enrolledAt, lastSeenAt: k.lastSeenAt, lastBatchAt, silentMs,
      batchesReceived: Number(b?.n ?? 0), versions, lastError: k.lastError, refusedRecords: k.refusedRecords, auditAlert: k.auditAlert,
      revokedAt: k.revokedAt, replacedBy: k.replacedBy, attention,
    };
  });
}
