import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { ErrorCode, KioskError } from '../../shared/errors.js';
import { createLogger } from '../util/logger.js';
import { migrations, runMigrations } from './migrations/index.js';

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
