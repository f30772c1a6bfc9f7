/**
 * Per-interview state folded from its records (for aggregation), and deletion tombstones.
 * Folding runs over all of an interview's records in kiosk order every time one arrives, so
 * the result does not depend on the order batches reached head office.
 */
import type { SyncRecord } from '../electron/services/sync/protocol.js';
import { kioskLineage } from './owners.js';
import type { Queryable } from './store/types.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * "Scheduled": the manager assigned a shift. Read from the decision record's payload; the
 * manager console may express it as scheduled:true, status 'scheduled', a shiftId or shifts[].
 */
function isScheduled(p: Record<string, unknown>): boolean {
  return p.scheduled === true || p.status === 'scheduled' || p.decision === 'scheduled' || typeof p.shiftId === 'string' || (Array.isArray(p.shifts) && p.shifts.length > 0);
}

type Rec = { kind: string; kiosk_id: string; store_id: string; applicant_id: string | null; payload_json: string };

export async function refreshInterviews(q: Queryable, ids: string[], now: string): Promise<void> {
  for (const id of ids) {
    const recs = await q.all<Rec>(
      'SELECT kind, kiosk_id, store_id, applicant_id, payload_json FROM ho_records WHERE interview_id = ? AND payload_json IS NOT NULL ORDER BY kiosk_order',
      [id],
    );
    // Ingest refuses other kiosks' records (owners.ts); folding only the owner's keeps rows
    // received before that rule from counting.
    const owner = await q.get<{ kiosk_id: string; store_id: string }>('SELECT kiosk_id, store_id FROM ho_owners WHERE subject_id = ?', [id]);
    const lineage = owner ? await kioskLineage(q, owner.kiosk_id) : null;
    const own = owner && lineage ? recs.filter((r) => lineage.has(r.kiosk_id) && r.store_id === owner.store_id) : recs;
    const base = own.find((r) => r.kind === 'interview.completed') ?? own.find((r) => r.kind === 'interview.abandoned');
    if (!base) continue; // decisions that overtook their interview wait for it
    const bp = JSON.parse(base.payload_json) as Record<string, unknown>;
    const iv = obj(bp.interview);
    // Kiosk records carry the score row with its result parsed under `result` (see
    // buildInterviewRecord); flat `band`/`overall` are accepted too.
    const scoreRow = obj(bp.score);
    const score = { ...scoreRow, ...obj(scoreRow.result) };
    let decision: string | null = null;
    let scheduled = false;
    for (const r of own) {
      const p = JSON.parse(r.payload_json) as Record<string, unknown>;
      if (r.kind === 'decision.made') {
        decision = str(p.decision) ?? decision;
        scheduled = scheduled || isScheduled(p);
      } else if (r.kind === 'decision.undone') {
        decision = null;
        scheduled = false;
      }
    }
    await q.run(
      `INSERT INTO ho_interviews (id, kiosk_id, store_id, pack_id, applicant_id, status, started_at, finished_at, band, overall, decision, scheduled, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, band = excluded.band, overall = excluded.overall, decision = excluded.decision,
         scheduled = excluded.scheduled, finished_at = excluded.finished_at, updated_at = excluded.updated_at`,
      [id, base.kiosk_id, base.store_id, str(iv.packId) ?? 'unknown', base.applicant_id, base.kind === 'interview.completed' ? 'completed' : 'abandoned',
        str(iv.startedAt), str(iv.finishedAt), str(score.band), num(score.overall), decision, scheduled ? 1 : 0, now],
    );
  }
}

/**
 * True when a tombstone for this applicant, interview or record subject (a call-back request)
 * has already arrived. ho_erasures.interview_id holds every erased subject id; '*' stands for
 * "everything about this applicant".
 */
export async function erasedOnArrival(q: Queryable, applicantId: string | null, interviewId: string | null, subjectId: string | null = null): Promise<boolean> {
  if (applicantId && (await q.get(`SELECT 1 AS x FROM ho_erasures WHERE applicant_id = ? AND interview_id = '*'`, [applicantId]))) return true;
  for (const id of [interviewId, subjectId]) if (id !== null && (await q.get('SELECT 1 AS x FROM ho_erasures WHERE interview_id = ?', [id])) !== undefined) return true;
  return false;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);

/**
 * applicant.deleted: erase the payloads (names, mobiles, answers) of every record about the
 * listed applicants, their interviews and their call-back requests, and the derived rows; keep
 * only ids, hashes and the tombstone itself, so replays cannot resurrect them. Ingest checked
 * first that the sending kiosk owns every id listed (owners.ts). Returns the erased interview
 * and request ids. The kiosk sends {applicantIds, interviewIds, humanRequestIds}; older kiosks
 * {applicantId, interviewIds} with the applicant as subject.
 */
export async function applyTombstone(q: Queryable, r: SyncRecord, now: string): Promise<string[]> {
  const listed = strings(r.payload.applicantIds);
  const single = str(r.payload.applicantId);
  const applicantIds = [...new Set(listed.length > 0 || single ? [...listed, ...(single ? [single] : [])] : [r.subjectId])];
  const key = applicantIds[0]!; // ho_erasures rows for interviews and requests hang off the first applicant
  const ins = `INSERT INTO ho_erasures (applicant_id, interview_id, record_id) VALUES (?, ?, ?) ON CONFLICT (applicant_id, interview_id) DO NOTHING`;
  const erase = (column: 'applicant_id' | 'interview_id' | 'subject_id', id: string) =>
    q.run(`UPDATE ho_records SET payload_json = NULL, erased_at = ? WHERE kind <> 'applicant.deleted' AND payload_json IS NOT NULL AND ${column} = ?`, [now, id]);
  const interviews = new Set(strings(r.payload.interviewIds));
  for (const a of applicantIds) {
    await q.run(ins, [a, '*', r.id]);
    // Interviews known here but missing from the tombstone's list are found via applicant_id.
    for (const l of await q.all<{ id: string }>('SELECT id FROM ho_interviews WHERE applicant_id = ?', [a])) interviews.add(l.id);
    for (const l of await q.all<{ interview_id: string }>(`SELECT DISTINCT interview_id FROM ho_records WHERE applicant_id = ? AND interview_id IS NOT NULL`, [a])) interviews.add(l.interview_id);
    await erase('applicant_id', a);
  }
  const requests = strings(r.payload.humanRequestIds);
  for (const iv of interviews) {
    await q.run(ins, [key, iv, r.id]);
    await erase('interview_id', iv);
    await q.run('DELETE FROM ho_interviews WHERE id = ?', [iv]);
  }
  for (const hr of requests) {
    await q.run(ins, [key, hr, r.id]);
    await erase('subject_id', hr);
  }
  return [...interviews, ...requests];
}
