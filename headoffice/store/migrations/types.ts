import type { Dialect, Queryable } from '../types.js';

export type { Dialect };

/**
 * One head-office schema step. `version` is what ho_meta's schema_version row records once the
 * step has run; versions are 1, 2, 3 … without gaps, in the order of the list in index.ts.
 * `up` runs inside the runner's serial transaction and issues one statement per `q.run` call.
 */
export type HoMigration = {
  version: number;
  /** The file's name without its extension, e.g. '0003-add-ownership-and-limits'. */
  name: string;
  up(q: Queryable, dialect: Dialect): Promise<void>;
  /** A step made only of SQL (sqlMigration) also shows its statements, for tests and review. */
  statements?: (dialect: Dialect) => readonly string[];
};

/** Column types that differ between the dialects; every column name is the same in both. */
export type ColumnTypes = {
  /** An auto-numbered primary key column (receive order, feed cursors). */
  seq: string;
  int: string;
  blob: string;
  /** Table suffix: SQLite's STRICT tables; nothing on PostgreSQL. */
  strict: string;
};

export const columnTypes: Record<Dialect, ColumnTypes> = {
  sqlite: { seq: 'INTEGER PRIMARY KEY AUTOINCREMENT', int: 'INTEGER', blob: 'BLOB', strict: ' STRICT' },
  pg: { seq: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', int: 'BIGINT', blob: 'BYTEA', strict: '' },
};

/**
 * A step made only of SQL statements: `statements` returns them for a dialect, one complete
 * statement per array element (nothing is split on ';'), run in order.
 */
export function sqlMigration(
  version: number,
  name: string,
  statements: (t: ColumnTypes, dialect: Dialect) => readonly string[],
): HoMigration & { statements: (dialect: Dialect) => readonly string[] } {
  const forDialect = (dialect: Dialect) => statements(columnTypes[dialect], dialect);
  return {
    version,
    name,
    statements: forDialect,
    async up(q, dialect) {
      for (const sql of forDialect(dialect)) await q.run(sql);
    },
  };
}
