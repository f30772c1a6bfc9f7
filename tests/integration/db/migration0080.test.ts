import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';

describe('migration 0080: talent-pool consent', () => {
  it('adds pool_consent to existing interviews as 0 (never given) and only accepts 0 or 1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, migrations, 70);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO pack_snapshots VALUES ('h', 'p', '1.0.0', '{}', ?)`).run(now);
    db.prepare(
      `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at)
                VALUES ('old', 'p', '1.0.0', 'h', 'zh-CN', 'finished', 1, 'n1', ?, ?)`,
    ).run(now, now);
    expect(runMigrations(db, migrations, 80)).toBe(80);
    expect(db.prepare(`SELECT pool_consent FROM interviews WHERE id = 'old'`).get()).toEqual({ pool_consent: 0 });
    db.prepare(
      `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, pool_consent, notice_version, started_at, updated_at)
                VALUES ('new', 'p', '1.0.0', 'h', 'en', 'started', 0, 1, 'n2', ?, ?)`,
    ).run(now, now);
    expect(() => db.prepare(`UPDATE interviews SET pool_consent = 2 WHERE id = 'new'`).run()).toThrow(/CHECK/);
    db.close();
  });
});
