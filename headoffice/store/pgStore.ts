import pg from 'pg';
import type { HoStore, Param, Queryable } from './types.js';

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
  all: async <T>(sql: string, params: Param[] = []) => (await c.query(toPg(sql), params)).rows as T[],
  get: async <T>(sql: string, params: Param[] = []) => (await c.query(toPg(sql), params)).rows[0] as T | undefined,
  run: async (sql: string, params: Param[] = []) => ({ changes: (await c.query(toPg(sql), params)).rowCount ?? 0 }),
});

/** Serial transactions take one advisory lock so feed cursors (identity values) commit in order. */
const SERIAL_LOCK = 7_001_001;

export function openPgStore(connectionString: string): HoStore {
  const pool = new pg.Pool({ connectionString, max: 8, types });
  return {
    dialect: 'pg',
    ...wrap(pool),
    async tx<T>(fn: (q: Queryable) => Promise<T>, opts: { serial?: boolean } = {}): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (opts.serial) await client.query('SELECT pg_advisory_xact_lock($1)', [SERIAL_LOCK]);
        const r = await fn(wrap(client));
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
