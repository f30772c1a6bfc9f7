import { parseRecord, type RecordInput, type RecordKind } from '../../shared/records/registry.js';
import type { Db } from '../db/openDatabase.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../util/ids.js';

/**
 * Adds a sync record. Must be called inside the transaction of the change it describes: a
 * payload that does not match its kind's schema (electron/shared/records) throws, so the change
 * is rolled back rather than a malformed record reaching head office. The stored payload is
 * the schema's output (defaults filled in), in canonical JSON.
 */
export function enqueueOutbox<K extends RecordKind>(db: Db, kind: K, subjectId: string, payload: RecordInput<K>): string {
  const parsed = parseRecord(kind, payload);
  if (!parsed.ok) throw new Error(`sync record not written: ${parsed.reason}`);
  const id = ulid();
  const payload_json = canonicalJson(parsed.record.payload);
  db.prepare('INSERT INTO outbox (id, kind, subject_id, payload_json, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    kind,
    subjectId,
    payload_json,
    sha256Hex(kind + '\n' + payload_json),
    nowIso(),
  );
  return id;
}
