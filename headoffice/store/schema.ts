import { consoleTables } from './consoleSchema.js';
import { notifyTables } from './notifySchema.js';
import { storesAndFleet } from './storesSchema.js';

/**
 * Head-office schema, per dialect. Numbered like the kiosk's migrations; each step runs once
 * in a transaction and is recorded in ho_meta. Column names are identical in both dialects.
 */
export type HoMigration = { version: number; sqlite: string; pg: string };

const tables = (t: { seq: string; blob: string; int: string; strict: string }) => `
  CREATE TABLE ho_keys (
    id TEXT PRIMARY KEY,
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at TEXT NOT NULL
  )${t.strict};
  CREATE TABLE ho_enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    kiosk_id TEXT
  )${t.strict};
  CREATE TABLE ho_kiosks (
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
  )${t.strict};
  CREATE TABLE ho_batches (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES ho_kiosks(id),
    seq ${t.int} NOT NULL,
    record_count ${t.int} NOT NULL,
    last_record_id TEXT NOT NULL,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (kiosk_id, seq)
  )${t.strict};
  -- One row per sync record. seq is head office's own order (receive order): the feed cursor.
  -- payload_json is NULL once a tombstone erased it: id and hash stay so replays stay idempotent.
  CREATE TABLE ho_records (
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
  )${t.strict};
  CREATE INDEX ho_records_store ON ho_records(store_id, seq);
  CREATE INDEX ho_records_status ON ho_records(status, seq);
  CREATE INDEX ho_records_interview ON ho_records(interview_id);
  CREATE INDEX ho_records_applicant ON ho_records(applicant_id);
  -- Tombstones seen, so a record arriving after its tombstone (reordered batches) is erased on arrival.
  CREATE TABLE ho_erasures (
    applicant_id TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (applicant_id, interview_id)
  )${t.strict};
  CREATE INDEX ho_erasures_interview ON ho_erasures(interview_id);
  -- Current state per interview, folded from its records: the aggregation reads only this.
  CREATE TABLE ho_interviews (
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
  )${t.strict};
  CREATE INDEX ho_interviews_store ON ho_interviews(store_id, pack_id);
  CREATE TABLE ho_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    feed_cursor ${t.int} NOT NULL DEFAULT 0,
    last_used_at TEXT
  )${t.strict};
  CREATE TABLE ho_downlink (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    version ${t.int} NOT NULL,
    sha256 TEXT NOT NULL,
    content ${t.blob} NOT NULL,
    signature TEXT NOT NULL,
    stores TEXT,
    published_at TEXT NOT NULL,
    PRIMARY KEY (kind, name, version)
  )${t.strict};
  -- Security-relevant refusals (bad signatures, unknown kiosks), for the admin to review.
  CREATE TABLE ho_events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    kiosk_id TEXT,
    detail TEXT NOT NULL
  )${t.strict};
`;

/**
 * Outcome loop and fairness audit (docs/fairness.md). Self-identification lives in its own
 * table, keyed by interview id, and is read only by the adverse-impact reports: no scoring or
 * refit path joins it. Candidates and the change log keep every report that justified a model.
 */
const fairnessTables = (t: { seq: string; int: string; strict: string }) => `
  CREATE TABLE ho_outcomes (
    interview_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    hire_date TEXT NOT NULL,
    retained_30 ${t.int},
    retained_90 ${t.int},
    rating ${t.int},
    source TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
  )${t.strict};
  CREATE INDEX ho_outcomes_pack ON ho_outcomes(pack_id, store_id);
  CREATE TABLE ho_selfid (
    interview_id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    kiosk_order ${t.int} NOT NULL,
    gender TEXT,
    age_band TEXT,
    received_at TEXT NOT NULL
  )${t.strict};
  CREATE TABLE ho_model_candidates (
    id TEXT PRIMARY KEY,
    pack_id TEXT NOT NULL,
    base_version TEXT NOT NULL,
    model_version TEXT NOT NULL,
    weights_json TEXT NOT NULL,
    status TEXT NOT NULL,
    validity_json TEXT NOT NULL,
    comparison_json TEXT NOT NULL,
    impact_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    approved_by TEXT,
    approved_at TEXT,
    approval_reason TEXT,
    downlink_version ${t.int},
    published_at TEXT
  )${t.strict};
  CREATE INDEX ho_model_candidates_pack ON ho_model_candidates(pack_id, created_at);
  CREATE TABLE ho_model_changes (
    seq ${t.seq},
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    candidate_id TEXT,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail_json TEXT NOT NULL
  )${t.strict};
  CREATE INDEX ho_model_changes_pack ON ho_model_changes(pack_id, seq)
`;

