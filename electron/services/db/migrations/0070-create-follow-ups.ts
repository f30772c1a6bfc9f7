import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The one follow-up question per answer (scoring v2): asked when an answer is thin, answered (or
 * skipped, text '') once. The primary key makes "never more than one follow-up per question" a
 * property of the database, not of the screen.
 */
export default {
  version: 70,
  name: '0070-create-follow-ups',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE follow_ups (
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        mode TEXT CHECK (mode IN ('typed','spoken')),
        text TEXT,
        duration_ms INTEGER,
        answered_at TEXT,
        PRIMARY KEY (interview_id, question_id)
      ) STRICT;
    `);
  },
};
