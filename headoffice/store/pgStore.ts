import pg from 'pg';
import type { HoStore, Param, Queryable, TxOptions } from './types.js';

/**
 * `?` → `$1, $2 …` (our SQL never has a literal question mark). Remembered per statement text:
 * ingest's multi-row statements carry thousands of placeholders, in a few hundred shapes.
 */
const converted = new Map<string, string>();
const toPg = (sql: string) => {
  let text = converted.get(sql);
  if (text === undefined) {
    let i = 0;
    text = sql.replace(/\?/g, () => `$${++i}`);
    if (converted.size >= 2000) converted.clear();
    converted.set(sql, text);
  }
  return text;
};

// BIGINT and NUMERIC come back as strings by default; every value we store fits a double.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')),
} as pg.CustomTypesConfig;

const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
  dialect: 'pg',
  all: async <T>(sql: string, params: Param[] = []) => (await c.query(toPg(sql), params)).rows as T[],
  get: async <T>(sql: string, params: Param[] = []) => (await c.query(toPg(sql), params)).rows[0] as T | undefined,
  run: async (sql: string, params: Param[] = []) => ({ changes: (await c.query(toPg(sql), params)).rowCount ?? 0 }),
});

/**
 * Advisory locks (docs/sync.md, "Ingest transactions"). Serial transactions take SERIAL_LOCK
 * exclusively: they run alone among serial and ingest transactions. Ingest of a kiosk's batch
 * takes that kiosk's lock and SERIAL_LOCK shared, so kiosks ingest side by side; before its
 * first ho_records row it takes FEED_LOCK and holds it to COMMIT, so record seqs (the feed's
 * cursors) commit in the order they were drawn. Lock order: kiosk, SERIAL_LOCK, FEED_LOCK.
 */
const SERIAL_LOCK = 7_001_001;
/** Exported for the tests, which hold it to stop ingest at the point where it is taken. */
export const FEED_LOCK = 7_001_002;
/** The two-key space (never overlaps the one-key locks above): class, hashtext(kiosk id). */
const KIOSK_LOCK_CLASS = 7_001;

export function openPgStore(connectionString: string): HoStore {
  const pool = new pg.Pool({ connectionString, max: 8, types });
  return {
    ...wrap(pool),
    async tx<T>(fn: (q: Queryable, inFeedOrder: () => Promise<void>) => Promise<T>, opts: TxOptions = {}): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (opts.serial) await client.query('SELECT pg_advisory_xact_lock($1)', [SERIAL_LOCK]);
        else if (opts.kiosk !== undefined) {
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2)), pg_advisory_xact_lock_shared($3)', [KIOSK_LOCK_CLASS, opts.kiosk, SERIAL_LOCK]);
        }
        // A serial transaction runs alone among the writers of ho_records already.
        let ordered = opts.serial === true;
        const inFeedOrder = async () => {
          if (ordered) return;
          ordered = true;
          await client.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
        };
        const r = await fn(wrap(client), inFeedOrder);
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    // Rows are updated/deleted in the erasing transaction; the old tuple versions stay on disk
    // until VACUUM reclaims them (docs/security.md: VACUUM guidance).
    checkpoint: async () => true,
    close: () => pool.end(),
  };
}
