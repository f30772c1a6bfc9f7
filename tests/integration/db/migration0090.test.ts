import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { unpackJson } from '../../../electron/services/db/compactJson.js';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';

const now = '2026-11-30T10:00:00.000Z';

/** A kiosk database as version 80 left it: scores and outbox rows with their JSON as text. */
function legacyKiosk() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, migrations, 80);
  db.prepare(`INSERT INTO pack_snapshots VALUES ('h', 'p', '1.0.0', '{}', ?)`).run(now);
  for (const id of ['iv1', 'iv2']) {
    db.prepare(
      `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at)
                VALUES (?, 'p', '1.0.0', 'h', 'zh-CN', 'finished', 1, 'n1', ?, ?)`,
    ).run(id, now, now);
  }
  const result = JSON.stringify({
    band: 'recommend',
    overall: 71.5,
    competencies: [{ id: 'accuracy', summary: { 'zh-CN': '说出了具体做法', en: 'said what they would do' } }],
    feedback: { strengths: [] },
  });
  db.prepare(`INSERT INTO scores VALUES ('iv1', 'scored', NULL, 'p@1', ?, ?)`).run(result, now);
  db.prepare(`INSERT INTO scores VALUES ('iv2', 'not_scored', 'no model', NULL, NULL, ?)`).run(now);
  db.prepare(`INSERT INTO sync_batches (id, seq, record_count, first_record_id, last_record_id, body, signature, created_at, acked_at) VALUES ('b1', 1, 2, 'o1', 'o2', NULL, 's', ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO sync_batches (id, seq, record_count, first_record_id, last_record_id, body, signature, created_at) VALUES ('b2', 2, 1, 'o3', 'o3', x'00', 's', ?)`).run(now);
  const out = db.prepare('INSERT INTO outbox (id, kind, subject_id, payload_json, content_hash, created_at, batch_id, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Inserted out of id order: sealing goes by rowid, which the rebuild must keep.
  out.run('o5', 'decision.made', 'iv2', '{"v":1,"decision":"hold"}', 'h5', now, null, null);
  out.run('o1', 'interview.completed', 'iv1', '{"acked":true}', 'h1', now, 'b1', now);
  out.run('o2', 'decision.made', 'iv1', '{"acked":true}', 'h2', now, 'b1', now);
  out.run('o3', 'interview.completed', 'iv2', '{"redacted":"applicant.deleted"}', 'h3', now, 'b2', null);
  out.run('o4', 'interview.completed', 'iv2', '{"v":1,"interview":{"id":"iv2","lang":"zh-CN"},"answers":[{"text":"先道歉"}]}', 'h4', now, null, null);
  return { db, result };
}

describe('migration 0090: compact scores and outbox', () => {
  it('carries every row over with the same JSON text, drops acknowledged payloads, keeps send order', () => {
    const { db, result } = legacyKiosk();
    expect(runMigrations(db, migrations, 90)).toBe(90);
    const scores = db.prepare('SELECT interview_id, status, reason, model_version, result, created_at FROM scores ORDER BY interview_id').all() as { interview_id: string; result: Buffer | null }[];
    expect(scores.map((s) => ({ ...s, result: unpackJson(s.result) }))).toEqual([
      { interview_id: 'iv1', status: 'scored', reason: null, model_version: 'p@1', result, created_at: now },
      { interview_id: 'iv2', status: 'not_scored', reason: 'no model', model_version: null, result: null, created_at: now },
    ]);
    expect(Buffer.isBuffer(scores[0]!.result)).toBe(true);
    const rows = db.prepare('SELECT id, payload, content_hash, batch_id, acked_at FROM outbox ORDER BY rowid').all() as { id: string; payload: Buffer | null; content_hash: string }[];
    expect(rows.map((r) => [r.id, unpackJson(r.payload), r.content_hash])).toEqual([
      ['o5', '{"v":1,"decision":"hold"}', 'h5'],
      ['o1', null, 'h1'],
      ['o2', null, 'h2'],
      ['o3', '{"redacted":"applicant.deleted"}', 'h3'],
      ['o4', '{"v":1,"interview":{"id":"iv2","lang":"zh-CN"},"answers":[{"text":"先道歉"}]}', 'h4'],
    ]);
    expect(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name),
    ).toEqual(['outbox_batch', 'outbox_pending']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('the rebuilt tables keep their rules: a scored row needs a result, a copy-less record must be an interview or sealed', () => {
    const { db } = legacyKiosk();
    runMigrations(db, migrations, 90);
    expect(() => db.prepare(`INSERT INTO scores VALUES ('iv2', 'scored', NULL, 'p@1', NULL, ?)`).run(now)).toThrow(/CHECK|UNIQUE/);
    db.prepare(`DELETE FROM scores WHERE interview_id = 'iv2'`).run();
    expect(() => db.prepare(`INSERT INTO scores VALUES ('iv2', 'scored', NULL, 'p@1', NULL, ?)`).run(now)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO scores VALUES ('nope', 'not_scored', 'r', NULL, NULL, ?)`).run(now)).toThrow(/FOREIGN KEY/);
    const ins = db.prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    expect(() => ins.run('x1', 'decision.made', 'iv1', null, 'h', now, null)).toThrow(/CHECK/);
    expect(() => ins.run('x2', 'interview.completed', 'iv1', null, null, now, 'b2')).toThrow(/CHECK/);
    ins.run('x3', 'interview.completed', 'iv1', null, null, now, null);
    // Cascade still works through the rebuilt scores table.
    db.prepare(`DELETE FROM interviews WHERE id = 'iv1'`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM scores WHERE interview_id = 'iv1'`).get()).toEqual({ n: 0 });
    db.close();
  });
});
