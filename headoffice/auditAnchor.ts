/**
 * Audit anchors: every batch carries the kiosk's latest audit-log head (protocol.ts AuditHead);
 * head office keeps the highest one per kiosk. The kiosk's `audit verify` compares its chain
 * with it (GET /v1/kiosks/audit-anchor). Head office itself flags a kiosk whose later batch
 * reports an older head (log cut short, wiped, or the database restored from a backup) or the
 * same entry with another hash (rewritten).
 */
import type { AuditHead } from '../core/sync/protocol.js';
import { createLogger } from '../core/logger.js';
import { logEvent } from './ingest.js';
import type { Queryable } from './store/types.js';

const log = createLogger('headoffice');

export type AuditAnchorRow = { audit_seq: number | null; audit_hash: string | null; audit_batch_seq: number | null };

/** `anchored`: the kiosk's anchor as read in this transaction (read here when not given). */
export async function recordAuditHead(q: Queryable, kioskId: string, batchSeq: number, head: AuditHead, now: string, anchored?: AuditAnchorRow): Promise<void> {
  const cur = anchored ?? (await q.get<AuditAnchorRow>('SELECT audit_seq, audit_hash, audit_batch_seq FROM ho_kiosks WHERE id = ?', [kioskId]))!;
  let alert: string | null = null;
  if (cur.audit_seq !== null && cur.audit_batch_seq !== null) {
    const anchored = Number(cur.audit_seq);
    if (head.seq === anchored && head.hash !== cur.audit_hash) alert = `batch ${batchSeq} reports audit entry #${head.seq} with a different hash than anchored: rewritten on the kiosk`;
    // An older batch arriving late legitimately carries an older head; a newer one must not.
    else if (head.seq < anchored && batchSeq > Number(cur.audit_batch_seq))
      alert = `batch ${batchSeq} reports audit head #${head.seq}, below the anchored #${anchored} (batch ${cur.audit_batch_seq}): the kiosk's audit log was cut short or restored`;
  }
  if (cur.audit_seq === null || head.seq > Number(cur.audit_seq)) {
    await q.run('UPDATE ho_kiosks SET audit_seq = ?, audit_hash = ?, audit_batch_seq = ?, audit_at = ? WHERE id = ?', [head.seq, head.hash, batchSeq, now, kioskId]);
  }
  if (alert) {
    await q.run('UPDATE ho_kiosks SET audit_alert = ? WHERE id = ?', [`${now} ${alert}`, kioskId]);
    await logEvent(q, 'audit-anchor-contradicted', kioskId, alert);
    log.warn(`kiosk ${kioskId}: ${alert}`);
  }
}

export async function auditAnchorOf(q: Queryable, kioskId: string) {
  const r = await q.get<AuditAnchorRow & { audit_at: string | null; audit_alert: string | null }>('SELECT audit_seq, audit_hash, audit_batch_seq, audit_at, audit_alert FROM ho_kiosks WHERE id = ?', [
    kioskId,
  ]);
  return {
    anchor: r && r.audit_seq !== null && r.audit_hash !== null ? { seq: Number(r.audit_seq), hash: r.audit_hash } : null,
    batchSeq: r?.audit_batch_seq ?? null,
    anchoredAt: r?.audit_at ?? null,
    alert: r?.audit_alert ?? null,
  };
}
