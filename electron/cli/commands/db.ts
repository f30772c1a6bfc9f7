import fs from 'node:fs';
import { resolveConfig } from '../../services/app/config.js';
import { loadOrCreateKeyFile } from '../../services/db/keyFile.js';
import { hasPlainSqliteHeader, openDatabase } from '../../services/db/openDatabase.js';
import { latestVersion } from '../../services/db/migrations/index.js';

export const summary = 'db info — schema version, row counts, whether the file is encrypted';

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'info') {
    process.stderr.write('usage: kiosk db info\n');
    return 2;
  }
  const cfg = resolveConfig();
  if (!fs.existsSync(cfg.dbFile)) {
    process.stderr.write(`No kiosk database at ${cfg.dbFile} yet: it is created when the kiosk first starts.\n`);
    return 1;
  }
  const isEncrypted = !hasPlainSqliteHeader(cfg.dbFile);
  const db = openDatabase({ file: cfg.dbFile, key: isEncrypted ? loadOrCreateKeyFile(cfg.keyFile) : null, readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
    process.stdout.write(
      JSON.stringify({
        file: cfg.dbFile,
        encrypted: isEncrypted,
        cipher: isEncrypted ? 'sqlcipher (AES-256, legacy=4)' : null,
        schemaVersion: db.pragma('user_version', { simple: true }),
        latestKnownVersion: latestVersion(),
        journalMode: db.pragma('journal_mode', { simple: true }),
        bytes: fs.statSync(cfg.dbFile).size,
        counts,
      }) + '\n',
    );
  } finally {
    db.close();
  }
  return 0;
}
