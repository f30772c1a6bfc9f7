import { sqlMigration } from './types.js';

/**
 * Outcome loop and fairness audit (docs/fairness.md). Self-identification lives in its own
 * table, keyed by interview id, and is read only by the adverse-impact reports: no scoring or
 * refit path joins it. Candidates and the change log keep every report that justified a model.
 */
export default sqlMigration(2, '0002-create-fairness-tables', (t) => [
  `CREATE TABLE ho_outcomes (
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
  )${t.strict}`,
  `CREATE INDEX ho_outcomes_pack ON ho_outcomes(pack_id, store_id)`,
  `CREATE TABLE ho_selfid (
    interview_id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    kiosk_order ${t.int} NOT NULL,
    gender TEXT,
    age_band TEXT,
    received_at TEXT NOT NULL
  )${t.strict}`,
  `CREATE TABLE ho_model_candidates (
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
  )${t.strict}`,
  `CREATE INDEX ho_model_candidates_pack ON ho_model_candidates(pack_id, created_at)`,
  `CREATE TABLE ho_model_changes (
    seq ${t.seq},
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    candidate_id TEXT,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail_json TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_model_changes_pack ON ho_model_changes(pack_id, seq)`,
]);
