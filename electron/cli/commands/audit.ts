import fs from 'node:fs';
import { resolveConfig } from '../../services/app/config.js';
import { verifyAudit } from '../../services/audit/auditLog.js';
import { openDatabase } from '../../services/db/openDatabase.js';
import { compareWithAnchor, storedAnchor } from '../../services/sync/auditAnchor.js';

export const summary = 'audit verify — check the hash-chained audit log and the last hash head office anchored; exit 0 when intact, 1 naming the first broken entry or a cut-short/rewritten log';
export const help = `usage: npm run --silent kiosk -- audit verify\n  ${summary}\n  reads the database in KIOSK_DATA_DIR (default .kiosk-data) read-only; prints one JSON object`;

/**
 * `audit verify`: opens the kiosk database read-only with its key file and walks the chain.
 * Then compares with the audit anchor the kiosk kept from its last sync round (the hash head
 * office holds): an entry cut off the end or rewritten and re-chained shows only there.
 * stdout: one JSON object ({ok, entries, anchor} or {ok:false, entries, firstBrokenSeq?, problem, anchor});
 * `anchor` is {seq, ok, problem?} or null when head office has anchored nothing yet.
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
    const anchored = storedAnchor(db);
    const a = compareWithAnchor(db, anchored);
    const anchor = anchored === null ? null : a.ok ? { seq: anchored.seq, ok: true } : { seq: anchored.seq, ok: false, problem: a.problem };
    process.stdout.write(JSON.stringify(!v.ok || a.ok ? { ...v, anchor } : { ...v, ok: false, problem: a.problem, anchor }) + '\n');
    if (!v.ok) process.stderr.write(`audit log BROKEN at entry #${v.firstBrokenSeq}: ${v.problem} (${v.entries} entries checked)\n`);
    if (!a.ok) process.stderr.write(`audit log does not match head office's anchor: ${a.message}\n`);
    if (!v.ok || !a.ok) return 1;
    process.stderr.write(
      `audit log intact: ${v.entries} entries${anchored ? `; entry #${anchored.seq} matches the hash head office anchored` : '; head office has anchored nothing yet (no sync with an audit head)'}\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
