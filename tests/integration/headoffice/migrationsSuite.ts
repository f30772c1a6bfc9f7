/**
 * Head-office schema steps (headoffice/store/migrations/), on SQLite and on PostgreSQL: for every
 * step N, a store at N-1 holding data (migrationCases.ts: rows written at each earlier version)
 * upgrades to N, keeps every row and value it held, records N in ho_meta, and the step's own
 * effects hold. Also: a fresh store reaches the latest version with the schema a stepwise upgrade
 * gives; a database written by a newer service is refused and left unchanged; a step that fails
 * leaves the database as it was.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hoMigrations, latestHoVersion, runHoMigrations, type HoMigration } from '../../../headoffice/store/migrations/index.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import { openPgStore } from '../../../headoffice/store/pgStore.js';
import { openSqliteStore } from '../../../headoffice/store/sqliteStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, startPgCluster, tempDir, type HoKind, type PgCluster } from '../sync/harness.js';
import { migrationCases } from './migrationCases.js';

type Target = { databaseUrl?: string; file?: string };
type Snapshot = Record<string, { columns: string[]; rows: unknown[] }>;

const tableNames = async (s: HoStore): Promise<string[]> =>
  (
    await s.all<{ name: string }>(
      s.dialect === 'sqlite'
        ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
        : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    )
  ).map((r) => r.name);

const columnNames = async (s: HoStore, table: string): Promise<string[]> =>
  (
    await s.all<{ name: string }>(
      s.dialect === 'sqlite'
        ? 'SELECT name FROM pragma_table_info(?) ORDER BY cid'
        : 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
      [table],
    )
  ).map((r) => r.name);

const rowsOf = (s: HoStore, table: string, columns: string[]) => s.all(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`);

/** Every table but ho_meta (which records the version), its columns and all its rows. */
async function snapshot(s: HoStore): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const t of await tableNames(s)) {
    if (t === 'ho_meta') continue;
    const columns = await columnNames(s, t);
    out[t] = { columns, rows: await rowsOf(s, t, columns) };
  }
  return out;
}

const schemaVersion = async (s: HoStore) => Number((await s.get<{ value: string }>(`SELECT value FROM ho_meta WHERE key = 'schema_version'`))?.value ?? 0);

