/**
 * Per-interview state folded from its records (for aggregation), and deletion tombstones.
 * Folding runs over all of an interview's records in kiosk order every time one arrives, so
 * the result does not depend on the order batches reached head office.
 */
import type { SyncRecord } from '../core/sync/protocol.js';
import { parseRecord, type RecordPayload, type TypedRecord } from '../core/records/registry.js';
import { createLogger } from '../core/logger.js';
import type { CompletedHead, IngestRecord } from './ingestRecord.js';
import { kioskLineage } from './owners.js';
import { inLists, inRowChunks, placeholders, type Param, type Queryable } from './store/types.js';

const log = createLogger('headoffice');

type Rec = { id: string; kind: string; kiosk_id: string; store_id: string; applicant_id: string | null; payload_json: string };

/**
 * A stored record through its schema. Ingest validated it; rows stored before records were
 * versioned do not parse and are left out of folding (logged), never guessed at.
 */
function readStored(r: Rec): TypedRecord | null {
  const p = parseRecord(r.kind, JSON.parse(r.payload_json));
  if (p.ok) return p.record;
  log.warn(`record ${r.id} left out of the interview summary: ${p.reason}`);
  return null;
}

/** The folded state of one interview's records, in kiosk order. */
export function foldInterview(records: readonly IngestRecord[]) {
  let completed: CompletedHead | null = null;
  let abandoned: RecordPayload<'interview.abandoned'> | null = null;
  let decision: string | null = null;
  const shifts = new Set<string>();
  for (const r of records) {
    if (r.kind === 'interview.completed') completed ??= r.payload;
    else if (r.kind === 'interview.abandoned') abandoned ??= r.payload;
    else if (r.kind === 'decision.made') decision = r.payload.decision;
    else if (r.kind === 'decision.undone') decision = null;
    else if (r.kind === 'shift.assigned') shifts.add(r.payload.shiftId);
    else if (r.kind === 'shift.unassigned') shifts.delete(r.payload.shiftId);
  }
  const result = completed?.score?.result ?? null;
  return {
    status: completed ? ('completed' as const) : ('abandoned' as const),
    packId: completed?.interview.packId ?? abandoned?.packId ?? null,
    startedAt: completed?.interview.startedAt ?? null,
    finishedAt: completed?.interview.finishedAt ?? null,
    band: result?.band ?? null,
    overall: result?.overall ?? null,
    decision,
    /** Scheduled: the kiosk has the applicant on at least one shift (shift.assigned minus shift.unassigned). */
    scheduled: shifts.size > 0,
  };
}

/** Ids per IN list and rows per upsert: one statement for a usual batch (a round trip each on PostgreSQL). */
const CHUNK = 500;
async function inChunks<T>(q: Queryable, ids: readonly string[], fn: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of inLists(q.dialect, ids, CHUNK)) out.push(...(await fn(part)));
  return out;
}

/** A record of an interview first seen in the batch being ingested, as ingest holds it. */
export type FreshRecord = { kioskId: string; storeId: string; applicantId: string | null; rec: IngestRecord };

/**
 * Refolds the given interviews from their stored records. Set-based (a few statements per
 * batch, not per interview): ingest holds the serial lock while this runs. `known`: records
 * this transaction just validated, by id — their payloads are not read back and parsed again;
 * only records from earlier batches are (a decision after its interview reads it once).
 *
 * `fresh`: interviews this batch is the first to mention (their owner was claimed in it and no
 * tombstone is in it), with their records in kiosk order. Every record about them is in the
 * batch, so they are folded from memory without reading anything back.
 */
export async function refreshInterviews(
  q: Queryable,
  ids: string[],
  now: string,
  known: ReadonlyMap<string, IngestRecord> = new Map(),
  fresh: ReadonlyMap<string, readonly FreshRecord[]> = new Map(),
): Promise<void> {
  const rows: Param[][] = [];
  for (const [id, recs] of fresh) {
    const row = interviewRow(
      id,
      recs.map((r) => ({ row: { kiosk_id: r.kioskId, store_id: r.storeId, applicant_id: r.applicantId }, rec: r.rec })),
      now,
    );
    if (row) rows.push(row);
  }
  await upsertInterviewRows(q, ids.length === 0 ? rows : [...rows, ...(await refold(q, ids, now, known))]);
}

type RowHead = { kiosk_id: string; store_id: string; applicant_id: string | null };
function interviewRow(id: string, typed: readonly { row: RowHead; rec: IngestRecord }[], now: string): Param[] | null {
  const base = typed.find((t) => t.rec.kind === 'interview.completed') ?? typed.find((t) => t.rec.kind === 'interview.abandoned');
  if (!base) return null; // decisions that overtook their interview wait for it
  const f = foldInterview(typed.map((t) => t.rec));
  return [id, base.row.kiosk_id, base.row.store_id, f.packId ?? 'unknown', base.row.applicant_id, f.status, f.startedAt, f.finishedAt, f.band, f.overall, f.decision, f.scheduled ? 1 : 0, now];
}

