import type Database from 'better-sqlite3-multiple-ciphers';

/** Core schema: settings, pack snapshots, applicants, interviews, answers, skills, audit, outbox. */
export default {
  version: 10,
  name: '0010-create-core',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Exact pack content each interview was taken with, so review never depends on files on disk.
      CREATE TABLE pack_snapshots (
        hash TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL,
        version TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE applicants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mobile TEXT NOT NULL,
        availability_json TEXT NOT NULL DEFAULT '[]',
        industries_json TEXT NOT NULL DEFAULT '[]',
        expected_wage_yuan REAL,
        earliest_start TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX applicants_mobile ON applicants(mobile);

      CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        applicant_id TEXT REFERENCES applicants(id) ON DELETE SET NULL,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_hash TEXT NOT NULL REFERENCES pack_snapshots(hash),
        lang TEXT NOT NULL CHECK (lang IN ('zh-CN','en')),
        status TEXT NOT NULL CHECK (status IN ('started','profiled','knocked_out','in_progress','finished','abandoned')),
        camera_consent INTEGER NOT NULL CHECK (camera_consent IN (0,1)),
        notice_version TEXT NOT NULL,
        knockout_json TEXT,
        knockout_proceed INTEGER,
        receipt_code TEXT UNIQUE,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX interviews_status ON interviews(status, updated_at);

      CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        attempt INTEGER NOT NULL CHECK (attempt IN (1,2)),
        mode TEXT NOT NULL CHECK (mode IN ('typed','spoken')),
        text TEXT NOT NULL,
        latency_ms INTEGER,
        duration_ms INTEGER NOT NULL,
        words_json TEXT,
        speaking_rate REAL,
        pause_ratio REAL,
        speech_model TEXT,
        face_json TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (interview_id, question_id, attempt)
      ) STRICT;

      CREATE TABLE skills_results (
        id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        test_id TEXT NOT NULL,
        items_json TEXT NOT NULL,
        correct INTEGER NOT NULL,
        total INTEGER NOT NULL,
        total_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (interview_id, test_id)
      ) STRICT;

      CREATE TABLE human_requests (
        id TEXT PRIMARY KEY,
        interview_id TEXT REFERENCES interviews(id) ON DELETE SET NULL,
        pack_id TEXT,
        name TEXT NOT NULL,
        mobile TEXT NOT NULL,
        lang TEXT NOT NULL,
        created_at TEXT NOT NULL,
        handled_at TEXT
      ) STRICT;

      -- Hash-chained: hash = sha256(prev_hash || canonical entry). See services/audit.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      -- Sync records, written in the same transaction as the change they describe.
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        batch_id TEXT,
        acked_at TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox(acked_at, id);
    `);
  },
};