export function defineMigrationSuite(kind: HoKind): void {
  describe(`head-office migrations on ${kind}`, () => {
    let cluster: PgCluster | null = null;
    const open: HoStore[] = [];
    const latest = latestHoVersion();

    beforeAll(async () => {
      if (kind === 'pg') cluster = await startPgCluster(); // throws (fails the suite) if PostgreSQL cannot start
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });
    afterAll(() => {
      cluster?.stop();
      cleanupTempDirs();
    });

    const newTarget = async (): Promise<Target> => (kind === 'pg' ? { databaseUrl: await cluster!.newDatabase() } : { file: path.join(tempDir('ho-mig-'), 'headoffice.db') });
    const rawStore = (t: Target): HoStore => {
      const s = t.databaseUrl ? openPgStore(t.databaseUrl) : openSqliteStore(t.file!);
      open.push(s);
      return s;
    };
    /** A store brought to `version` one step at a time, with each version's rows written on the way. */
    const seededStoreAt = async (version: number): Promise<HoStore> => {
      const s = rawStore(await newTarget());
      for (let v = 0; v <= version; v++) {
        expect(await runHoMigrations(s, { upTo: v })).toBe(v);
        await migrationCases[v]!.seed(s, s.dialect);
      }
      return s;
    };

    it('every version, from the empty database to the latest, has a test case', () => {
      expect(migrationCases.map((c) => c.version)).toEqual([0, ...hoMigrations.map((m) => m.version)]);
    });

    for (const m of hoMigrations) {
      it(`${m.name}: a store at version ${m.version - 1} holding data upgrades to ${m.version} and keeps the data`, async () => {
        const s = await seededStoreAt(m.version - 1);
        expect(await schemaVersion(s)).toBe(m.version - 1);
        const before = await snapshot(s);
        expect(Object.values(before).reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(0);

        expect(await runHoMigrations(s, { upTo: m.version })).toBe(m.version);
        expect(await schemaVersion(s)).toBe(m.version);

        // Every table, column, row and value that was there is still there.
        const drops = migrationCases[m.version]!.drops ?? {};
        const after = await tableNames(s);
        for (const [table, { columns, rows }] of Object.entries(before)) {
          expect(after, `table ${table}`).toContain(table);
          const kept = columns.filter((c) => !drops[table]?.includes(c));
          expect(await columnNames(s, table), `columns of ${table}`).toEqual(expect.arrayContaining(kept));
          const want = rows.map((r) => Object.fromEntries(kept.map((c) => [c, (r as Record<string, unknown>)[c]])));
          expect(await rowsOf(s, table, kept), `rows of ${table}`).toEqual(want);
        }
        await migrationCases[m.version]!.check(s, s.dialect);
        // Running again changes nothing.
        expect(await runHoMigrations(s, { upTo: m.version })).toBe(m.version);
      });
    }

    it('a fresh store reaches the latest version, with the schema a step-by-step upgrade gives', async () => {
      const t = await newTarget();
      const fresh = await openStore(t);
      open.push(fresh);
      expect(await schemaVersion(fresh)).toBe(latest);
      expect(await runHoMigrations(fresh)).toBe(latest); // nothing pending: a no-op

      const stepwise = await seededStoreAt(latest);
      const tables = (await tableNames(fresh)).filter((n) => n.startsWith('ho_'));
      expect(tables).toEqual((await tableNames(stepwise)).filter((n) => n.startsWith('ho_')));
      for (const table of tables) expect(await columnNames(fresh, table), table).toEqual(await columnNames(stepwise, table));
      // Every version's rows can be written to the fresh store too.
      for (const c of migrationCases) if (c.version > 0) await c.seed(fresh, fresh.dialect);
      const rowCounts = async (s: HoStore) =>
        Object.fromEntries(
          Object.entries(await snapshot(s))
            .filter(([n]) => n.startsWith('ho_'))
            .map(([n, t]) => [n, t.rows.length]),
        );
      const counts = await rowCounts(fresh);
      // Every table took rows; only the stepwise store has the owners step 3 backfilled from older rows.
      expect(Object.keys(counts).sort()).toEqual(tables.filter((n) => n !== 'ho_meta'));
      expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
      expect({ ...counts, ho_owners: 0 }).toEqual({ ...(await rowCounts(stepwise)), ho_owners: 0 });
    });

    it('a database written by a newer service is refused and left unchanged', async () => {
      const t = await newTarget();
      const s = await openStore(t);
      await migrationCases[1]!.seed(s, s.dialect);
      await s.run(`UPDATE ho_meta SET value = ? WHERE key = 'schema_version'`, [String(latest + 1)]);
      const before = await snapshot(s);
      await s.close();

      await expect(openStore(t)).rejects.toThrow(`head-office database schema ${latest + 1} is newer than this service (${latest})`);
      const again = rawStore(t);
      await expect(runHoMigrations(again)).rejects.toThrow(/newer than this service.*update the service/);
      expect(await schemaVersion(again)).toBe(latest + 1);
      expect(await snapshot(again)).toEqual(before);
    });

    it('a step that fails leaves the database as it was (every pending step runs in one transaction)', async () => {
      const s = await seededStoreAt(4);
      const before = await snapshot(s);
      const failing: HoMigration = {
        version: latest + 1,
        name: `${String(latest + 1).padStart(4, '0')}-fails`,
        async up(q) {
          await q.run('CREATE TABLE ho_half_done (a TEXT)');
          await q.run('INSERT INTO ho_no_such_table (a) VALUES (1)');
        },
      };
      await expect(runHoMigrations(s, { list: [...hoMigrations, failing] })).rejects.toThrow(/ho_no_such_table/);
      expect(await schemaVersion(s)).toBe(4);
      expect(await snapshot(s)).toEqual(before); // neither steps 5…latest nor the half-done step left anything
      expect(await runHoMigrations(s)).toBe(latest); // and the real steps still run afterwards
    });
  });
}
