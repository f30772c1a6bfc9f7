/**
 * Head-office storage: one small query interface with two implementations (embedded SQLite,
 * PostgreSQL). Queries are written once with `?` placeholders in SQL both dialects accept;
 * only the schema steps (migrations/) differ per dialect, in column types.
 */
export type Param = string | number | null | Buffer;

/** `n` placeholders for an IN list or a VALUES row: `?, ?, ?`. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
export type Row = Record<string, unknown>;

/**
 * The sizes to cut `n` rows into, one statement each, at most `max` rows a statement. SQLite
 * keeps its prepared statements by their text, and preparing one with thousands of placeholders
 * takes about a millisecond — longer than running it — so there every size is a power of two
 * and only a handful of statements are ever prepared (157 rows: 128, 16, 8, 4, 1). PostgreSQL
 * parses each statement anyway and each is a round trip: as few statements as possible.
 */
export function rowChunks(dialect: Dialect, n: number, max: number): number[] {
  const out: number[] = [];
  if (dialect === 'pg') {
    for (let left = n; left > 0; left -= max) out.push(Math.min(max, left));
    return out;
  }
  let top = 1;
  while (top * 2 <= max) top *= 2;
  for (let left = n; left > 0;) {
    let size = top;
    while (size > left) size /= 2;
    out.push(size);
    left -= size;
  }
  return out;
}

/** `rows` cut as rowChunks says. */
export function inRowChunks<T>(dialect: Dialect, rows: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const size of rowChunks(dialect, rows.length, max)) out.push(rows.slice(at, (at += size)));
  return out;
}

/**
 * The ids of an IN list, at most `max` a statement. On SQLite each list is padded to a power of
 * two by repeating its last id (which matches nothing more), for the reason rowChunks gives.
 */
export function inLists(dialect: Dialect, ids: readonly string[], max: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += max) {
    const part = ids.slice(i, i + max);
    if (dialect === 'sqlite') {
      let size = 1;
      while (size < part.length) size *= 2;
      while (part.length < size) part.push(part.at(-1)!);
    }
    out.push(part);
  }
  return out;
}

export type Dialect = 'sqlite' | 'pg';

export interface Queryable {
  /** The engine the SQL runs on (multi-row statements are cut differently: rowChunks). */
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined>;
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
}

export type TxOptions = { serial?: boolean; kiosk?: string };

export interface HoStore extends Queryable {
  /** SQLite: the database file (not for `:memory:`), which ingest workers read look-ups from. */
  readonly file?: string;
  /**
   * Runs fn in one transaction. `serial` additionally serialises it against every other serial
   * or `kiosk` transaction. `kiosk` (ingest of one kiosk's batch) serialises it against the same
   * kiosk's and every serial transaction, but not against other kiosks' ingest; before its first
   * write to ho_records it calls `inFeedOrder`, which serialises the rest of it against every
   * other writer of ho_records, so feed cursors (identity values) still commit in order
   * (docs/sync.md, "Ingest transactions"). SQLite runs every transaction alone anyway.
   */
  tx<T>(fn: (q: Queryable, inFeedOrder: () => Promise<void>) => Promise<T>, opts?: TxOptions): Promise<T>;
  /**
   * Run after an erasure has committed, so old page versions do not outlive it in a log. SQLite
   * (secure_delete on) copies the WAL into the database file and truncates it; false when a
   * reader kept it busy. PostgreSQL: nothing here (dead tuples go with VACUUM; docs/security.md).
   */
  checkpoint(): Promise<boolean>;
  close(): Promise<void>;
}
