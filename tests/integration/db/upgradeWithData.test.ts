import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { unpackValue } from '../../../electron/services/db/compactJson.js';
import { latestVersion, migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';
import { openDatabase } from '../../../electron/services/db/openDatabase.js';
import { getPackSnapshot } from '../../../electron/services/interview/interviewQueries.js';
import { readKnockouts } from '../../../electron/services/interview/knockouts.js';
import { readScoreRow } from '../../../electron/services/scoring/scoreStore.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import os from 'node:os';

/**
 * Issue 15 §4: a kiosk database that already holds data, written by the first schema (and by
 * each schema as its tables arrive), upgraded through every migration up to the newest, on a
 * real encrypted file. Nothing a person gave, nothing queued for head office and no audit link
 * may be lost on the way; the newest code must read what the oldest wrote.
 */
const now = '2026-06-01T09:00:00.000Z';
const pack = fs.readFileSync(path.join(APP_ROOT, 'resources', 'packs', 'cashier.json'), 'utf8');
const packHash = crypto.createHash('sha256').update(pack).digest('hex');
const knockouts = JSON.parse(pack) as { knockouts: { id: string; kind: string; explain: Record<string, string> }[] };

describe('upgrading a kiosk database that holds data, through every migration', () => {
  it('keeps every row, reads old scores, old knock-outs and queued records with the newest code, and the audit chain still verifies', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-upgrade-')), 'kiosk.db');
    const key = crypto.randomBytes(32).toString('hex');
    // A raw encrypted file (the kiosk's cipher settings) at version 10, filled as that version's code did.
    const raw = new Database(file);
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${key}'"`);
    raw.pragma('foreign_keys = ON');
    runMigrations(raw, migrations, 10);
    raw.prepare('INSERT INTO settings VALUES (?, ?)').run('store.name', '静安店');
    raw.prepare('INSERT INTO pack_snapshots VALUES (?, ?, ?, ?, ?)').run(packHash, 'cashier', '2.0.1', pack, now);
    raw
      .prepare(
        `INSERT INTO applicants (id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start, created_at) VALUES ('a1', '王小芳', '13800001111', '["sat-morning"]', '["retail"]', 25, '2026-06-03', ?)`,
      )
      .run(now);
    // Knock-outs as the old code stored them: with their wording copied in.
    const oldKnockouts = knockouts.knockouts.map((k) => ({ ruleId: k.id, kind: k.kind, explain: k.explain, passed: true }));
    raw
      .prepare(
        `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, knockout_json, knockout_proceed, receipt_code, started_at, updated_at, finished_at)
       VALUES ('i1', 'a1', 'cashier', '2.0.1', ?, 'zh-CN', 'finished', 1, 'n1', ?, 1, 'ABCD-EFGH-JKMN', ?, ?, ?)`,
      )
      .run(packHash, JSON.stringify(oldKnockouts), now, now, now);
    for (let q = 1; q <= 3; q++) {
      raw
        .prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES (?, 'i1', ?, 1, 'typed', ?, 30000, ?)`)
        .run(`ans${q}`, `q${q}`, `第${q}题：我会先道歉，再核对小票。`, now);
    }
    raw.prepare(`INSERT INTO human_requests (id, interview_id, pack_id, name, mobile, lang, created_at) VALUES ('h1', NULL, 'cashier', '李四', '13900002222', 'zh-CN', ?)`).run(now);
    appendAudit(raw, { actor: 'applicant', action: 'interview.finished', subject: 'i1', detail: { scored: true } });
    const pending = { v: 1, requestId: 'h1', interviewId: null, packId: 'cashier', name: '李四', mobile: '13900002222', lang: 'zh-CN' };
    raw.prepare(`INSERT INTO outbox (id, kind, subject_id, payload_json, content_hash, created_at) VALUES ('o1', 'human.requested', 'h1', ?, 'hash-o1', ?)`).run(JSON.stringify(pending), now);
    // Version 30: the score, as JSON text.
    runMigrations(raw, migrations, 30);
    const score = { band: 'recommend', overall: 71.5, modelVersion: 'cashier@2.0.0', competencies: [], answers: [], feedback: { strengths: [], suggestions: [], skills: [], note: null } };
    raw.prepare(`INSERT INTO scores (interview_id, status, reason, model_version, result_json, created_at) VALUES ('i1', 'scored', NULL, 'cashier@2.0.0', ?, ?)`).run(JSON.stringify(score), now);
    // Version 50: a sealed and acknowledged batch with its record.
    runMigrations(raw, migrations, 50);
    raw
      .prepare(`INSERT INTO sync_batches (id, seq, record_count, first_record_id, last_record_id, body, signature, created_at, acked_at) VALUES ('b1', 1, 1, 'o0', 'o0', NULL, 's', ?, ?)`)
      .run(now, now);
    raw
      .prepare(
        `INSERT INTO outbox (id, kind, subject_id, payload_json, content_hash, created_at, batch_id, acked_at) VALUES ('o0', 'interview.completed', 'i1', '{"acked":true}', 'hash-o0', ?, 'b1', ?)`,
      )
      .run(now, now);
    appendAudit(raw, { actor: 'system', action: 'sync.acked', subject: 'b1', detail: {} });
    const counts = (d: { prepare: (s: string) => { get: () => unknown } }) =>
      Object.fromEntries(
        ['applicants', 'interviews', 'answers', 'human_requests', 'audit_log', 'outbox', 'scores', 'sync_batches', 'pack_snapshots', 'settings'].map((t) => [
          t,
          (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      );
    const before = counts(raw);
    raw.close();

    // The newest code opens it: every remaining migration runs once, on the encrypted file.
    const db = openDatabase({ file, key });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(counts(db)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 2 });
      // What the oldest code wrote, read by the newest.
      expect(db.prepare('SELECT name, mobile FROM applicants').get()).toEqual({ name: '王小芳', mobile: '13800001111' });
      expect((db.prepare('SELECT text FROM answers ORDER BY question_id').all() as { text: string }[]).map((a) => a.text)).toEqual([1, 2, 3].map((q) => `第${q}题：我会先道歉，再核对小票。`));
      expect(unpackValue(readScoreRow(db, 'i1')!.result)).toEqual(score);
      const iv = db.prepare(`SELECT knockout_json, pool_consent FROM interviews WHERE id = 'i1'`).get() as { knockout_json: string; pool_consent: number };
      expect(iv.pool_consent).toBe(0);
      expect(readKnockouts(iv.knockout_json, getPackSnapshot(db, packHash))).toEqual(oldKnockouts);
      expect(readOutboxPayload(db, 'o1')).toEqual(pending);
      expect(db.prepare(`SELECT payload, content_hash, acked_at FROM outbox WHERE id = 'o0'`).get()).toEqual({ payload: null, content_hash: 'hash-o0', acked_at: now });
      expect(db.prepare(`SELECT value FROM settings WHERE key = 'store.name'`).get()).toEqual({ value: '静安店' });
    } finally {
      db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
