import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../../core/errors.js';

/**
 * Browser-kiosk mode keeps the 32-byte database key in a file created with mode 0600 on first
 * run (in Electron, main wraps the key with safeStorage instead). Losing this file means the
 * database cannot be read: back it up with the database.
 */
export function loadOrCreateKeyFile(file: string): string {
  // Tests and first starts only: start-up and the CLI use checkDataDir + readKeyFile/createKeyFile,
  // which never create a key beside an existing database.
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

/** Reads the key; never creates one. A missing or damaged file is a clear error. */
export function readKeyFile(file: string): string {
  let key: string;
  try {
    key = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new KioskError(ErrorCode.DatabaseKey, `The database key file ${file} is missing. Restore it from the backup made with the database.`);
    throw e;
  }
  if (!/^[0-9a-f]{64}$/i.test(key)) throw new KioskError(ErrorCode.DatabaseKey, `The key file ${file} is damaged. Restore it from a backup.`);
  return key;
}

/** A new random key (first start only). */
export const newDatabaseKey = (): string => crypto.randomBytes(32).toString('hex');

/** Writes a key file 0600 in a 0700 folder; refuses to overwrite one that appeared meanwhile. */
export function createKeyFile(file: string, key: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
}
