import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadOrCreateSafeStorageKey, type SafeStorageLike } from '../../../electron/main/dbKey.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';

/**
 * Stand-in for Electron's safeStorage (the OS key store is the true external edge): real AES-GCM
 * under a per-"machine" secret, so a file from another machine fails to decrypt like DPAPI would.
 */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; machine?: Buffer } = {}): SafeStorageLike & { calls: string[] } {
  const machine = opts.machine ?? crypto.randomBytes(32);
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => (opts.backend ?? 'gnome_libsecret') as ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
    encryptString(text: string) {
      calls.push('encrypt');
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', machine, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(buf: Buffer) {
      calls.push('decrypt');
      const d = crypto.createDecipheriv('aes-256-gcm', machine, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

let dir: string;
let keyFile: string;
let dbFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-key-'));
  keyFile = path.join(dir, 'data', 'kiosk.key.enc');
  dbFile = path.join(dir, 'data', 'kiosk.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof KioskError ? e.code : `not a KioskError: ${String(e)}`;
  }
  return undefined;
};

describe('loadOrCreateSafeStorageKey', () => {
  test('first run: 32 random bytes, stored wrapped, mode 0600; later runs read the same key', () => {
    const safe = fakeSafeStorage();
    const key = loadOrCreateSafeStorageKey(keyFile, dbFile, safe, 'linux');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const raw = fs.readFileSync(keyFile);
    expect(raw.toString('latin1')).not.toContain(key);
    expect(raw.toString('hex')).not.toContain(key);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSafeStorageKey(keyFile, dbFile, safe, 'linux')).toBe(key);
    expect(loadOrCreateSafeStorageKey(path.join(dir, 'other.enc'), path.join(dir, 'other.db'), safe, 'linux')).not.toBe(key);
  });

  test('refuses to start without a key store, and writes nothing', () => {
    expect(codeOf(() => loadOrCreateSafeStorageKey(keyFile, dbFile, fakeSafeStorage({ available: false }), 'win32'))).toBe(ErrorCode.DatabaseKey);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  test("refuses Linux's basic_text backend (a constant password protects nothing)", () => {
    const safe = fakeSafeStorage({ backend: 'basic_text' });
    expect(codeOf(() => loadOrCreateSafeStorageKey(keyFile, dbFile, safe, 'linux'))).toBe(ErrorCode.DatabaseKey);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(safe.calls).toEqual([]);
    // The backend question is Linux-only; elsewhere the OS store is always real.
    expect(loadOrCreateSafeStorageKey(keyFile, dbFile, safe, 'darwin')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a key file from another machine is refused and left untouched', () => {
    loadOrCreateSafeStorageKey(keyFile, dbFile, fakeSafeStorage(), 'linux');
    const before = fs.readFileSync(keyFile);
    expect(codeOf(() => loadOrCreateSafeStorageKey(keyFile, dbFile, fakeSafeStorage(), 'linux'))).toBe(ErrorCode.DatabaseKey);
    expect(fs.readFileSync(keyFile).equals(before)).toBe(true);
  });

  test('a damaged key file is refused', () => {
    const safe = fakeSafeStorage();
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, safe.encryptString('not-a-key'));
    expect(codeOf(() => loadOrCreateSafeStorageKey(keyFile, dbFile, safe, 'linux'))).toBe(ErrorCode.DatabaseKey);
  });

  test('never creates a new key for an existing database', () => {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    fs.writeFileSync(dbFile, 'existing database');
    expect(codeOf(() => loadOrCreateSafeStorageKey(keyFile, dbFile, fakeSafeStorage(), 'linux'))).toBe(ErrorCode.DatabaseKey);
    expect(fs.existsSync(keyFile)).toBe(false);
  });
});
