import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The applicant's own, optional consent to be contacted later about other openings (talent pool),
 * separate from consent to this application. Older interviews never gave it, so they default to 0:
 * a manager can no longer keep them in the pool (existing pool rows expire under retention).
 */
export default {
  version: 80,
  name: '0080-add-talent-pool-consent',
  up(db: Database.Database) {
    db.exec(`ALTER TABLE interviews ADD COLUMN pool_consent INTEGER NOT NULL DEFAULT 0 CHECK (pool_consent IN (0,1));`);
  },
};
