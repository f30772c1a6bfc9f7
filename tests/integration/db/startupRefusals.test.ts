import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig, type KioskConfig } from '../../../electron/services/app/config.js';
import { createKioskApp } from '../../../electron/services/app/createKioskApp.js';
import { ErrorCode } from '../../../core/errors.js';
import { FOUNDATION_PACKS, ROOT } from '../helpers/tempKiosk.js';

/**
 * Start-up never silently starts over. The probe: a 0-byte kiosk.db opened as a brand-new kiosk
 * (and first-run set-up let anyone claim it); a missing kiosk.key beside an existing database was
 * replaced by a new key — even by the read-only `db info` — while the message said "Nothing was
 * changed". Each case below must stop with the recovery steps and leave the folder byte-identical.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function config(): KioskConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-start-'));
  dirs.push(dataDir);
  return resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: FOUNDATION_PACKS });
}

/** Every file in the folder with its mode and content hash: what "nothing changed" means. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const f = path.join(dir, name);
    const st = fs.statSync(f);
    out[name] = st.isFile() ? `${(st.mode & 0o777).toString(8)} ${crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')}` : 'dir';
  }
  return out;
}

/** A kiosk that has been used: set up, an interview's worth of rows, closed cleanly. */
async function usedKiosk(cfg: KioskConfig) {
  const app = createKioskApp(cfg);
  await app.registry.dispatch('auth:setup', { storeName: '店', storeId: 'S1', managerName: '王经理', pin: '246810' }, app.callContext());
  await app.close();
}

const kioskCli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });

function expectRefusedUnchanged(cfg: KioskConfig, code: string, words: RegExp) {
  const before = snapshot(cfg.dataDir);
  let err: unknown;
  try {
    createKioskApp(cfg);
  } catch (e) {
    err = e;
  }
  expect(err).toMatchObject({ code, message: expect.stringMatching(words) });
  expect((err as Error).message).toMatch(/Nothing was changed/);
  expect((err as Error).message).toMatch(/To recover: 1\)/);
  expect(snapshot(cfg.dataDir)).toEqual(before);
}

describe('start-up refuses instead of starting over', () => {
  it('a genuinely new folder becomes a new kiosk: exactly kiosk.db and a 0600 kiosk.key, nothing half-made', async () => {
    const cfg = config();
    const app = createKioskApp(cfg);
    expect((await app.registry.dispatch('auth:status', {}, app.callContext())) as unknown).toMatchObject({ ok: true, value: { isSetUp: false } });
    await app.close();
    expect(Object.keys(snapshot(cfg.dataDir)).filter((f) => !f.startsWith('downlink'))).toEqual(['kiosk.db', 'kiosk.key']);
    expect(fs.statSync(cfg.keyFile).mode & 0o777).toBe(0o600);
    // … and opens again as the same kiosk.
    createKioskApp(cfg).close();
  });

  it('an empty (0-byte) kiosk.db stops start-up, with or without its key', async () => {
    const cfg = config();
    fs.writeFileSync(cfg.dbFile, '');
    expectRefusedUnchanged(cfg, ErrorCode.DatabaseCorrupt, /empty \(0 bytes\)/);
    const used = config();
    await usedKiosk(used);
    fs.truncateSync(used.dbFile, 0);
    expectRefusedUnchanged(used, ErrorCode.DatabaseCorrupt, /empty \(0 bytes\)/);
  });

  it('a database whose key file is missing stops start-up; no new key is made', async () => {
    const cfg = config();
    await usedKiosk(cfg);
    fs.rmSync(cfg.keyFile);
    expectRefusedUnchanged(cfg, ErrorCode.DatabaseKey, /key file .* is missing/);
    expect(fs.existsSync(cfg.keyFile)).toBe(false);
  });

  it('a key without its database (moved, deleted) stops start-up instead of opening a claimable new kiosk', async () => {
    const cfg = config();
    await usedKiosk(cfg);
    fs.rmSync(cfg.dbFile);
    expectRefusedUnchanged(cfg, ErrorCode.DatabaseMissing, /database .* is missing/);
    // A WAL left behind without its database is data too.
    const wal = config();
    fs.writeFileSync(`${wal.dbFile}-wal`, crypto.randomBytes(4096));
    expectRefusedUnchanged(wal, ErrorCode.DatabaseMissing, /kiosk\.db-wal still holds data/);
  });

  it('a damaged file (garbage where the database was) stops start-up and is left as it is', async () => {
    const cfg = config();
    await usedKiosk(cfg);
    const fd = fs.openSync(cfg.dbFile, 'r+');
    fs.writeSync(fd, crypto.randomBytes(4096), 0, 4096, 0); // page 1 gone
    fs.closeSync(fd);
    const before = snapshot(cfg.dataDir);
    expect(() => createKioskApp(cfg)).toThrow(expect.objectContaining({ code: ErrorCode.DatabaseKey, message: expect.stringContaining('Nothing was changed') }));
    expect(snapshot(cfg.dataDir)).toEqual(before);
  });
});

describe('kiosk db info is read-only', () => {
  it('on a healthy kiosk it reports, including the integrity check, and the folder is byte-identical afterwards', async () => {
    const cfg = config();
    await usedKiosk(cfg);
    const before = snapshot(cfg.dataDir);
    const r = kioskCli(cfg.dataDir, 'db', 'info');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encrypted: true, integrity: { ok: true, problems: [] } });
    expect(snapshot(cfg.dataDir)).toEqual(before);
  });

  it('with the key missing it says so and never creates one', async () => {
    const cfg = config();
    await usedKiosk(cfg);
    fs.rmSync(cfg.keyFile);
    const before = snapshot(cfg.dataDir);
    const r = kioskCli(cfg.dataDir, 'db', 'info');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/key file .* is missing/);
    expect(snapshot(cfg.dataDir)).toEqual(before);
    expect(fs.existsSync(cfg.keyFile)).toBe(false);
  });

  it('on an empty database file it says so and changes nothing', () => {
    const cfg = config();
    fs.writeFileSync(cfg.dbFile, '');
    const before = snapshot(cfg.dataDir);
    const r = kioskCli(cfg.dataDir, 'db', 'info');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty \(0 bytes\)/);
    expect(snapshot(cfg.dataDir)).toEqual(before);
  });
});
