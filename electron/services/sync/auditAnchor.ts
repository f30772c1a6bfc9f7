/**
 * The kiosk's audit chain against the anchor head office keeps (the latest audit head any of
 * this kiosk's batches carried). The chain verifying on its own proves only that it is
 * consistent; the anchor shows entries that were cut off the end, or rewritten and re-chained,
 * after they were synced. For `audit verify` (see docs/sync.md, "Audit anchor").
 */
import type { Db } from '../db/openDatabase.js';
import { AuditHead } from '../../../core/sync/protocol.js';
import { getState, setState } from './state.js';

export type AnchorVerdict = { ok: true; anchoredSeq: number | null } | { ok: false; anchoredSeq: number; problem: 'truncated' | 'rewritten'; message: string };

export function compareWithAnchor(db: Db, anchor: AuditHead | null): AnchorVerdict {
  if (!anchor) return { ok: true, anchoredSeq: null };
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) {
    return {
      ok: false,
      anchoredSeq: anchor.seq,
      problem: 'truncated',
      message: `Audit entry #${anchor.seq}, which head office holds as synced, is missing from this kiosk: the audit log was cut short.`,
    };
  }
  if (row.hash !== anchor.hash) {
    return {
      ok: false,
      anchoredSeq: anchor.seq,
      problem: 'rewritten',
      message: `Audit entry #${anchor.seq} differs from the copy head office anchored: the audit log was rewritten after it was synced.`,
    };
  }
  return { ok: true, anchoredSeq: anchor.seq };
}

/** The anchor this kiosk last got from head office (null before any), kept in `sync_state`. */
export function storedAnchor(db: Db): AuditHead | null {
  try {
    const raw = getState(db, 'auditAnchor');
    if (!raw) return null;
    const p = AuditHead.safeParse(JSON.parse(raw));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

/**
 * Keeps what head office answered after a sync round. Like head office's own anchor it never
 * moves back: an answer older than the one kept (head office restored from a backup, or
 * null) leaves it as it is. Returns the anchor now kept.
 */
export function storeAnchor(db: Db, anchor: AuditHead | null): AuditHead | null {
  const kept = storedAnchor(db);
  if (!anchor || (kept && anchor.seq < kept.seq)) return kept;
  setState(db, 'auditAnchor', JSON.stringify({ seq: anchor.seq, hash: anchor.hash }));
  return anchor;
}
