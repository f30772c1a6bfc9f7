/**
 * Head-office storage: one small query interface with two implementations (embedded SQLite,
 * PostgreSQL). Queries are written once with `?` placeholders in SQL both dialects accept;
 * only the schema steps (migrations/) differ per dialect, in column types.
 */
export type Param = string | number | null | Buffer;

/** `n` placeholders for an IN list or a VALUES row: `?, ?, ?`. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
export type Row = Record<string, unknown>;

export interface Queryable {
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined>;
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
}

export type TxOptions = { serial?: boolean; kiosk?: string };

export interface HoStore extends Queryable {
  readonly dialect: 'sqlite' | 'pg';
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