/**
 * Issue 13 (authorised writes, token expiry, counters for refused authentication):
 * - ho_owners: which kiosk (and store) owns each interview, applicant and call-back request,
 *   claimed by the first accepted record that names it; later records about it from any other
 *   kiosk are refused (headoffice/owners.ts). Backfilled from what was received so far,
 *   interview records first, in receive order.
 * - ho_kiosks.refused_records counts those refusals; replaced_by / replaces_kiosk_id carry a
 *   kiosk's authority over to its re-enrolled successor.
 * - ho_auth_failures: failed enrollment / kiosk authentication per source address, one row per
 *   (source, kind) with a fixed window (headoffice/authLimits.ts).
 * - ho_tokens.expires_at: existing tokens get 90 days from the upgrade.
 */
const ownershipAndLimits = (t: { int: string; strict: string; in90Days: string }) => `
  ALTER TABLE ho_kiosks ADD COLUMN refused_records ${t.int} NOT NULL DEFAULT 0;
  ALTER TABLE ho_kiosks ADD COLUMN replaced_by TEXT;
  ALTER TABLE ho_enrollment_codes ADD COLUMN replaces_kiosk_id TEXT;
  ALTER TABLE ho_tokens ADD COLUMN expires_at TEXT;
  UPDATE ho_tokens SET expires_at = ${t.in90Days} WHERE expires_at IS NULL;
  CREATE TABLE ho_owners (
    subject_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    claimed_at TEXT NOT NULL
  )${t.strict};
  CREATE INDEX ho_owners_kiosk ON ho_owners(kiosk_id);
  INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, id, received_at FROM ho_records
    WHERE interview_id IS NOT NULL AND kind IN ('interview.completed', 'interview.abandoned') ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING;
  INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT applicant_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE applicant_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING;
  INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE interview_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING;
  INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT subject_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE subject_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING;
  INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, record_id, received_at FROM ho_selfid WHERE interview_id IS NOT NULL ORDER BY kiosk_order
    ON CONFLICT (subject_id) DO NOTHING;
  CREATE TABLE ho_auth_failures (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    window_start_ms ${t.int} NOT NULL,
    failures ${t.int} NOT NULL,
    total ${t.int} NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (source, kind)
  )${t.strict}
`;

/**
 * Audit anchor: the highest audit-log head any batch of the kiosk carried (seq, hash, the
 * batch that carried it), and the last time a later batch contradicted it.
 */
const auditAnchor = (t: { int: string }) => `
  ALTER TABLE ho_kiosks ADD COLUMN audit_seq ${t.int};
  ALTER TABLE ho_kiosks ADD COLUMN audit_hash TEXT;
  ALTER TABLE ho_kiosks ADD COLUMN audit_batch_seq ${t.int};
  ALTER TABLE ho_kiosks ADD COLUMN audit_at TEXT;
  ALTER TABLE ho_kiosks ADD COLUMN audit_alert TEXT
`;

export const hoMigrations: HoMigration[] = [
  {
    version: 1,
    sqlite: tables({ seq: 'INTEGER PRIMARY KEY AUTOINCREMENT', blob: 'BLOB', int: 'INTEGER', strict: ' STRICT' }),
    pg: tables({ seq: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', blob: 'BYTEA', int: 'BIGINT', strict: '' }),
  },
  {
    version: 2,
    sqlite: fairnessTables({ seq: 'INTEGER PRIMARY KEY AUTOINCREMENT', int: 'INTEGER', strict: ' STRICT' }),
    pg: fairnessTables({ seq: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', int: 'BIGINT', strict: '' }),
  },
  {
    version: 3,
    sqlite: ownershipAndLimits({ int: 'INTEGER', strict: ' STRICT', in90Days: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days')` }),
    pg: ownershipAndLimits({ int: 'BIGINT', strict: '', in90Days: `to_char((now() AT TIME ZONE 'UTC') + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` }),
  },
  { version: 4, sqlite: auditAnchor({ int: 'INTEGER' }), pg: auditAnchor({ int: 'BIGINT' }) },
  {
    version: 5,
    sqlite: consoleTables({ seq: 'INTEGER PRIMARY KEY AUTOINCREMENT', int: 'INTEGER', strict: ' STRICT' }),
    pg: consoleTables({ seq: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', int: 'BIGINT', strict: '' }),
  },
  {
    version: 6,
    sqlite: notifyTables({ seq: 'INTEGER PRIMARY KEY AUTOINCREMENT', int: 'INTEGER', strict: ' STRICT' }),
    pg: notifyTables({ seq: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', int: 'BIGINT', strict: '' }),
  },
  { version: 7, sqlite: storesAndFleet({ int: 'INTEGER' }), pg: storesAndFleet({ int: 'BIGINT' }) },
];
