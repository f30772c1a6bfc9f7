import { parseRecord, type RecordInput, type RecordKind } from '../../../core/records/registry.js';
import { packJson, unpackJson } from '../db/compactJson.js';
import type { Db } from '../db/openDatabase.js';
import { buildInterviewRecord } from '../interview/interviewRecord.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../../../core/ids.js';

/**
 * Record kinds whose payload is not copied into the outbox: it is built from the subject's own
 * rows when its batch is sealed. An interview record is the answers, the score explanation and
 * the applicant's details, all already stored once; a second copy per pending record was most
 * of the kiosk's database (issue 17, item 4). Until sealed nothing has left the kiosk, so the
 * record sent is the interview as stored at that moment.
 */
const BUILT_AT_SEAL = {
  'interview.completed': buildInterviewRecord,
} as const satisfies { [K in RecordKind]?: (db: Db, subjectId: string) => RecordInput<K> };

export type BuiltAtSealKind = keyof typeof BUILT_AT_SEAL;

const isBuiltAtSeal = (kind: string): kind is BuiltAtSealKind => Object.hasOwn(BUILT_AT_SEAL, kind);

/** A record's stored form: canonical JSON of the schema's output, and its content hash. */
function canonicalRecord(kind: RecordKind, payload: unknown): { json: string; hash: string } {
  const parsed = parseRecord(kind, payload);
  if (!parsed.ok) throw new Error(`sync record not written: ${parsed.reason}`);
  const json = canonicalJson(parsed.record.payload);
  return { json, hash: sha256Hex(kind + '\n' + json) };
}

/**
 * Adds a sync record. Must be called inside the transaction of the change it describes: a
 * payload that does not match its kind's schema (core/records) throws, so the change
 * is rolled back rather than a malformed record reaching head office. The stored payload is
 * the schema's output (defaults filled in), in canonical JSON, kept compact (db/compactJson.ts).
 * `now` is the time the change is stamped with (the service's clock); without one, now.
 */
export function enqueueOutbox<K extends RecordKind>(db: Db, kind: K, subjectId: string, payload: RecordInput<K>, now?: Date): string {
  const { json, hash } = canonicalRecord(kind, payload);
  const id = ulid();
  db.prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    kind,
    subjectId,
    packJson(json),
    hash,
    now ? now.toISOString() : nowIso(),
  );
  return id;
}

/**
 * Adds a sync record that is built from the subject's rows when sealed (BUILT_AT_SEAL). It is
 * built and checked against its schema now as well, in the caller's transaction, so a record that
 * could not be sent still rolls the change back; only the copy is not kept.
 */
export function enqueueBuiltRecord(db: Db, kind: BuiltAtSealKind, subjectId: string, now?: Date): string {
  canonicalRecord(kind, BUILT_AT_SEAL[kind](db, subjectId));
  const id = ulid();
  db.prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at) VALUES (?, ?, ?, NULL, NULL, ?)').run(id, kind, subjectId, now ? now.toISOString() : nowIso());
  return id;
}

export type OutboxRow = { id: string; kind: string; subject_id: string; payload: Buffer | null; content_hash: string | null; created_at: string };

/**
 * The payload (canonical JSON text) and content hash a pending outbox row stands for: its stored
 * copy, or the record built from its subject's rows now. Throws when neither exists, e.g. a
 * built record whose interview is gone (deletion drops such rows, so this means damage).
 */
export function outboxContent(db: Db, row: OutboxRow): { json: string; hash: string } {
  if (row.payload !== null) {
    const json = unpackJson(row.payload)!;
    return { json, hash: row.content_hash ?? sha256Hex(row.kind + '\n' + json) };
  }
  if (!isBuiltAtSeal(row.kind)) throw new Error(`outbox record ${row.id} (${row.kind}) has no payload and is not built from tables`);
  try {
    return canonicalRecord(row.kind, BUILT_AT_SEAL[row.kind](db, row.subject_id));
  } catch (e) {
    throw new Error(`outbox record ${row.id} (${row.kind} of ${row.subject_id}) could not be built: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The payload of one outbox record as it is (or would be) sent; null once acknowledged or unknown. For tools and tests. */
export function readOutboxPayload(db: Db, id: string): Record<string, unknown> | null {
  const row = db.prepare('SELECT id, kind, subject_id, payload, content_hash, created_at, batch_id FROM outbox WHERE id = ?').get(id) as (OutboxRow & { batch_id: string | null }) | undefined;
  if (!row || (row.payload === null && row.batch_id !== null)) return null;
  return JSON.parse(outboxContent(db, row).json) as Record<string, unknown>;
}

/** What a sealed record's row keeps once its subject was erased: the reason, not the person. */
export const redactedPayload = (reason: 'applicant.deleted' | 'retention'): Buffer => packJson(canonicalJson({ redacted: reason }));
