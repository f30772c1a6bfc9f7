import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import { latestVersion, migrations, runMigrations } from './migrations/index.js';

export type Db = Database.Database;
const log = createLogger('db');

export type OpenOptions = {
  /** Path of the database file, or ':memory:' (tests only). */
  file: string;
  /** 64 hex chars (32 bytes). null opens an unencrypted file — only tests and tools do this. */
  key: string | null;
  readonly?: boolean;
};

/**
 * Opens the kiosk database: SQLCipher-compatible AES-256, WAL, synchronous=FULL, foreign keys,
 * then runs pending migrations in one transaction. Errors are KioskErrors a manager can act on.
 */
export function openDatabase(opts: OpenOptions): Db {
  const started = performance.now();
  const isNew = opts.file === ':memory:' || !fs.existsSync(opts.file);
  // SQLite would treat an empty file as a new database and write a fresh one into it.
  if (!isNew && fs.statSync(opts.file).size === 0) {
    throw new KioskError(ErrorCode.DatabaseCorrupt, `The kiosk database ${opts.file} is empty (0 bytes). Nothing was changed. Restore it together with its key file from a backup.`);
  }
  let db: Db;
  try {
    db = new Database(opts.file, { readonly: opts.readonly ?? false });
  } catch (e) {
    throw new KioskError(ErrorCode.DatabaseCorrupt, `The kiosk database file could not be opened (${opts.file}). Restore it from a backup or ask support.`, { cause: e });
  }
  try {
    if (opts.key !== null) {
      if (!/^[0-9a-f]{64}$/i.test(opts.key)) throw new KioskError(ErrorCode.DatabaseKey, 'The database key is malformed.');
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${opts.key}'"`);
    }
    // First real read: fails here with SQLITE_NOTADB on a wrong key or a non-database file.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (e) {
    db.close();
    if (e instanceof KioskError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new KioskError(
        ErrorCode.DatabaseKey,
        'The kiosk database cannot be read: the key does not match or the file is damaged. Nothing was changed. Restore the key file or the database from a backup.',
        { cause: e },
      );
    }
    throw new KioskError(ErrorCode.DatabaseCorrupt, `The kiosk database is damaged (${code ?? 'unknown error'}). Nothing was changed.`, { cause: e });
  }
  // Before anything is written: a damaged file must not be migrated or reformatted.
  const integrity = isNew ? HEALTHY : quickCheck(db);
  integrityByDb.set(db, integrity);
  if (!integrity.isOk && !opts.readonly && needsMigration(db)) {
    db.close();
    throw new KioskError(
      ErrorCode.DatabaseCorrupt,
      `The kiosk database is damaged (${integrity.problems[0] ?? 'integrity check failed'}) and needs an upgrade, which is not safe on a damaged file. Nothing was changed. Restore kiosk.db and its key file from a backup, or ask support.`,
    );
  }
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, migrations);
  }
  log.info(`opened ${isNew ? 'new' : 'existing'} database in ${(performance.now() - started).toFixed(1)} ms`);
  return db;
}

export type Integrity = { isOk: boolean; problems: string[]; checkedAt: string | null; ms: number };
const HEALTHY: Integrity = { isOk: true, problems: [], checkedAt: null, ms: 0 };
const integrityByDb = new WeakMap<Db, Integrity>();

/**
 * PRAGMA quick_check on an existing file at open: O(pages), no index-content comparison, so it
 * stays fast on a kiosk-sized file. A damaged page of an encrypted file fails its HMAC and
 * surfaces as an exception rather than a row; both count as damage.
 */
function quickCheck(db: Db): Integrity {
  const started = performance.now();
  let problems: string[];
  try {
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    // SQLite prefixes the first finding with a "*** in database main ***" line.
    problems = rows.filter((r) => r.quick_check !== 'ok').map((r) => r.quick_check.replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').trim() || 'integrity check failed');
  } catch (e) {
    problems = [`${(e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`];
  }
  const ms = performance.now() - started;
  if (problems.length) log.error(`quick_check found damage in ${ms.toFixed(0)} ms: ${problems.slice(0, 3).join(' | ')}`);
  else log.info(`quick_check ok in ${ms.toFixed(0)} ms`);
  return { isOk: problems.length === 0, problems, checkedAt: new Date().toISOString(), ms };
}

function needsMigration(db: Db): boolean {
  try {
    return (db.pragma('user_version', { simple: true }) as number) < latestVersion(migrations);
  } catch {
    return true;
  }
}

/** What the integrity check at open found (a new or in-memory database is healthy by definition). */
export const integrityOf = (db: Db): Integrity => integrityByDb.get(db) ?? HEALTHY;

/**
 * Creates a brand-new database so that it appears complete or not at all: built under a
 * temporary name, migrated and closed, then `beforePublish` runs (the first start writes the
 * key file there) and the file is renamed into place. A crash can never leave a half-made or
 * empty kiosk.db behind that a later start would mistake for the real one.
 */
export function createDatabase(file: string, key: string | null, beforePublish: () => void = () => undefined): void {
  if (fs.existsSync(file)) throw new KioskError(ErrorCode.Conflict, `A database already exists at ${file}; refusing to create another.`);
  const tmp = `${file}.new`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  openDatabase({ file: tmp, key }).close(); // close() checkpoints and removes the WAL
  beforePublish();
  fs.renameSync(tmp, file);
  const dirFd = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
  log.info('created a new kiosk database');
}

/**
 * For read-only tools (`kiosk db info`): opens the database without changing anything in its
 * folder. SQLite opens a WAL-mode file, even read-only, by creating its -wal and -shm beside it;
 * so when those are absent (the kiosk is not running) the tool reads a private copy in a 0700
 * temp folder instead, removed on close. While the kiosk runs (its WAL exists) it reads in place.
 */
export function openReadOnly(file: string, key: string | null): { db: Db; close(): void } {
  if (fs.existsSync(`${file}-wal`)) {
    const db = openDatabase({ file, key, readonly: true });
    return { db, close: () => db.close() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ro-'));
  try {
    fs.chmodSync(dir, 0o700);
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    const db = openDatabase({ file: copy, key, readonly: true });
    return {
      db,
      close: () => {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** True when the file starts with the plain SQLite header, i.e. it is NOT encrypted. */
export function hasPlainSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === 'SQLite format 3\0';
  } finally {
    fs.closeSync(fd);
  }
}
