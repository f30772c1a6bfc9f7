/**
 * What ingest must read before it decides about a batch's records, read in one statement:
 * which records are already stored (idempotency), who owns the subjects they name (authorised
 * writes, owners.ts), and which of them were erased (tombstones that arrived first). On
 * PostgreSQL every statement is a round trip; one UNION ALL per chunk of ids instead of four
 * statements.
 */
import { inLists, placeholders, type Queryable } from './store/types.js';

/** Ids per list and statement (four lists: at most 2,048 parameters). */
const CHUNK = 512;

export type BatchLookup = {
  /** Records already stored, by id. */
  stored: Map<string, { content_hash: string; kiosk_id: string }>;
  /** Owners of the subjects asked about, by subject id. */
  owners: Map<string, { kiosk_id: string; store_id: string }>;
  /** Whether a record about this applicant, interview or subject would arrive erased (null when erasures were not asked for). */
  erased: ((applicantId: string | null, interviewId: string | null, subjectId: string | null) => boolean) | null;
};

type Row = { t: 'r' | 'o' | 'a' | 's'; k: string; x: string | null; y: string | null };

/**
 * `erasures`: the records to check against erasures (applicant, interview and subject ids), or
 * null to skip them — only valid while no tombstone is applied, so a batch carrying one checks
 * record by record instead (interviews.ts erasedOnArrival).
 */
export async function lookUpBatch(
  q: Queryable,
  recordIds: readonly string[],
  subjectIds: readonly string[],
  erasures: readonly { applicantId: string | null; interviewId: string | null; subjectId: string }[] | null,
): Promise<BatchLookup> {
  const lists: { sql: string; ids: string[] }[] = [
    { sql: `SELECT 'r' AS t, id AS k, content_hash AS x, kiosk_id AS y FROM ho_records WHERE id IN`, ids: [...new Set(recordIds)] },
    { sql: `SELECT 'o', subject_id, kiosk_id, store_id FROM ho_owners WHERE subject_id IN`, ids: [...new Set(subjectIds)] },
    {
      sql: `SELECT 'a', applicant_id, NULL, NULL FROM ho_erasures WHERE interview_id = '*' AND applicant_id IN`,
      ids: [...new Set((erasures ?? []).flatMap((r) => (r.applicantId ? [r.applicantId] : [])))],
    },
    {
      sql: `SELECT 's', interview_id, NULL, NULL FROM ho_erasures WHERE interview_id IN`,
      ids: [...new Set((erasures ?? []).flatMap((r) => [r.interviewId, r.subjectId].filter((x): x is string => x !== null)))],
    },
  ];
  const out: BatchLookup = { stored: new Map(), owners: new Map(), erased: null };
  const wholeApplicants = new Set<string>();
  const erasedSubjects = new Set<string>();
  const cut = lists.map((l) => inLists(q.dialect, l.ids, CHUNK));
  const longest = Math.max(...cut.map((c) => c.length));
  for (let i = 0; i < longest; i++) {
    const parts = lists.map((l, n) => ({ sql: l.sql, ids: cut[n]![i] ?? [] })).filter((p) => p.ids.length > 0);
    const rows = await q.all<Row>(
      parts.map((p) => `${p.sql} (${placeholders(p.ids.length)})`).join(' UNION ALL '),
      parts.flatMap((p) => p.ids),
    );
    for (const r of rows) {
      if (r.t === 'r') out.stored.set(r.k, { content_hash: r.x!, kiosk_id: r.y! });
      else if (r.t === 'o') out.owners.set(r.k, { kiosk_id: r.x!, store_id: r.y! });
      else if (r.t === 'a') wholeApplicants.add(r.k);
      else erasedSubjects.add(r.k);
    }
  }
  if (erasures) {
    out.erased = (applicantId, interviewId, subjectId) => (applicantId !== null && wholeApplicants.has(applicantId)) || [interviewId, subjectId].some((id) => id !== null && erasedSubjects.has(id));
  }
  return out;
}
