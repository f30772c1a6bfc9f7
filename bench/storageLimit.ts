/**
 * The storage limit for head-office ingest: the rows one ingest run wrote, read back and written
 * again into a fresh store with the same schema (same tables, indexes and pragmas) by the
 * fastest plain means each engine has — prepared multi-row INSERTs on SQLite, one `unnest`
 * INSERT per table on PostgreSQL — one transaction per batch, as ingest commits. Ingest cannot
 * store the same rows faster than this; what it spends above it is parsing, checking and
 * deciding what to write. When ingest was warmed up first, the rows of its timed part are
 * written into a store that already holds the warm-up's rows, as ingest's were.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { openStore } from '../headoffice/store/openStore.js';
import type { HoStore } from '../headoffice/store/types.js';

type Row = Record<string, unknown>;
/** The tables ingest fills, with the column that keeps their insertion order and their key. */
const TABLES: readonly { name: string; order: string; key: string }[] = [
  { name: 'ho_owners', order: 'claimed_at, subject_id', key: 'subject_id' },
  { name: 'ho_records', order: 'seq', key: 'id' },
  { name: 'ho_batches', order: 'seq', key: 'id' },
  { name: 'ho_interviews', order: 'id', key: 'id' },
  { name: 'ho_receipts', order: 'code_hash', key: 'code_hash' },
  { name: 'ho_notifications', order: 'id', key: 'id' },
];

export type WrittenRows = { tables: { name: string; columns: string[]; rows: unknown[][] }[]; total: number; kiosks: Row[] };

/** Everything ingest wrote into `store` (filled from empty by one run), and the kiosk rows it needs. */
export async function rowsWrittenByIngest(store: HoStore): Promise<WrittenRows> {
  const tables: WrittenRows['tables'] = [];
  for (const t of TABLES) {
    const rows = await store.all<Row>(`SELECT * FROM ${t.name} ORDER BY ${t.order}`);
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!);
    tables.push({ name: t.name, columns, rows: rows.map((r) => columns.map((c) => r[c])) });
  }
  const kiosks = await store.all<Row>('SELECT * FROM ho_kiosks ORDER BY id');
  return { tables, total: tables.reduce((a, t) => a + t.rows.length, 0), kiosks };
}

/**
 * The rows `after` holds that `before` did not: what the timed part of an ingest run wrote
 * after its warm-up. Only rows added (ingest of new interviews updates none of the earlier ones).
 */
export function rowsAddedSince(before: WrittenRows, after: WrittenRows): WrittenRows {
  const tables = after.tables.map((t) => {
    const key = t.columns.indexOf(TABLES.find((x) => x.name === t.name)!.key);
    const old = new Set(before.tables.find((b) => b.name === t.name)?.rows.map((r) => r[key]));
    return { ...t, rows: t.rows.filter((r) => !old.has(r[key])) };
  });
  return { tables, total: tables.reduce((a, t) => a + t.rows.length, 0), kiosks: after.kiosks };
}

/** Table rows cut into `parts` transactions' worth, in order. */
function* chunks(w: WrittenRows, parts: number): Generator<{ name: string; columns: string[]; rows: unknown[][] }[]> {
  for (let i = 0; i < parts; i++) {
    yield w.tables.map((t) => {
      const size = Math.ceil(t.rows.length / parts);
      return { ...t, rows: t.rows.slice(i * size, (i + 1) * size) };
    });
  }
}

const SQLITE_ROWS_PER_STATEMENT = 100;

/**
 * Seconds to write `w` into a fresh SQLite head-office store file, `parts` transactions; the
 * rows of `prefill` (what ingest held before its timed part) go in first, untimed.
 */
export async function rawSqliteSameRows(file: string, w: WrittenRows, parts: number, prefill?: WrittenRows): Promise<number> {
  await (await openStore({ file })).close(); // the schema, by the service's own migrations
  const db = new Database(file);
  for (const p of ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'secure_delete = ON']) db.pragma(p);
  try {
    for (const kiosk of w.kiosks) {
      const cols = Object.keys(kiosk);
      db.prepare(`INSERT INTO ho_kiosks (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...(cols.map((c) => kiosk[c]) as never[]));
    }
    const statements = new Map<string, Database.Statement>();
    const insert = (name: string, columns: string[], n: number) => {
      const key = `${name}/${n}`;
      let s = statements.get(key);
      if (!s) {
        const one = `(${columns.map(() => '?').join(', ')})`;
        s = db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => one).join(', ')}`);
        statements.set(key, s);
      }
      return s;
    };
    const write = (part: WrittenRows['tables']) =>
      db.transaction(() => {
        for (const tbl of part) {
          for (let i = 0; i < tbl.rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
            const slice = tbl.rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
            insert(tbl.name, tbl.columns, slice.length).run(...(slice.flat() as never[]));
          }
        }
      })();
    if (prefill) write(prefill.tables);
    const all = [...chunks(w, parts)];
    const t = performance.now();
    for (const part of all) write(part);
    return (performance.now() - t) / 1000;
  } finally {
    db.close();
  }
}

/** Seconds to write `w` into a fresh PostgreSQL head-office database, `parts` transactions (`prefill` first, untimed). */
export async function rawPgSameRows(databaseUrl: string, w: WrittenRows, parts: number, prefill?: WrittenRows): Promise<number> {
  await (await openStore({ databaseUrl })).close();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const types = new Map<string, string>();
    for (const r of (
      await c.query<{ table_name: string; column_name: string; udt_name: string }>(`SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()`)
    ).rows) {
      types.set(`${r.table_name}.${r.column_name}`, r.udt_name);
    }
    for (const kiosk of w.kiosks) {
      const cols = Object.keys(kiosk);
      await c.query(
        `INSERT INTO ho_kiosks (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((k) => kiosk[k]),
      );
    }
    const sql = new Map(
      w.tables.map((t) => [
        t.name,
        `INSERT INTO ${t.name} (${t.columns.join(', ')}) OVERRIDING SYSTEM VALUE SELECT * FROM unnest(${t.columns.map((col, i) => `$${i + 1}::${types.get(`${t.name}.${col}`) ?? 'text'}[]`).join(', ')})`,
      ]),
    );
    const write = async (part: WrittenRows['tables']) => {
      await c.query('BEGIN');
      for (const tbl of part) {
        if (tbl.rows.length === 0) continue;
        await c.query(
          sql.get(tbl.name)!,
          tbl.columns.map((_, i) => tbl.rows.map((r) => r[i])),
        );
      }
      await c.query('COMMIT');
    };
    if (prefill) await write(prefill.tables);
    const all = [...chunks(w, parts)];
    const t = performance.now();
    for (const part of all) await write(part);
    return (performance.now() - t) / 1000;
  } finally {
    await c.end();
  }
}
