import { runHoMigrations } from './migrations/index.js';
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

/** Runs every pending schema step (migrations/index.ts) and returns the schema version. */
export const migrate = (store: HoStore): Promise<number> => runHoMigrations(store);