async function refold(q: Queryable, ids: string[], now: string, known: ReadonlyMap<string, IngestRecord>): Promise<Param[][]> {
  const heads = await inChunks(q, ids, (part) =>
    q.all<Omit<Rec, 'payload_json'> & { interview_id: string }>(
      `SELECT id, interview_id, kind, kiosk_id, store_id, applicant_id FROM ho_records WHERE interview_id IN (${placeholders(part.length)}) AND payload_json IS NOT NULL ORDER BY kiosk_order`,
      part,
    ),
  );
  const missing = heads.filter((h) => !known.has(h.id)).map((h) => h.id);
  const payloads = new Map<string, string>();
  for (const r of await inChunks(q, missing, (part) =>
    q.all<{ id: string; payload_json: string }>(`SELECT id, payload_json FROM ho_records WHERE id IN (${placeholders(part.length)}) AND payload_json IS NOT NULL`, part),
  )) {
    payloads.set(r.id, r.payload_json);
  }
  const byInterview = new Map<string, (Rec & { typed?: IngestRecord })[]>();
  for (const h of heads) {
    const typed = known.get(h.id);
    const payload = payloads.get(h.id);
    if (!typed && payload === undefined) continue; // erased meanwhile
    const list = byInterview.get(h.interview_id) ?? [];
    list.push(typed ? { ...h, payload_json: '', typed } : { ...h, payload_json: payload! });
    byInterview.set(h.interview_id, list);
  }
  // Ingest refuses other kiosks' records (owners.ts); folding only the owner's keeps rows
  // received before that rule from counting.
  const owners = new Map(
    (
      await inChunks(q, ids, (part) =>
        q.all<{ subject_id: string; kiosk_id: string; store_id: string }>(`SELECT subject_id, kiosk_id, store_id FROM ho_owners WHERE subject_id IN (${placeholders(part.length)})`, part),
      )
    ).map((o) => [o.subject_id, o]),
  );
  const lineages = new Map<string, Set<string>>();
  const rows: Param[][] = [];
  for (const id of ids) {
    const recs = byInterview.get(id) ?? [];
    const owner = owners.get(id);
    let lineage = owner ? lineages.get(owner.kiosk_id) : undefined;
    if (owner && !lineage) {
      lineage = await kioskLineage(q, owner.kiosk_id);
      lineages.set(owner.kiosk_id, lineage);
    }
    const own = owner && lineage ? recs.filter((r) => lineage.has(r.kiosk_id) && r.store_id === owner.store_id) : recs;
    const typed = own.flatMap((r) => {
      const t = r.typed ?? readStored(r);
      return t ? [{ row: r, rec: t }] : [];
    });
    const row = interviewRow(id, typed, now);
    if (row) rows.push(row);
  }
  return rows;
}

async function upsertInterviewRows(q: Queryable, rows: readonly Param[][]): Promise<void> {
  for (const part of inRowChunks(q.dialect, rows, CHUNK)) {
    await q.run(
      `INSERT INTO ho_interviews (id, kiosk_id, store_id, pack_id, applicant_id, status, started_at, finished_at, band, overall, decision, scheduled, updated_at)
       VALUES ${part.map(() => `(${placeholders(13)})`).join(', ')}
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, band = excluded.band, overall = excluded.overall, decision = excluded.decision,
         scheduled = excluded.scheduled, finished_at = excluded.finished_at, updated_at = excluded.updated_at`,
      part.flat(),
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

/**
 * applicant.deleted: erase the payloads (names, mobiles, answers) of every record about the
 * listed applicants, their interviews and their call-back requests, and the derived rows; keep
 * only ids, hashes and the tombstone itself, so replays cannot resurrect them. Ingest checked
 * first that the sending kiosk owns every id listed (owners.ts). Returns the erased interview
 * and request ids. With no applicant listed (each still had another interview on the kiosk)
 * the record's subject stands for the applicant.
 */
export async function applyTombstone(q: Queryable, r: Pick<SyncRecord, 'id' | 'subjectId'>, p: RecordPayload<'applicant.deleted'>, now: string): Promise<string[]> {
  const applicantIds = [...new Set(p.applicantIds.length > 0 ? p.applicantIds : [r.subjectId])];
  const key = applicantIds[0]!; // ho_erasures rows for interviews and requests hang off the first applicant
  const ins = `INSERT INTO ho_erasures (applicant_id, interview_id, record_id) VALUES (?, ?, ?) ON CONFLICT (applicant_id, interview_id) DO NOTHING`;
  const erase = (column: 'applicant_id' | 'interview_id' | 'subject_id', id: string) =>
    q.run(`UPDATE ho_records SET payload_json = NULL, erased_at = ? WHERE kind <> 'applicant.deleted' AND payload_json IS NOT NULL AND ${column} = ?`, [now, id]);
  const interviews = new Set(p.interviewIds);
  for (const a of applicantIds) {
    await q.run(ins, [a, '*', r.id]);
    // Interviews known here but missing from the tombstone's list are found via applicant_id.
    for (const l of await q.all<{ id: string }>('SELECT id FROM ho_interviews WHERE applicant_id = ?', [a])) interviews.add(l.id);
    for (const l of await q.all<{ interview_id: string }>(`SELECT DISTINCT interview_id FROM ho_records WHERE applicant_id = ? AND interview_id IS NOT NULL`, [a])) interviews.add(l.interview_id);
    await erase('applicant_id', a);
  }
  const requests = p.humanRequestIds;
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
