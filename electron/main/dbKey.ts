import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { ErrorCode, KioskError } from '../../core/errors.js';

/** Only the safeStorage calls we use; tests pass a stand-in (the OS key store is the external edge). */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

const HEX_KEY = /^[0-9a-f]{64}$/i;

/**
 * The database key in Electron: 32 random bytes (hex), wrapped by the OS key store (DPAPI on
 * Windows, Keychain on macOS, libsecret/kwallet on Linux) and kept in keyFile with mode 0600.
 * Refuses — never falls back to a plain key — when no real key store is available: on Linux
 * Electron's 'basic_text' backend encrypts with a constant password, which protects nothing
 * against a thief. Never creates a new key while a database exists (it would make it unreadable).
 */
export function loadOrCreateSafeStorageKey(keyFile: string, dbFile: string, safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): string {
  if (!safe.isEncryptionAvailable()) {
    throw new KioskError(
      ErrorCode.DatabaseKey,
      "This computer's protected key store is not available, so the kiosk cannot lock its database. Log in to the kiosk user account (on Linux: start GNOME Keyring or KWallet) and start the kiosk again.",
    );
  }
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    throw new KioskError(
      ErrorCode.DatabaseKey,
      'No Linux key store (GNOME Keyring / KWallet) is running, so the database key would be stored unprotected. Install and unlock gnome-keyring for the kiosk user, then start the kiosk again.',
    );
  }
  let wrapped: Buffer | null = null;
  try {
    wrapped = fs.readFileSync(keyFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (wrapped !== null) {
    let key: string;
    try {
      key = safe.decryptString(wrapped).trim();
    } catch (e) {
      throw new KioskError(
        ErrorCode.DatabaseKey,
        `The database key in ${keyFile} cannot be unlocked on this computer or user account (was it copied from another kiosk, or was the key store reset?). Nothing was changed; restore the kiosk's backup or ask support.`,
        { cause: e },
      );
    }
    if (!HEX_KEY.test(key)) throw new KioskError(ErrorCode.DatabaseKey, `The key file ${keyFile} is damaged. Restore it from a backup.`);
    return key;
  }
  if (fs.existsSync(dbFile)) {
    throw new KioskError(
      ErrorCode.DatabaseKey,
      `The database key file ${keyFile} is missing but the database exists. Restore the key file from a backup; a new key would make the stored interviews unreadable.`,
    );
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32).toString('hex');
  // 'wx': never overwrite a key file that appeared meanwhile (a second instance, a restore).
  fs.writeFileSync(keyFile, safe.encryptString(key), { mode: 0o600, flag: 'wx' });
  return key;
}
