import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Self-identification lives in its own table, keyed by interview, so no scoring query can pick
 * it up by accident (the scoring service reads answers, skills_results and pack_snapshots only;
 * a test checks it never touches this table). Deleting the interview deletes this row.
 */
export default {
  version: 60,
  name: '0060-create-self-identification',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE self_identification (
        interview_id TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        gender TEXT,
        age_band TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
