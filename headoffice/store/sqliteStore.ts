import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { HoStore, Param, Queryable } from './types.js';

/**
 * Statements on a better-sqlite3 connection, prepared once per text. Multi-row statements come
 * in a few sizes (rowChunks in types.ts); the bound only keeps a stray caller with ever-new
 * texts from growing the cache for good. Also the ingest workers' read-only connection.
 */
export function sqliteQueryable(db: Database.Database): Queryable {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size >= 1000) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: Param[] = []) => stmt(sql).all(...params) as T[],
    get: async <T>(sql: string, params: Param[] = []) => stmt(sql).get(...params) as T | undefined,
    run: async (sql: string, params: Param[] = []) => ({ changes: stmt(sql).run(...params).changes }),
  };
}

/**
 * Embedded store: one plain SQLite file (head office runs on a server, where disk encryption
 * is the operator's job). better-sqlite3 is synchronous, so transactions are serialised with
 * a promise chain: no other request can interleave between BEGIN and COMMIT; between two
 * transactions the event loop gets a turn.
 */
export function openSqliteStore(file: string): HoStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Erased applicants (tombstones) must not survive in freed page space or freed overflow pages.
  db.pragma('secure_delete = ON');
  const q = sqliteQueryable(db);
  let chain: Promise<unknown> = Promise.resolve();
  // Every transaction here runs alone, so every one is already in feed order.
  const inOrderAlready = async () => undefined;
  return {
    ...q,
    ...(file === ':memory:' ? {} : { file: path.resolve(file) }),
    tx<T>(fn: (q: Queryable, inFeedOrder: () => Promise<void>) => Promise<T>): Promise<T> {
      const run = chain.then(async () => {
        // One turn of the event loop between transactions: they run synchronously, so queued
        // back to back they would starve I/O — request bodies unread, batches not handed to the
        // ingest workers, whose results then come in bursts while this thread waits for them.
        await new Promise<void>((resolve) => setImmediate(resolve));
        db.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(q, inOrderAlready);
          db.exec('COMMIT');
          return r;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
    checkpoint(): Promise<boolean> {
      // On the transaction chain, so it never runs between another transaction's BEGIN and COMMIT.
      const run = chain.then(() => {
        const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        return !cp || cp.busy === 0;
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      await chain;
      db.close();
    },
  };
}
