import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * One scoring outcome per interview. 'not_scored' rows keep the manager-readable reason (e.g.
 * the model file is missing); model_version is stored with every score so a result can always
 * be traced to the exact model that produced it.
 */
export default {
  version: 30,
  name: '0030-create-scores',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE scores (
        interview_id TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('scored','not_scored')),
        reason TEXT,
        model_version TEXT,
        result_json TEXT,
        created_at TEXT NOT NULL,
        CHECK ((status = 'scored' AND model_version IS NOT NULL AND result_json IS NOT NULL) OR (status = 'not_scored' AND reason IS NOT NULL))
      ) STRICT;
    `);
  },
};
