import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile } from '../../../electron/services/db/keyFile.js';
import { hasPlainSqliteHeader, openDatabase } from '../../../electron/services/db/openDatabase.js';
import { latestVersion, migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';
import { ErrorCode } from '../../../core/errors.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const key = () => crypto.randomBytes(32).toString('hex');

describe('openDatabase', () => {
  it('writes an encrypted file with no plain SQLite header, readable only with its key', () => {
    const file = path.join(tmp(), 'k.db');
    const k = key();
    const db = openDatabase({ file, key: k });
    db.prepare(`INSERT INTO settings (key, value) VALUES ('store.name', '王府井店')`).run();
    db.close();
    expect(hasPlainSqliteHeader(file)).toBe(false);
    expect(fs.readFileSync(file).includes(Buffer.from('王府井店'))).toBe(false);
    const again = openDatabase({ file, key: k });
    expect(again.prepare(`SELECT value FROM settings WHERE key = 'store.name'`).get()).toEqual({ value: '王府井店' });
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('refuses a wrong key with a clear message and leaves the file untouched', () => {
    const file = path.join(tmp(), 'k.db');
    openDatabase({ file, key: key() }).close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ file, key: key() })).toThrow(expect.objectContaining({ code: ErrorCode.DatabaseKey, message: expect.stringContaining('key does not match') }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a damaged file instead of crashing', () => {
    const file = path.join(tmp(), 'k.db');
    fs.writeFileSync(file, crypto.randomBytes(8192));
    expect(() => openDatabase({ file, key: key() })).toThrow(expect.objectContaining({ code: ErrorCode.DatabaseKey }));
  });

  it('refuses a database from a newer kiosk version and does not change it', () => {
    const file = path.join(tmp(), 'k.db');
    const k = key();
    openDatabase({ file, key: k }).close();
    const raw = new Database(file);
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${k}'"`);
    raw.pragma(`user_version = ${latestVersion() + 100}`);
    raw.close();
    expect(() => openDatabase({ file, key: k })).toThrow(expect.objectContaining({ code: ErrorCode.DatabaseNewer, message: expect.stringContaining('newer kiosk version') }));
  });

  it('STRICT tables reject values of the wrong type', () => {
    const db = openDatabase({ file: ':memory:', key: null });
    expect(() => db.prepare(`INSERT INTO settings (key, value) VALUES ('a', ?)`).run(Buffer.from('x'))).toThrow(/cannot store BLOB/);
    db.close();
  });
});

describe('migrations', () => {
  it('run all pending in order, set user_version, and are idempotent', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toBe(latestVersion());
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(runMigrations(db)).toBe(latestVersion());
    db.close();
  });

  it('a failing migration rolls back the whole batch', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: 99_990, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE x (a); SELECT * FROM nope;') }];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'settings'`).get()).toBeUndefined();
    db.close();
  });

  it('0010 creates the core schema and holds real interview data with cascades', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, migrations, 10);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO pack_snapshots VALUES ('h', 'p', '1.0.0', '{}', ?)`).run(now);
    db.prepare(`INSERT INTO applicants (id, name, mobile, created_at) VALUES ('a1', '李四', '13900000000', ?)`).run(now);
    db.prepare(
      `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at)
                VALUES ('i1', 'a1', 'p', '1.0.0', 'h', 'zh-CN', 'in_progress', 1, 'n1', ?, ?)`,
    ).run(now, now);
    db.prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES ('x1', 'i1', 'q1', 1, 'typed', '我很准时', 1000, ?)`).run(now);
    expect(() => db.prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES ('x2', 'i1', 'q1', 3, 'typed', '', 1, ?)`).run(now)).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare(`UPDATE interviews SET lang = 'fr' WHERE id = 'i1'`).run()).toThrow(/CHECK/);
    db.prepare(`DELETE FROM interviews WHERE id = 'i1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('key file', () => {
  it('is created once with mode 0600 and reused', () => {
    const file = path.join(tmp(), 'sub', 'kiosk.key');
    const k1 = loadOrCreateKeyFile(file);
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file)).toBe(k1);
  });
  it('a damaged key file is reported, never replaced', () => {
    const file = path.join(tmp(), 'kiosk.key');
    fs.writeFileSync(file, 'garbage');
    expect(() => loadOrCreateKeyFile(file)).toThrow(expect.objectContaining({ code: ErrorCode.DatabaseKey }));
    expect(fs.readFileSync(file, 'utf8')).toBe('garbage');
  });
});
