import type { Db } from '../db/openDatabase.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../util/ids.js';

export type OutboxKind = 'interview.completed' | 'interview.abandoned' | 'decision.made' | 'decision.undone' | 'applicant.deleted' | 'human.requested' | 'outcome.recorded' | 'selfid.recorded';

/** Adds a sync record. Must be called inside the transaction of the change it describes. */
export function enqueueOutbox(db: Db, kind: OutboxKind, subjectId: string, payload: Record<string, unknown>): string {
  const id = ulid();
  const payload_json = canonicalJson(payload);
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
