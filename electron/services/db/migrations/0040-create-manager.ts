import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The store manager's console: staff users (scrypt PIN hashes), persisted throttles (PIN
 * lockout, result-lookup rate limit — they must survive a restart, or pulling the plug would
 * reset them), decisions, shifts and assignments, talent pool, deletion tombstones.
 */
export default {
  version: 40,
  name: '0040-create-manager',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE staff_users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('manager','staff')),
        pin_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;

      CREATE TABLE throttles (
        name TEXT PRIMARY KEY,
        failures INTEGER NOT NULL DEFAULT 0,
        last_failure_at TEXT,
        locked_until TEXT
      ) STRICT;

      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('pass','hold','fail')),
        recommendation TEXT CHECK (recommendation IN ('pass','hold','fail')),
        is_override INTEGER NOT NULL CHECK (is_override IN (0,1)),
        reason TEXT,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        undone_at TEXT,
        undone_by TEXT
      ) STRICT;
      CREATE INDEX decisions_interview ON decisions(interview_id, decided_at);

      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL CHECK (day IN ('mon','tue','wed','thu','fri','sat','sun')),
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        role TEXT NOT NULL,
        pack_id TEXT,
        headcount INTEGER NOT NULL CHECK (headcount >= 1),
        note TEXT,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;

      CREATE TABLE shift_assignments (
        id TEXT PRIMARY KEY,
        shift_id TEXT NOT NULL REFERENCES shifts(id),
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        start_date TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        UNIQUE (shift_id, interview_id)
      ) STRICT;
      CREATE INDEX shift_assignments_interview ON shift_assignments(interview_id);
      CREATE INDEX shift_assignments_shift ON shift_assignments(shift_id);

      CREATE TABLE talent_pool (
        interview_id TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        pack_id TEXT NOT NULL,
        note TEXT,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      -- What remains after a deletion: ids and when/why, never personal data.
      CREATE TABLE deletion_tombstones (
        id TEXT PRIMARY KEY,
        applicant_id TEXT,
        interview_ids_json TEXT NOT NULL,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL,
        deleted_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
