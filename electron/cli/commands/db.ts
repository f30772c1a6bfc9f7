import fs from 'node:fs';
import { resolveConfig } from '../../services/app/config.js';
import { readKeyFile } from '../../services/db/keyFile.js';
import { hasPlainSqliteHeader, integrityOf, openReadOnly } from '../../services/db/openDatabase.js';
import { checkDataDir } from '../../services/db/startupCheck.js';
import { latestVersion } from '../../services/db/migrations/index.js';

export const summary = 'db info — schema version, row counts, integrity, whether the file is encrypted (read-only: changes nothing)';
export const help = `usage: npm run --silent kiosk -- db info\n  ${summary}\n  the database in KIOSK_DATA_DIR (default .kiosk-data); prints one JSON object`;

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'info') {
    process.stderr.write('usage: kiosk db info\n');
    return 2;
  }
  const cfg = resolveConfig();
  // Read-only from the first byte: no key is ever created here, and nothing in the folder changes.
  let state: 'new' | 'existing';
  try {
    state = checkDataDir(cfg);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  if (state === 'new') {
    process.stderr.write(`No kiosk database at ${cfg.dbFile} yet: it is created when the kiosk first starts.\n`);
    return 1;
  }
  const isEncrypted = !hasPlainSqliteHeader(cfg.dbFile);
  const ro = openReadOnly(cfg.dbFile, isEncrypted ? readKeyFile(cfg.keyFile) : null);
  const db = ro.db;
  const integrity = integrityOf(db);
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    // A damaged table reads as null, so the report still comes out for the rest.
    const countOf = (t: string): number | null => {
      try {
        return (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
      } catch {
        return null;
      }
    };
    const counts = Object.fromEntries(tables.map((t) => [t, countOf(t)]));
    process.stdout.write(
      JSON.stringify({
        file: cfg.dbFile,
        encrypted: isEncrypted,
        cipher: isEncrypted ? 'sqlcipher (AES-256, legacy=4)' : null,
        schemaVersion: db.pragma('user_version', { simple: true }),
        latestKnownVersion: latestVersion(),
        journalMode: db.pragma('journal_mode', { simple: true }),
        bytes: fs.statSync(cfg.dbFile).size,
        integrity: { ok: integrity.isOk, problems: integrity.problems },
        counts,
      }) + '\n',
    );
  } finally {
    ro.close();
  }
  return 0;
}
