import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig, type KioskConfig } from '../../../electron/services/app/config.js';
import { createKioskApp } from '../../../electron/services/app/createKioskApp.js';
import { integrityOf } from '../../../electron/services/db/openDatabase.js';
import { ErrorCode } from '../../../core/errors.js';
import { FOUNDATION_PACKS, ROOT } from '../helpers/tempKiosk.js';

/**
 * PRAGMA quick_check runs at start-up. A kiosk whose file is damaged where start-up does not
 * look still starts — so the manager can see it and the saved data can be copied off — but its
 * console says so and it refuses new interviews with DATABASE_CORRUPT.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function config(): KioskConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-qc-'));
  dirs.push(dataDir);
  return resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: FOUNDATION_PACKS });
}

/** A used kiosk with one bulky table at the end of the file, then one of its pages damaged on disk. */
async function kioskWithDamagedPage(cfg: KioskConfig) {
  const app = createKioskApp(cfg);
  await app.registry.dispatch('auth:setup', { storeName: '店', storeId: 'S1', managerName: '王经理', pin: '246810' }, app.callContext());
  app.db.exec('CREATE TABLE zz_filler (x BLOB)');
  const put = app.db.prepare('INSERT INTO zz_filler VALUES (?)');
  app.db.transaction(() => {
    for (let i = 0; i < 200; i++) put.run(crypto.randomBytes(1000));
  })();
  await app.close();
  const size = fs.statSync(cfg.dbFile).size;
  const page = 4096;
  const victim = Math.floor(size / page) - 2; // a filler page near the end, never read at start-up
  const fd = fs.openSync(cfg.dbFile, 'r+');
  fs.writeSync(fd, crypto.randomBytes(64), 0, 64, victim * page + 1000);
  fs.closeSync(fd);
}

describe('integrity check at start-up', () => {
  it('a healthy kiosk reports ok', async () => {
    const cfg = config();
    createKioskApp(cfg).close();
    const app = createKioskApp(cfg);
    expect(integrityOf(app.db)).toMatchObject({ isOk: true, problems: [] });
    expect(await app.registry.dispatch('kiosk:status', {}, app.callContext())).toMatchObject({ ok: true, value: { storage: { isOk: true, problem: null } } });
    await app.close();
  });

  it('a damaged page: the kiosk starts, the manager is told, new interviews are refused with DATABASE_CORRUPT', async () => {
    const cfg = config();
    await kioskWithDamagedPage(cfg);
    const app = createKioskApp(cfg);
    try {
      expect(integrityOf(app.db).isOk).toBe(false);
      const status = await app.registry.dispatch('kiosk:status', {}, app.callContext());
      expect(status).toMatchObject({ ok: true, value: { storage: { isOk: false, problem: expect.any(String) } } });
      const start = await app.registry.dispatch(
        'interview:start',
        { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } },
        app.callContext(),
      );
      expect(start).toMatchObject({ ok: false, error: { code: ErrorCode.DatabaseCorrupt, message: expect.stringContaining('cannot take new interviews') } });
      expect(app.db.prepare('SELECT count(*) AS n FROM interviews').get()).toEqual({ n: 0 });
      // The manager can still get in to see the banner and arrange the rescue.
      const st = (await app.registry.dispatch('auth:status', {}, app.callContext())) as { ok: true; value: { people: { id: string }[] } };
      expect(await app.registry.dispatch('auth:unlock', { userId: st.value.people[0]!.id, pin: '246810' }, app.callContext())).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
    // The read-only report says the same.
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), 'db', 'info'], {
      cwd: ROOT,
      env: { ...process.env, KIOSK_DATA_DIR: cfg.dataDir, KIOSK_LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ integrity: { ok: false } });
  });

  it('the damage really is on disk (positive control for the check above)', async () => {
    const cfg = config();
    await kioskWithDamagedPage(cfg);
    const raw = new Database(cfg.dbFile, { readonly: true });
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${fs.readFileSync(cfg.keyFile, 'utf8').trim()}'"`);
    expect(() => raw.prepare('SELECT count(*) FROM zz_filler').get()).toThrow();
    raw.close();
  });
});
