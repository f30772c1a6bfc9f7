import fs from 'node:fs';
import { resolveConfig } from '../../services/app/config.js';
import { verifyAudit } from '../../services/audit/auditLog.js';
import { openDatabase } from '../../services/db/openDatabase.js';

export const summary = 'audit verify — check the hash-chained audit log; exit 0 when intact, 1 naming the first broken entry';
export const help = `usage: npm run --silent kiosk -- audit verify\n  ${summary}\n  reads the database in KIOSK_DATA_DIR (default .kiosk-data) read-only; prints one JSON object`;

/**
 * `audit verify`: opens the kiosk database read-only with its key file and walks the chain.
 * stdout: one JSON object ({ok, entries} or {ok:false, entries, firstBrokenSeq, problem});
 * stderr: a sentence for people. Exit 0 intact, 1 broken, 2 usage or no database.
 */
export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'verify') {
    process.stderr.write(`usage: npm run --silent kiosk -- audit verify\n${summary}\n`);
    return 2;
  }
  const cfg = resolveConfig();
  if (!fs.existsSync(cfg.dbFile)) {
    process.stderr.write(`audit verify: no kiosk database at ${cfg.dbFile} (set KIOSK_DATA_DIR)\n`);
    return 2;
  }
  if (!fs.existsSync(cfg.keyFile)) {
    process.stderr.write(`audit verify: the key file ${cfg.keyFile} is missing; the database cannot be read without it\n`);
    return 2;
  }
  const key = fs.readFileSync(cfg.keyFile, 'utf8').trim();
  const db = openDatabase({ file: cfg.dbFile, key, readonly: true });
  try {
    const v = verifyAudit(db);
    process.stdout.write(JSON.stringify(v) + '\n');
    if (v.ok) {
      process.stderr.write(`audit log intact: ${v.entries} entries\n`);
      return 0;
    }
    process.stderr.write(`audit log BROKEN at entry #${v.firstBrokenSeq}: ${v.problem} (${v.entries} entries checked)\n`);
    return 1;
  } finally {
    db.close();
  }
}
