/**
 * What ingest must read before it decides about a batch's records, read in one statement:
 * which records are already stored (idempotency), who owns the subjects they name (authorised
 * writes, owners.ts), and which of them were erased (tombstones that arrived first). On
 * PostgreSQL every statement is a round trip; one UNION ALL per chunk of ids instead of four
 * statements.
 *
 * On SQLite the ingest worker that checked the batch also reads these rows, on a read-only
 * connection of its own (a snapshot), so the writing thread does not have to. The snapshot is
 * used only if it can still be trusted when the batch is written (docs/sync.md, "Look-ups read
 * by the worker"): no batch of the same kiosk went in since it was read (`snapshotStillValid`);
 * another kiosk's batch can meet this one only over the same record ids or subjects, and the
 * unique record id and the owner claims (owners.ts claimMany) catch that when the rows go in.
 */
import { deriveFields, type DerivedFields, type IngestRecord } from './ingestRecord.js';
import type { PreparedRecord } from './ingestPrepare.js';
import { MAX_SUBJECTS_PER_RECORD, subjectsOf } from './owners.js';
import { inLists, placeholders, type Queryable } from './store/types.js';

/** Ids per list and statement (four lists: at most 2,048 parameters). */
const CHUNK = 512;

/** What a readable record is about (null for a record that failed its checks). */
export type RecordAbout = { rec: IngestRecord; f: DerivedFields; subjects: string[] };

/** Each record's fields and subjects, worked out once, on whichever thread (pure). */
export const aboutRecords = (records: readonly PreparedRecord[]): (RecordAbout | null)[] =>
  records.map((p) => {
    if (!p.parsed.ok) return null;
    const f = deriveFields(p.subjectId, p.parsed.record);
    return { rec: p.parsed.record, f, subjects: subjectsOf(p.subjectId, p.parsed.record, f) };
  });

/**
 * The ids to look up for a batch. `erasures` is null when the batch holds a tombstone: erasures
 * can then change while it is ingested, so ingest checks them record by record instead
 * (interviews.ts erasedOnArrival).
 */
export type LookupKeys = {
  recordIds: string[];
  subjectIds: string[];
  erasures: { applicantId: string | null; interviewId: string | null; subjectId: string }[] | null;
};

export function lookupKeys(records: readonly PreparedRecord[], about: readonly (RecordAbout | null)[]): LookupKeys {
  const hasTombstone = about.some((a) => a?.rec.kind === 'applicant.deleted');
  return {
    recordIds: records.map((r) => r.id),
    subjectIds: about.flatMap((a) => (a && a.subjects.length <= MAX_SUBJECTS_PER_RECORD ? a.subjects : [])),
    erasures: hasTombstone ? null : about.flatMap((a, i) => (a ? [{ subjectId: records[i]!.subjectId, ...a.f }] : [])),
  };
}

export type BatchLookup = {
  /** Records already stored, by id. */
  stored: Map<string, { content_hash: string; kiosk_id: string }>;
  /** Owners of the subjects asked about, by subject id. */
  owners: Map<string, { kiosk_id: string; store_id: string }>;
  /** Whether a record about this applicant, interview or subject would arrive erased (null when erasures were not asked for). */
  erased: ((applicantId: string | null, interviewId: string | null, subjectId: string | null) => boolean) | null;
};

/** The rows found, as plain lists (they cross from the worker to the main thread as they are). */
export type LookupRows = {
  stored: [id: string, contentHash: string, kioskId: string][];
  owners: [subjectId: string, kioskId: string, storeId: string][];
  /** Applicants erased whole, and interviews or subjects erased. */
  applicants: string[];
  subjects: string[];
  erasuresAsked: boolean;
};

type Row = { t: 'r' | 'o' | 'a' | 's'; k: string; x: string | null; y: string | null };

