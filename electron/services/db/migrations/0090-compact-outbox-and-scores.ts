import type Database from 'better-sqlite3-multiple-ciphers';
import { packJson } from '../compactJson.js';

/**
 * A leaner kiosk database (issue 17, item 4). Before this, each finished interview was stored
 * three times over: its rows, its score explanation as JSON (scores.result_json, ~19 kB) and a
 * full copy of both inside its pending sync record (outbox.payload_json, ~24 kB).
 *
 * - scores.result_json TEXT → scores.result BLOB in compact form (compactJson.ts).
 * - outbox.payload_json TEXT → outbox.payload BLOB in compact form, and NULL where there is no
 *   copy to keep: an `interview.completed` record is built from the interview's own rows when
 *   its batch is sealed (sync/batches.ts), and acknowledged records keep no payload (they kept
 *   '{"acked":true}' before). content_hash is NULL until then for the same reason.
 *
 * Existing rows are carried over byte for byte (the JSON text inside is unchanged, so content
 * hashes still match). Neither table is referenced by another, so each is rebuilt in place.
 */
export default {
  version: 90,
  name: '0090-compact-outbox-and-scores',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE scores_compact (
        interview_id TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('scored','not_scored')),
        reason TEXT,
        model_version TEXT,
        result BLOB,
        created_at TEXT NOT NULL,
        CHECK ((status = 'scored' AND model_version IS NOT NULL AND result IS NOT NULL) OR (status = 'not_scored' AND reason IS NOT NULL))
      ) STRICT;

      -- payload NULL: built from the subject's rows when sealed (interview.completed), or dropped
      -- after head office acknowledged it. content_hash NULL: not computed until sealed.
      CREATE TABLE outbox_compact (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        payload BLOB,
        content_hash TEXT,
        created_at TEXT NOT NULL,
        batch_id TEXT,
        acked_at TEXT,
        CHECK (payload IS NOT NULL OR batch_id IS NOT NULL OR kind = 'interview.completed'),
        CHECK (content_hash IS NOT NULL OR batch_id IS NULL)
      ) STRICT;
    `);
    // In pages by rowid (a kiosk offline for weeks may hold thousands of pending records), in
    // rowid order so the rebuilt outbox seals in the same order.
    const pages = <T extends { rid: number }>(sql: string, each: (r: T) => void) => {
      let after = -1;
      for (;;) {
        const rows = db.prepare(`${sql} WHERE rowid > ? ORDER BY rowid LIMIT 500`).all(after) as T[];
        if (rows.length === 0) return;
        for (const r of rows) each(r);
        after = rows.at(-1)!.rid;
      }
    };
    const insertScore = db.prepare('INSERT INTO scores_compact (interview_id, status, reason, model_version, result, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    pages<{ rid: number; interview_id: string; status: string; reason: string | null; model_version: string | null; result_json: string | null; created_at: string }>(
      'SELECT rowid AS rid, interview_id, status, reason, model_version, result_json, created_at FROM scores',
      (r) => insertScore.run(r.interview_id, r.status, r.reason, r.model_version, r.result_json === null ? null : packJson(r.result_json), r.created_at),
    );
    const insertOutbox = db.prepare('INSERT INTO outbox_compact (id, kind, subject_id, payload, content_hash, created_at, batch_id, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    pages<{ rid: number; id: string; kind: string; subject_id: string; payload_json: string; content_hash: string; created_at: string; batch_id: string | null; acked_at: string | null }>(
      'SELECT rowid AS rid, id, kind, subject_id, payload_json, content_hash, created_at, batch_id, acked_at FROM outbox',
      (r) => insertOutbox.run(r.id, r.kind, r.subject_id, r.acked_at !== null ? null : packJson(r.payload_json), r.content_hash, r.created_at, r.batch_id, r.acked_at),
    );
    db.exec(`
      DROP TABLE scores;
      ALTER TABLE scores_compact RENAME TO scores;
      DROP TABLE outbox;
      ALTER TABLE outbox_compact RENAME TO outbox;
      CREATE INDEX outbox_pending ON outbox(acked_at, id);
      CREATE INDEX outbox_batch ON outbox(batch_id);
    `);
  },
};
