/**
 * The kiosk's audit chain against the anchor head office keeps (the latest audit head any of
 * this kiosk's batches carried). The chain verifying on its own proves only that it is
 * consistent; the anchor shows entries that were cut off the end, or rewritten and re-chained,
 * after they were synced. For `audit verify` (see docs/sync.md, "Audit anchor").
 */
import type { Db } from '../db/openDatabase.js';
import type { AuditHead } from './protocol.js';

export type AnchorVerdict =
  | { ok: true; anchoredSeq: number | null }
  | { ok: false; anchoredSeq: number; problem: 'truncated' | 'rewritten'; message: string };

export function compareWithAnchor(db: Db, anchor: AuditHead | null): AnchorVerdict {
  if (!anchor) return { ok: true, anchoredSeq: null };
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) {
    return { ok: false, anchoredSeq: anchor.seq, problem: 'truncated', message: `Audit entry #${anchor.seq}, which head office holds as synced, is missing from this kiosk: the audit log was cut short.` };
  }
  if (row.hash !== anchor.hash) {
    return { ok: false, anchoredSeq: anchor.seq, problem: 'rewritten', message: `Audit entry #${anchor.seq} differs from the copy head office anchored: the audit log was rewritten after it was synced.` };
  }
  return { ok: true, anchoredSeq: anchor.seq };
}
