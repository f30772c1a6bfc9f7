/**
 * Outbox → sealed batches. Sealing assigns the batch id, seq, body bytes and signature in one
 * transaction before anything is sent, so a resend after a crash is byte-identical.
 */
import type { Db } from '../db/openDatabase.js';
import { canonicalJson, nowIso } from '../../../core/ids.js';
import { batchIdFor, DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_RECORDS, encodeBatchBody, PROTOCOL_VERSION, signBatch, type BatchAck, type SyncRecord } from '../../../core/sync/protocol.js';
import { outboxContent, type OutboxRow } from './outbox.js';
import type { SyncIdentity } from './state.js';

export type SealedBatch = { id: string; seq: number; body: Buffer; signature: string; recordCount: number };

/** A pending row as sent: its stored payload, or the record built from its subject's rows now (outbox.ts). */
const toRecord = (db: Db, r: OutboxRow): SyncRecord => {
  const { json, hash } = outboxContent(db, r);
  return { id: r.id, kind: r.kind, subjectId: r.subject_id, payload: JSON.parse(json) as Record<string, unknown>, contentHash: hash, createdAt: r.created_at };
};

/**
 * Seals every unbatched outbox row into batches capped by uncompressed size and count.
 * Rows go in insertion order (rowid), not by id: a kiosk clock that jumped back must not
 * reorder the stream. Returns the number of new batches.
 */
export function sealBatches(db: Db, me: SyncIdentity, opts: { maxBytes?: number; maxRecords?: number } = {}): number {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const maxRecords = opts.maxRecords ?? DEFAULT_MAX_BATCH_RECORDS;
  const select = db.prepare('SELECT id, kind, subject_id, payload, content_hash, created_at FROM outbox WHERE batch_id IS NULL ORDER BY rowid LIMIT ?');
  // A built record gets its hash when sealed; its payload lives on in the batch body only.
  const mark = db.prepare('UPDATE outbox SET batch_id = ?, content_hash = ? WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO sync_batches (id, seq, record_count, first_record_id, last_record_id, body, signature, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let sealed = 0;
  for (;;) {
    const made = db.transaction(() => {
      const rows = select.all(maxRecords) as OutboxRow[];
      if (rows.length === 0) return false;
      const records: SyncRecord[] = [];
      let bytes = 64;
      for (const r of rows) {
        const rec = toRecord(db, r);
        const size = Buffer.byteLength(canonicalJson(rec)) + 1;
        // Always take at least one record, even if it alone exceeds the cap.
        if (records.length > 0 && bytes + size > maxBytes) break;
        records.push(rec);
        bytes += size;
      }
      const last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM sync_batches').get() as { s: number };
      const seq = last.s + 1;
      const id = batchIdFor(me.kioskId, records);
      // Anchors the audit chain at head office: a later truncation or rewrite shows against it.
      const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const body = encodeBatchBody({ v: PROTOCOL_VERSION, kioskId: me.kioskId, batchId: id, seq, records, ...(head ? { auditHead: { seq: head.seq, hash: head.hash } } : {}) });
      const signature = signBatch(me.privateKeyPem, me.kioskId, id, body);
      insert.run(id, seq, records.length, records[0]!.id, records.at(-1)!.id, body, signature, nowIso());
      for (const r of records) mark.run(id, r.contentHash, r.id);
      return true;
    })();
    if (!made) return sealed;
    sealed++;
  }
}

/** Unacknowledged batches in send order. */
export function pendingBatches(db: Db): SealedBatch[] {
  return (db.prepare('SELECT id, seq, body, signature, record_count AS recordCount FROM sync_batches WHERE acked_at IS NULL ORDER BY seq').all() as SealedBatch[]).filter((b) => b.body !== null);
}

export const pendingRecordCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;

/**
 * Applies head office's watermark: every batch up to watermarkSeq (and its outbox rows) is
 * acknowledged. Bodies of acked batches are dropped, and so are the acked records' payloads:
 * head office holds them now, and a second copy of personal data on the kiosk serves no one
 * (the id and content hash stay, which is all idempotency needs).
 */
export function applyAck(db: Db, ack: BatchAck): number {
  const at = nowIso();
  return db.transaction(() => {
    const r = db.prepare(`UPDATE outbox SET acked_at = ?, payload = NULL WHERE acked_at IS NULL AND batch_id IN (SELECT id FROM sync_batches WHERE seq <= ?)`).run(at, ack.watermarkSeq);
    db.prepare('UPDATE sync_batches SET acked_at = ?, body = NULL WHERE acked_at IS NULL AND seq <= ?').run(at, ack.watermarkSeq);
    return r.changes;
  })();
}

export function noteAttempt(db: Db, batchId: string, error: string | null): void {
  db.prepare('UPDATE sync_batches SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?').run(nowIso(), error, batchId);
}
