import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';

/** Kept for every interview: the anonymous funnel row. Handled apart or holding no answers. */
const KEEP = new Set(['audit_log', 'outbox', 'deletion_tombstones', 'human_requests', 'interviews', 'applicants', 'pack_snapshots']);

/**
 * An interview that was stopped, left idle or declined at a knock-out is not used, so — as the
 * screen tells the applicant — its answers and personal data go at once: every row that points
 * at it (answers, follow-ups, skills results, scores, face aggregates, self-identification …,
 * found by column name so tables added later are covered), and the applicant row with the name,
 * mobile, availability and wage. What stays is the anonymous interview row (opening, language,
 * times, status, which knock-out rules failed) that the funnel counts, and an audit entry with
 * counts only. A "talk to staff" request the person makes afterwards is theirs and is kept.
 * Unsent sync records about it, other than the anonymous `interview.abandoned`, are dropped.
 * Runs inside the caller's transaction (its audit entry stamped `now`, the caller's clock); the
 * caller scrubs the WAL afterwards.
 */
export function eraseUnfinished(db: Db, interviewId: string, reason: 'idle' | 'cancelled' | 'declined', actor: string, now?: Date): { rows: number; applicant: boolean } {
  let rows = 0;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  for (const t of tables) {
    if (KEEP.has(t)) continue;
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((c) => c.name);
    if (cols.includes('interview_id')) rows += db.prepare(`DELETE FROM "${t}" WHERE interview_id = ?`).run(interviewId).changes;
  }
  const iv = db.prepare('SELECT applicant_id FROM interviews WHERE id = ?').get(interviewId) as { applicant_id: string | null } | undefined;
  let applicant = false;
  if (iv?.applicant_id) {
    db.prepare('UPDATE interviews SET applicant_id = NULL WHERE id = ?').run(interviewId);
    // The applicant row is this interview's own (one per profile), unless something else still points at it.
    const isShared = db.prepare('SELECT 1 FROM interviews WHERE applicant_id = ?').get(iv.applicant_id);
    if (!isShared) applicant = db.prepare('DELETE FROM applicants WHERE id = ?').run(iv.applicant_id).changes === 1;
  }
  db.prepare(`DELETE FROM outbox WHERE subject_id = ? AND batch_id IS NULL AND kind <> 'interview.abandoned'`).run(interviewId);
  appendAudit(db, { actor, action: 'interview.erased', subject: interviewId, detail: { reason, rows, applicant } }, now);
  return { rows, applicant };
}
