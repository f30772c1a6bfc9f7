import { hoMigrations } from './schema.js';
import { openPgStore } from './pgStore.js';
import { openSqliteStore } from './sqliteStore.js';
import type { HoStore } from './types.js';

/** PostgreSQL when a connection string is given (DATABASE_URL), else the embedded SQLite file. */
export async function openStore(opts: { databaseUrl?: string | undefined; file?: string }): Promise<HoStore> {
  const store = opts.databaseUrl ? openPgStore(opts.databaseUrl) : openSqliteStore(opts.file ?? 'headoffice.db');
  try {
    await migrate(store);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

export async function migrate(store: HoStore): Promise<number> {
  // Inside the serial transaction: two instances starting together on one PostgreSQL would
  // otherwise race on CREATE TABLE IF NOT EXISTS (a unique violation in pg_type) and on each step.
  return store.tx(
    async (q) => {
      await q.run('CREATE TABLE IF NOT EXISTS ho_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const row = await q.get<{ value: string }>(`SELECT value FROM ho_meta WHERE key = 'schema_version'`);
      const current = row ? Number(row.value) : 0;
      const latest = hoMigrations.at(-1)!.version;
      if (current > latest) throw new Error(`head-office database schema ${current} is newer than this service (${latest}); update the service`);
      for (const m of hoMigrations.filter((x) => x.version > current)) {
        const ddl = store.dialect === 'pg' ? m.pg : m.sqlite;
        for (const statement of ddl.split(';').map((s) => s.trim()).filter(Boolean)) await q.run(statement);
      }
      await q.run(`INSERT INTO ho_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(latest)]);
      return latest;
    },
    { serial: true },
  );
}
