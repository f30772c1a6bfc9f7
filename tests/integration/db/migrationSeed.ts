import Database from 'better-sqlite3-multiple-ciphers';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';

/**
 * An in-memory kiosk database migrated up to `version`, holding finished interviews `iv1`… and a
 * "hold" decision `d<n>` for each of `heldIds` — what the second-round migration tests start from.
 */
export function heldInterviewsAt(version: number, interviewIds: readonly string[], heldIds: readonly string[], now: string): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, migrations, version);
  db.prepare(`INSERT INTO pack_snapshots VALUES ('h', 'p', '1.0.0', '{}', ?)`).run(now);
  const interview = db.prepare(
    `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at)
     VALUES (?, 'p', '1.0.0', 'h', 'zh-CN', 'finished', 1, 'n1', ?, ?)`,
  );
  for (const id of interviewIds) interview.run(id, now, now);
  const decision = db.prepare(`INSERT INTO decisions (id, interview_id, decision, recommendation, is_override, reason, decided_by, decided_at) VALUES (?, ?, 'hold', NULL, 0, NULL, 'm', ?)`);
  heldIds.forEach((id, i) => decision.run(`d${i + 1}`, id, now));
  return db;
}
