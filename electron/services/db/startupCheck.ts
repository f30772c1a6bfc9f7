import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { hasPlainSqliteHeader } from './openDatabase.js';

/**
 * What start-up finds in the data folder, decided before anything is written to it.
 *
 * Only a folder with no database (and no WAL or rollback journal) and no key file is a new
 * kiosk. Anything else that is not a readable pair stops start-up with the recovery steps and
 * changes nothing: an empty (0-byte) or missing database beside a key, or a database without its
 * key. The probe saw a 0-byte kiosk.db open as a brand-new kiosk that anyone could claim with
 * first-run set-up, and a missing key silently replaced by a new one.
 */
export type DataDirState = 'new' | 'existing';
export type DataDirPaths = { dbFile: string; keyFile: string };

const exists = (f: string) => fs.existsSync(f);
const NOTHING_CHANGED = 'Nothing was changed.';

export function checkDataDir(p: DataDirPaths): DataDirState {
  const db = path.basename(p.dbFile);
  const key = path.basename(p.keyFile);
  const dir = path.dirname(p.dbFile);
  const restore = `To recover: 1) stop the kiosk; 2) copy ${db} and ${key} from the same backup into ${dir}; 3) start the kiosk again.`;
  const hasDb = exists(p.dbFile);
  const hasKey = exists(p.keyFile);
  const sidecars = ['-wal', '-journal'].map((s) => p.dbFile + s).filter(exists);

  if (!hasDb) {
    if (sidecars.length) {
      throw new KioskError(
        ErrorCode.DatabaseMissing,
        `The kiosk database ${p.dbFile} is missing, but its ${sidecars.map((s) => path.basename(s)).join(' and ')} still holds data. ${NOTHING_CHANGED} ${restore}`,
      );
    }
    if (hasKey) {
      throw new KioskError(
        ErrorCode.DatabaseMissing,
        `The kiosk database ${p.dbFile} is missing, but its key file ${key} is there, so this kiosk has been used before. ${NOTHING_CHANGED} ${restore} ` +
          `Only if this kiosk has never taken an interview: move ${key} out of ${dir} and start again to set it up as new.`,
      );
    }
    return 'new';
  }
  if (fs.statSync(p.dbFile).size === 0) {
    throw new KioskError(
      ErrorCode.DatabaseCorrupt,
      `The kiosk database ${p.dbFile} is empty (0 bytes): its data is gone or was never written. ${NOTHING_CHANGED} ${restore} ` +
        `Only if this kiosk has never taken an interview: move ${db}${hasKey ? ` and ${key}` : ''} out of ${dir} and start again to set it up as new.`,
    );
  }
  if (!hasKey && !hasPlainSqliteHeader(p.dbFile)) {
    throw new KioskError(
      ErrorCode.DatabaseKey,
      `The database key file ${p.keyFile} is missing, so the kiosk database cannot be read. A new key would not open it. ${NOTHING_CHANGED} ` +
        `To recover: 1) stop the kiosk; 2) copy ${key} from the backup made with this database into ${dir}; 3) start the kiosk again.`,
    );
  }
  return 'existing';
}
