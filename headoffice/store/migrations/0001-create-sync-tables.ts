import { sqlMigration } from './types.js';

/**
 * The sync service's first schema (docs/sync.md): signing keys, enrollment codes, kiosks,
 * batches and records received, tombstones, the per-interview state the reports read, HR API
 * tokens, downlink (packs, models, settings) and security-relevant refusals.
 */
export default sqlMigration(1, '0001-create-sync-tables', (t) => [
  `CREATE TABLE ho_keys (
    id TEXT PRIMARY KEY,
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at TEXT NOT NULL
  )${t.strict}`,
  `CREATE TABLE ho_enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    kiosk_id TEXT
  )${t.strict}`,
  `CREATE TABLE ho_kiosks (
    id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    label TEXT NOT NULL,
    public_key_pem TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    watermark_seq ${t.int} NOT NULL DEFAULT 0,
    watermark TEXT,
    last_seen_at TEXT,
    versions_json TEXT NOT NULL DEFAULT '[]',
    last_error TEXT,
    revoked_at TEXT
  )${t.strict}`,
  `CREATE TABLE ho_batches (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES ho_kiosks(id),
    seq ${t.int} NOT NULL,
    record_count ${t.int} NOT NULL,
    last_record_id TEXT NOT NULL,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (kiosk_id, seq)
  )${t.strict}`,
  // One row per sync record. seq is head office's own order (receive order): the feed cursor.
  // payload_json is NULL once a tombstone erased it: id and hash stay so replays stay idempotent.
  `CREATE TABLE ho_records (
    seq ${t.seq},
    id TEXT NOT NULL UNIQUE,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    kiosk_order ${t.int} NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    interview_id TEXT,
    applicant_id TEXT,
    status TEXT NOT NULL,
    payload_json TEXT,
    content_hash TEXT NOT NULL,
    kiosk_created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    erased_at TEXT
  )${t.strict}`,
  `CREATE INDEX ho_records_store ON ho_records(store_id, seq)`,
  `CREATE INDEX ho_records_status ON ho_records(status, seq)`,
  `CREATE INDEX ho_records_interview ON ho_records(interview_id)`,
  `CREATE INDEX ho_records_applicant ON ho_records(applicant_id)`,
  // Tombstones seen, so a record arriving after its tombstone (reordered batches) is erased on arrival.
  `CREATE TABLE ho_erasures (
    applicant_id TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (applicant_id, interview_id)
  )${t.strict}`,
  `CREATE INDEX ho_erasures_interview ON ho_erasures(interview_id)`,
  // Current state per interview, folded from its records: the aggregation reads only this.
  `CREATE TABLE ho_interviews (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    applicant_id TEXT,
    status TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    band TEXT,
    overall REAL,
    decision TEXT,
    scheduled ${t.int} NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_interviews_store ON ho_interviews(store_id, pack_id)`,
  `CREATE TABLE ho_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    feed_cursor ${t.int} NOT NULL DEFAULT 0,
    last_used_at TEXT
  )${t.strict}`,
  `CREATE TABLE ho_downlink (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    version ${t.int} NOT NULL,
    sha256 TEXT NOT NULL,
    content ${t.blob} NOT NULL,
    signature TEXT NOT NULL,
    stores TEXT,
    published_at TEXT NOT NULL,
    PRIMARY KEY (kind, name, version)
  )${t.strict}`,
  // Security-relevant refusals (bad signatures, unknown kiosks), for the admin to review.
  `CREATE TABLE ho_events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    kiosk_id TEXT,
    detail TEXT NOT NULL
  )${t.strict}`,
]);
