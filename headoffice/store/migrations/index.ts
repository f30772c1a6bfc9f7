import type { HoStore } from '../types.js';
import m0001 from './0001-create-sync-tables.js';
import m0002 from './0002-create-fairness-tables.js';
import m0003 from './0003-add-ownership-and-limits.js';
import m0004 from './0004-add-audit-anchor.js';
import m0005 from './0005-create-console-tables.js';
import m0006 from './0006-create-notify-tables.js';
import m0007 from './0007-add-stores-and-fleet.js';
import m0008 from './0008-create-second-round-picks.js';
import type { HoMigration } from './types.js';

export type { Dialect, HoMigration } from './types.js';

/**
 * Head office's schema steps, in order (README.md: how to add one). Append new steps here;
 * never edit, renumber or reorder a step that has shipped — databases at every version upgrade
 * through the steps after theirs.
 */
export const hoMigrations: readonly HoMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];

export const latestHoVersion = (list: readonly HoMigration[] = hoMigrations): number => list.at(-1)?.version ?? 0;

/** Versions must run 1, 2, 3 … without gaps or repeats: ho_meta records a single number. */
export function checkHoMigrationOrder(list: readonly HoMigration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`head-office migration ${m.name} has version ${m.version}; expected ${i + 1} (versions run 1, 2, 3 … in list order)`);
  });
}

/**
 * Brings the store up to `upTo` (default: the latest step) and returns the version it is at.
 * Everything runs in one serial transaction: two instances starting together on one PostgreSQL
 * would otherwise race on CREATE TABLE IF NOT EXISTS (a unique violation in pg_type) and on each
 * step; a step that fails leaves the database as it was. The version is recorded in ho_meta
 * after each step. A database written by a newer service is refused and left unchanged.
 */
export async function runHoMigrations(store: HoStore, opts: { list?: readonly HoMigration[]; upTo?: number } = {}): Promise<number> {
  const list = opts.list ?? hoMigrations;
  checkHoMigrationOrder(list);
  const latest = latestHoVersion(list);
  const upTo = opts.upTo ?? latest;
  return store.tx(
    async (q) => {
      await q.run('CREATE TABLE IF NOT EXISTS ho_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const row = await q.get<{ value: string }>(`SELECT value FROM ho_meta WHERE key = 'schema_version'`);
      const current = row ? Number(row.value) : 0;
      if (!Number.isInteger(current) || current < 0) throw new Error(`head-office database has an unreadable schema_version (${JSON.stringify(row?.value)}); the database was not changed`);
      if (current > latest) {
        throw new Error(`head-office database schema ${current} is newer than this service (${latest}); update the service (the database was not changed)`);
      }
      let at = current;
      for (const m of list) {
        if (m.version <= current || m.version > upTo) continue;
        await m.up(q, store.dialect);
        await q.run(`INSERT INTO ho_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(m.version)]);
        at = m.version;
      }
      return at;
    },
    { serial: true },
  );
}
