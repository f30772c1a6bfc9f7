/**
 * Who may write about an interview, an applicant or a call-back request: the kiosk that owns it.
 * The first accepted record naming an id claims it for its kiosk (and that kiosk's store) —
 * normally the interview.completed that introduced it. Every later record that names the id is
 * accepted only from that kiosk; anything else is refused by ingest, counted and logged.
 *
 * Ids are ULIDs minted on the owning kiosk and leave it only inside its own signed batches, so
 * a different kiosk cannot name them first; a kiosk whose batches arrive out of order (a
 * tombstone before its interview) still claims its own ids for itself.
 */
import type { IngestRecord } from './ingestRecord.js';
import { inRowChunks, placeholders, type Queryable } from './store/types.js';

/** More ids than any real record names (a tombstone lists one person's interviews). */
export const MAX_SUBJECTS_PER_RECORD = 1000;

/** Every id a record is about: its subject, interview, applicant, and a tombstone's lists. */
export function subjectsOf(subjectId: string, r: IngestRecord, derived: { interviewId: string | null; applicantId: string | null }): string[] {
  const ids = new Set<string>([subjectId]);
  for (const id of [derived.interviewId, derived.applicantId]) if (id) ids.add(id);
  if (r.kind === 'applicant.deleted') for (const id of [...r.payload.applicantIds, ...r.payload.interviewIds, ...r.payload.humanRequestIds]) ids.add(id);
  if (r.kind === 'human.requested') ids.add(r.payload.requestId);
  return [...ids];
}

type Kiosk = { id: string; store_id: string };
export type OwnerVerdict = { ok: true; unclaimed: string[] } | { ok: false; reason: string };

/** Ids per IN list and claims per insert: one statement for a usual batch (a round trip each on PostgreSQL). */
const CHUNK = 1000;

export async function checkOwnership(q: Queryable, kiosk: Kiosk, ids: string[]): Promise<OwnerVerdict> {
  if (ids.length > MAX_SUBJECTS_PER_RECORD) return { ok: false, reason: `refused: the record names more than ${MAX_SUBJECTS_PER_RECORD} interviews or applicants` };
  const owned = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await q.all<{ subject_id: string; kiosk_id: string; store_id: string }>(
      `SELECT subject_id, kiosk_id, store_id FROM ho_owners WHERE subject_id IN (${placeholders(part.length)})`,
      part,
    );
    for (const row of rows) {
      if (row.kiosk_id !== kiosk.id || row.store_id !== kiosk.store_id) {
        return { ok: false, reason: 'refused: the record is about an interview or applicant that belongs to another kiosk' };
      }
      owned.add(row.subject_id);
    }
  }
  return { ok: true, unclaimed: ids.filter((id) => !owned.has(id)) };
}

export async function claimSubjects(q: Queryable, kiosk: Kiosk, ids: string[], recordId: string, now: string): Promise<void> {
  for (const id of ids) {
    await q.run('INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING', [
      id,
      kiosk.id,
      kiosk.store_id,
      recordId,
      now,
    ]);
  }
}

/** checkOwnership against the owners ingest looked up for its batch (ingestLookup.ts; same verdicts, no query). */
export function checkOwnershipIn(index: ReadonlyMap<string, { kiosk_id: string; store_id: string }>, kiosk: Kiosk, ids: string[]): OwnerVerdict {
  if (ids.length > MAX_SUBJECTS_PER_RECORD) return { ok: false, reason: `refused: the record names more than ${MAX_SUBJECTS_PER_RECORD} interviews or applicants` };
  for (const id of ids) {
    const row = index.get(id);
    if (row && (row.kiosk_id !== kiosk.id || row.store_id !== kiosk.store_id)) return { ok: false, reason: 'refused: the record is about an interview or applicant that belongs to another kiosk' };
  }
  return { ok: true, unclaimed: ids.filter((id) => !index.has(id)) };
}

/**
 * Several claims in one statement per chunk (ingest queues them and writes them together).
 * Returns how many went in: a subject claimed meanwhile by another transaction is skipped.
 */
export async function claimMany(q: Queryable, claims: readonly { subjectId: string; kioskId: string; storeId: string; recordId: string; at: string }[]): Promise<number> {
  let inserted = 0;
  for (const part of inRowChunks(q.dialect, claims, CHUNK)) {
    inserted += (
      await q.run(
        `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (subject_id) DO NOTHING`,
        part.flatMap((c) => [c.subjectId, c.kioskId, c.storeId, c.recordId, c.at]),
      )
    ).changes;
  }
  return inserted;
}

/** Re-enrollment with a replacing code: the new kiosk inherits what the old one owned. */
export async function transferOwnership(q: Queryable, fromKioskId: string, toKioskId: string): Promise<number> {
  return (await q.run('UPDATE ho_owners SET kiosk_id = ? WHERE kiosk_id = ?', [toKioskId, fromKioskId])).changes;
}

/** The kiosk and every kiosk it replaced (re-enrollments), whose records it now speaks for. */
export async function kioskLineage(q: Queryable, kioskId: string): Promise<Set<string>> {
  const ids = new Set([kioskId]);
  for (let frontier = [kioskId]; frontier.length > 0;) {
    const rows = await q.all<{ id: string }>(`SELECT id FROM ho_kiosks WHERE replaced_by IN (${placeholders(frontier.length)})`, frontier);
    frontier = rows.map((r) => r.id).filter((id) => !ids.has(id));
    frontier.forEach((id) => ids.add(id));
  }
  return ids;
}
