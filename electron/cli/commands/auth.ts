/**
 * `npm run --silent kiosk -- auth recover --manager <name>`: manager lock-out recovery with a
 * one-time code from head office (`headoffice kiosk recovery-code <kioskId>`). The code and the
 * new PIN are read from stdin (two lines), never argv, so other local users cannot see them in
 * the process list. Checked offline against the head-office key pinned at enrollment.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../services/app/config.js';
import { createAuthService } from '../../services/auth/authService.js';
import { openKioskDatabase } from '../../services/db/openKioskDatabase.js';
import { ErrorCode, isKioskError } from '../../../core/errors.js';

export const summary = 'auth recover --manager <name> — set a new manager PIN with a one-time head-office recovery code (code and PIN on stdin)';
export const help = `usage: npm run --silent kiosk -- auth recover --manager <name>
  stdin: line 1 the recovery code (headoffice kiosk recovery-code <kioskId>), line 2 the new PIN (6-12 digits)
  sets that manager's PIN and lifts the PIN pauses; the code works once, on this kiosk only, until it expires`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { manager: { type: 'string' } } });
  if (positionals[0] !== 'recover' || !values.manager) {
    process.stderr.write(help + '\n');
    return 2;
  }
  const cfg = resolveConfig();
  if (!fs.existsSync(cfg.dbFile) || !fs.existsSync(cfg.keyFile)) {
    process.stderr.write(`auth recover: no kiosk database and key in ${cfg.dataDir} (set KIOSK_DATA_DIR)\n`);
    return 2;
  }
  const [code = '', pin = ''] = fs
    .readFileSync(0, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const db = openKioskDatabase(cfg, undefined);
  try {
    const r = createAuthService(db).recoverManager(code, values.manager, pin);
    process.stdout.write(JSON.stringify({ ok: true, manager: r.name }) + '\n');
    process.stderr.write(`new PIN set for ${r.name}; the PIN pad is no longer paused. The code cannot be used again.\n`);
    return 0;
  } catch (e) {
    const code = isKioskError(e) ? e.code : ErrorCode.Internal;
    process.stdout.write(JSON.stringify({ ok: false, code, message: (e as Error).message }) + '\n');
    process.stderr.write(`auth recover: ${(e as Error).message} Nothing was changed.\n`);
    return 1;
  } finally {
    db.close();
  }
}
