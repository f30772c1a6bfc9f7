import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../shared/errors.js';

/**
 * Browser-kiosk mode keeps the 32-byte database key in a file created with mode 0600 on first
 * run (in Electron, main wraps the key with safeStorage instead). Losing this file means the
 * database cannot be read: back it up with the database.
 */
export function loadOrCreateKeyFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(key)) throw new KioskError(ErrorCode.DatabaseKey, `The key file ${file} is damaged. Restore it from a backup.`);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = crypto.randomBytes(32).toString('hex');
  // 'wx': never overwrite a key that appeared in the meantime.
  fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