async function readLookup(q: Queryable, keys: LookupKeys): Promise<LookupRows> {
  const erasures = keys.erasures ?? [];
  const lists: { sql: string; ids: string[] }[] = [
    { sql: `SELECT 'r' AS t, id AS k, content_hash AS x, kiosk_id AS y FROM ho_records WHERE id IN`, ids: [...new Set(keys.recordIds)] },
    { sql: `SELECT 'o', subject_id, kiosk_id, store_id FROM ho_owners WHERE subject_id IN`, ids: [...new Set(keys.subjectIds)] },
    {
      sql: `SELECT 'a', applicant_id, NULL, NULL FROM ho_erasures WHERE interview_id = '*' AND applicant_id IN`,
      ids: [...new Set(erasures.flatMap((r) => (r.applicantId ? [r.applicantId] : [])))],
    },
    {
      sql: `SELECT 's', interview_id, NULL, NULL FROM ho_erasures WHERE interview_id IN`,
      ids: [...new Set(erasures.flatMap((r) => [r.interviewId, r.subjectId].filter((x): x is string => x !== null)))],
    },
  ];
  const out: LookupRows = { stored: [], owners: [], applicants: [], subjects: [], erasuresAsked: keys.erasures !== null };
  const cut = lists.map((l) => inLists(q.dialect, l.ids, CHUNK));
  const longest = Math.max(...cut.map((c) => c.length));
  for (let i = 0; i < longest; i++) {
    const parts = lists.map((l, n) => ({ sql: l.sql, ids: cut[n]![i] ?? [] })).filter((p) => p.ids.length > 0);
    const rows = await q.all<Row>(
      parts.map((p) => `${p.sql} (${placeholders(p.ids.length)})`).join(' UNION ALL '),
      parts.flatMap((p) => p.ids),
    );
    for (const r of rows) {
      if (r.t === 'r') out.stored.push([r.k, r.x!, r.y!]);
      else if (r.t === 'o') out.owners.push([r.k, r.x!, r.y!]);
      else if (r.t === 'a') out.applicants.push(r.k);
      else out.subjects.push(r.k);
    }
  }
  return out;
}

export function toBatchLookup(rows: LookupRows): BatchLookup {
  const wholeApplicants = new Set(rows.applicants);
  const erasedSubjects = new Set(rows.subjects);
  return {
    stored: new Map(rows.stored.map(([id, content_hash, kiosk_id]) => [id, { content_hash, kiosk_id }])),
    owners: new Map(rows.owners.map(([id, kiosk_id, store_id]) => [id, { kiosk_id, store_id }])),
    erased: rows.erasuresAsked
      ? (applicantId, interviewId, subjectId) => (applicantId !== null && wholeApplicants.has(applicantId)) || [interviewId, subjectId].some((id) => id !== null && erasedSubjects.has(id))
      : null,
  };
}

export const lookUpBatch = async (q: Queryable, keys: LookupKeys): Promise<BatchLookup> => toBatchLookup(await readLookup(q, keys));

/** A batch's look-ups read ahead on another connection (SQLite), and the last ho_batches row then. */
export type LookupSnapshot = LookupRows & { batchMark: number };

/** Reads the mark first: a batch committed after it may or may not show in the rows, and counts as new either way. */
export async function takeSnapshot(q: Queryable, keys: LookupKeys): Promise<LookupSnapshot> {
  const mark = await q.get<{ m: number | null }>('SELECT max(rowid) AS m FROM ho_batches');
  return { ...(await readLookup(q, keys)), batchMark: mark?.m ?? 0 };
}

/** In the writing transaction: no batch of this kiosk went in since the snapshot was read. SQLite only (rowid). */
export async function snapshotStillValid(q: Queryable, snap: LookupSnapshot, kioskId: string): Promise<boolean> {
  const r = await q.get<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM ho_batches WHERE rowid > ? AND kiosk_id = ? LIMIT 1)', [snap.batchMark, kioskId]);
  return r?.n === 0;
}
