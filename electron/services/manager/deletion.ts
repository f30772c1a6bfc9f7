import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox, redactedPayload } from '../sync/outbox.js';
import { ulid } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { requireFinishedInterview } from './applicantDetail.js';

const log = createLogger('deletion');

export type PurgeSet = { interviewIds: string[]; applicantIds: string[]; humanRequestIds: string[] };
export type PurgeResult = { tombstoneId: string; deletedInterviews: number; deletedApplicants: number; deletedHumanRequests: number; sealedUnsent: number };

/** Tables that keep a record of the deletion itself, or are handled one by one below. */
const SPECIAL = new Set(['audit_log', 'outbox', 'deletion_tombstones', 'human_requests', 'interviews', 'applicants']);

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * Removes personal data and answers for good: rows in every table that points at the
 * interviews (found by column name, so tables added later are covered too), the applicants,
 * their "human interview" requests, and unsent sync records carrying them. secure_delete
 * (set by openDatabase) zeroes the freed bytes; the WAL checkpoint afterwards drops the old
 * page versions still sitting in the WAL. A tombstone, an audit entry and an
 * applicant.deleted sync record remain — ids only.
 */
export function purge(db: Db, set: PurgeSet, actor: string, reason: string, now: Date): PurgeResult {
  const tombstoneId = ulid(now.getTime());
  const ivs = set.interviewIds;
  const result = db.transaction(() => {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    if (ivs.length) {
      for (const t of tables) {
        if (SPECIAL.has(t)) continue;
        const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
        if (cols.includes('interview_id')) db.prepare(`DELETE FROM "${t}" WHERE interview_id IN (${placeholders(ivs.length)})`).run(...ivs);
      }
    }
    const hrIds = new Set(set.humanRequestIds);
    if (ivs.length) for (const r of db.prepare(`SELECT id FROM human_requests WHERE interview_id IN (${placeholders(ivs.length)})`).all(...ivs) as { id: string }[]) hrIds.add(r.id);
    const hr = [...hrIds];
    if (hr.length) db.prepare(`DELETE FROM human_requests WHERE id IN (${placeholders(hr.length)})`).run(...hr);
    const deletedInterviews = ivs.length ? db.prepare(`DELETE FROM interviews WHERE id IN (${placeholders(ivs.length)})`).run(...ivs).changes : 0;
    // Applicants go only when no remaining interview still needs them.
    const orphanApplicants = set.applicantIds.filter((id) => !db.prepare('SELECT 1 FROM interviews WHERE applicant_id = ?').get(id));
    const deletedApplicants = orphanApplicants.length ? db.prepare(`DELETE FROM applicants WHERE id IN (${placeholders(orphanApplicants.length)})`).run(...orphanApplicants).changes : 0;

    // Sync records about these people: unsent ones are dropped (they never left the kiosk);
    // already batched ones keep their row as the record of what was sent, without the payload.
    const subjects = [...ivs, ...hr, ...orphanApplicants];
    const outboxIds = new Set<string>();
    if (subjects.length) for (const r of db.prepare(`SELECT id FROM outbox WHERE subject_id IN (${placeholders(subjects.length)})`).all(...subjects) as { id: string }[]) outboxIds.add(r.id);
    let sealedUnsent = 0;
    for (const id of outboxIds) {
      const row = db.prepare('SELECT batch_id FROM outbox WHERE id = ?').get(id) as { batch_id: string | null };
      if (row.batch_id === null) db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
      else {
        db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(redactedPayload('applicant.deleted'), id);
        const b = db.prepare('SELECT acked_at, body IS NOT NULL AS hasBody FROM sync_batches WHERE id = ?').get(row.batch_id) as { acked_at: string | null; hasBody: number } | undefined;
        if (b && !b.acked_at && b.hasBody) sealedUnsent++;
      }
    }

    db.prepare('INSERT INTO deletion_tombstones (id, applicant_id, interview_ids_json, reason, actor, deleted_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      tombstoneId,
      set.applicantIds[0] ?? null,
      JSON.stringify(ivs),
      reason,
      actor,
      now.toISOString(),
    );
    appendAudit(db, { actor, action: 'applicant.deleted', subject: tombstoneId, detail: { reason, interviews: ivs, applicants: orphanApplicants, humanRequests: hr.length, sealedUnsent } });
    enqueueOutbox(db, 'applicant.deleted', set.applicantIds[0] ?? ivs[0] ?? tombstoneId, {
      v: 1,
      tombstoneId,
      applicantIds: orphanApplicants,
      interviewIds: ivs,
      humanRequestIds: hr,
      reason,
      deletedAt: now.toISOString(),
    });
    return { tombstoneId, deletedInterviews, deletedApplicants, deletedHumanRequests: hr.length, sealedUnsent };
  })();
  scrubAfterDelete(db);
  if (result.sealedUnsent) log.warn(`${result.sealedUnsent} sealed, unsent sync record(s) still carry the deleted data until head office acknowledges them; the tombstone follows them`);
  return result;
}

/** Old page versions live on in the WAL (and index samples in sqlite_stat4) until these run. */
export function scrubAfterDelete(db: Db): void {
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'`).get()) db.exec('ANALYZE');
  const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (cp && cp.busy) log.warn('WAL checkpoint was busy; deleted data may remain in the WAL until the next checkpoint');
}

/** Names as people type them: spacing, width and case do not make a different person. */
export const samePersonName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A data-rights request: everything about this person — every application and call-back request
 * under their mobile AND their name. A mobile alone is not a person: family members share one,
 * and another person's call-back request or application must survive this deletion.
 */
export function deleteApplicant(db: Db, actor: string, interviewId: string, reason: string, now: Date): PurgeResult {
  const iv = requireFinishedInterview(db, interviewId);
  if (!iv.applicant_id) return purge(db, { interviewIds: [iv.id], applicantIds: [], humanRequestIds: [] }, actor, reason, now);
  const me = db.prepare('SELECT name, mobile FROM applicants WHERE id = ?').get(iv.applicant_id) as { name: string; mobile: string };
  const isMe = (r: { name: string }) => samePersonName(r.name) === samePersonName(me.name);
  const applicantIds = (db.prepare('SELECT id, name FROM applicants WHERE mobile = ?').all(me.mobile) as { id: string; name: string }[]).filter(isMe).map((r) => r.id);
  const interviewIds = (db.prepare(`SELECT id FROM interviews WHERE applicant_id IN (${placeholders(applicantIds.length)})`).all(...applicantIds) as { id: string }[]).map((r) => r.id);
  // Call-backs linked to their interviews go with them (in purge); unlinked ones only when they are theirs.
  const humanRequestIds = (db.prepare('SELECT id, name FROM human_requests WHERE mobile = ? AND interview_id IS NULL').all(me.mobile) as { id: string; name: string }[]).filter(isMe).map((r) => r.id);
  const r = purge(db, { interviewIds, applicantIds, humanRequestIds }, actor, reason, now);
  log.info(`deleted applicant data on request: ${r.deletedInterviews} interview(s), ${r.deletedHumanRequests} call-back request(s), tombstone ${r.tombstoneId}`);
  return r;
}
