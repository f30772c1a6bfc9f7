/**
 * Kiosk side against a real head office (SQLite): sealing caps and crash-safe resend, signed
 * downlink (apply, reject a bad signature and show it, rollback, version report), the
 * sync:status / sync:now channels, and the USB export/import round trip through both CLIs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { openDatabase } from '../../../electron/services/db/openDatabase.js';
import { loadPacks } from '../../../core/packs/loadPacks.js';
import { call, createRegistry } from '../../../electron/services/rpc/registry.js';
import { pendingBatches, sealBatches } from '../../../electron/services/sync/batches.js';
import { downlinkDirs, rollbackDownlink } from '../../../electron/services/sync/downlink.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { registerSyncHandlers } from '../../../electron/services/sync/registerSyncHandlers.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import type { AppContext } from '../../../electron/services/app/appContext.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { publishDownlink } from '../../../headoffice/publish.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, listenHo, outboxCounts, tempDir } from './harness.js';

const cashierPack = fs.readFileSync(path.join(APP_ROOT, 'resources/packs/cashier.json'));

describe('kiosk sync against a real head office', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  let hoFile: string;
  beforeAll(async () => {
    hoFile = path.join(tempDir('ho-'), 'ho.db');
    store = await openStore({ file: hoFile });
    ho = await listenHo(store);
  });
  afterAll(async () => {
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });

  it('seals size-capped batches and resends identical bytes after a crash', async () => {
    const dir = tempDir('kiosk-');
    const key = crypto.randomBytes(32).toString('hex');
    let db = openDatabase({ file: path.join(dir, 'k.db'), key });
    await enrollKiosk(db, ho.url, (await issueEnrollmentCode(store, 'S100')).code);
    for (let i = 0; i < 12; i++) completeInterview(db);
    const sealed = sealBatches(db, getIdentity(db)!, { maxBytes: 3000 });
    const before = pendingBatches(db);
    expect(sealed).toBe(before.length);
    expect(before.length).toBeGreaterThan(3);
    expect(before.every((b) => b.recordCount >= 1)).toBe(true);
    db.close(); // "crash" after sealing, before sending
    db = openDatabase({ file: path.join(dir, 'k.db'), key });
    const after = pendingBatches(db);
    expect(after.map((b) => [b.id, b.seq, b.body.toString('base64'), b.signature])).toEqual(before.map((b) => [b.id, b.seq, b.body.toString('base64'), b.signature]));
    const r = await syncNow(db, path.join(dir, 'data'), { maxAttempts: 1 });
    expect(r.ok).toBe(true);
    expect(outboxCounts(db)).toEqual({ total: 12, acked: 12 });
    // Once head office has them, the kiosk keeps no second copy of the records' personal data.
    const payloads = db.prepare('SELECT payload FROM outbox').all() as { payload: Buffer | null }[];
    expect(payloads).toHaveLength(12);
    expect(payloads.every((p) => p.payload === null)).toBe(true);
    db.close();
  });

  it('applies signed downlink atomically, rejects a forged one visibly, keeps and restores the previous version', async () => {
    const dir = tempDir('kiosk-');
    const db = openDatabase({ file: path.join(dir, 'k.db'), key: null });
    const dataDir = path.join(dir, 'data');
    await enrollKiosk(db, ho.url, (await issueEnrollmentCode(store, 'S200')).code);
    // sync: false — no background loop: this test drives rounds itself.
    const ctx = { db, config: { dataDir, sync: false }, registry: createRegistry(), disposers: [], packs: { reload: () => undefined } } as unknown as AppContext;
    registerSyncHandlers(ctx);
    const staff = { role: 'staff' as const, sessionId: 's', userName: null };
    const manager = { role: 'manager' as const, sessionId: 's', userName: 'm' };

    await publishDownlink(store, 'pack', 'cashier', cashierPack);
    await publishDownlink(store, 'opening', 'S200-openings', Buffer.from(JSON.stringify({ openings: [{ packId: 'cashier', headcount: 2 }] })));
    await publishDownlink(store, 'pack', 'other-store-only', cashierPack, ['S999']);
    await expect(call(ctx.registry, 'sync:now', {}, staff)).rejects.toThrow(/PIN/);
    const r1 = await call(ctx.registry, 'sync:now', {}, manager);
    expect(r1.applied.sort()).toEqual(['opening S200-openings v1', 'pack cashier v1']);
    const dirs = downlinkDirs(dataDir);
    expect(loadPacks(dirs.packsDir).packs.map((p) => p.pack.id)).toEqual(['cashier']);

    // v2 is published, then its signature is corrupted in head office's database (a forgery).
    const v2 = JSON.parse(cashierPack.toString()) as { version: string };
    v2.version = '9.9.9';
    await publishDownlink(store, 'pack', 'cashier', Buffer.from(JSON.stringify(v2)));
    await store.run(`UPDATE ho_downlink SET signature = ? WHERE name = 'cashier' AND version = 2`, [crypto.randomBytes(64).toString('base64')]);
    const r2 = await call(ctx.registry, 'sync:now', {}, manager);
    expect(r2.rejected).toEqual(['pack cashier v2']);
    const st = await call(ctx.registry, 'sync:status', {}, staff);
    expect(st.lastError).toMatch(/Update rejected: pack cashier v2 — signature is not from/);
    expect(st.versions.find((v) => v.name === 'cashier' && v.state === 'active')?.version).toBe(1);
    expect(loadPacks(dirs.packsDir).packs[0]!.pack.version).not.toBe('9.9.9');

    // A genuine v3 replaces v1; v1 is kept and can be restored.
    await publishDownlink(store, 'pack', 'cashier', Buffer.from(JSON.stringify(v2)));
    const r3 = await call(ctx.registry, 'sync:now', {}, manager);
    expect(r3.applied).toEqual(['pack cashier v3']);
    expect(loadPacks(dirs.packsDir).packs[0]!.pack.version).toBe('9.9.9');
    const reported = await store.get<{ versions_json: string }>('SELECT versions_json FROM ho_kiosks WHERE id = ?', [getIdentity(db)!.kioskId]);
    expect(JSON.parse(reported!.versions_json)).toContainEqual({ kind: 'pack', name: 'cashier', version: 3, state: 'active' });
    expect(rollbackDownlink(db, dataDir, 'pack', 'cashier')).toBe(1);
    expect(loadPacks(dirs.packsDir).packs[0]!.pack.version).toBe(JSON.parse(cashierPack.toString()).version);
    const st2 = await call(ctx.registry, 'sync:status', {}, staff);
    expect(st2.versions.filter((v) => v.name === 'cashier').map((v) => [v.version, v.state])).toEqual([
      [1, 'active'],
      [2, 'rejected'],
    ]);
    expect(fs.readdirSync(dirs.packsDir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const r4 = await call(ctx.registry, 'sync:now', {}, manager); // the rolled-back v3 is not re-applied
    expect(r4.applied).toEqual([]);
    expect(loadPacks(dirs.packsDir).packs[0]!.pack.version).toBe(JSON.parse(cashierPack.toString()).version);
    db.close();
  });

  it('exports signed batches to a folder with the kiosk CLI, sealed to head office and 0600; head office imports them; importing twice changes nothing; another key or a changed byte is refused', async () => {
    const kioskData = tempDir('kiosk-cli-');
    const env = { ...process.env, KIOSK_DATA_DIR: kioskData, KIOSK_LOG_LEVEL: 'warn', KIOSK_SYNC: 'off' };
    // Async: the head office under test runs in this process and must keep answering.
    const cli = async (bin: string, args: string[]) => (await promisify(execFile)(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: APP_ROOT, env, encoding: 'utf8' })).stdout;
    const { code } = await issueEnrollmentCode(store, 'S300');
    JSON.parse(await cli('electron/cli/kiosk.ts', ['sync', 'enroll', '--url', ho.url, '--code', code]));
    // Interviews happen while the store is offline.
    const { loadOrCreateKeyFile } = await import('../../../electron/services/db/keyFile.js');
    const db = openDatabase({ file: path.join(kioskData, 'kiosk.db'), key: loadOrCreateKeyFile(path.join(kioskData, 'kiosk.key')) });
    for (let i = 0; i < 9; i++) completeInterview(db, { packId: 'retail-sales', name: 'Usbname Secretperson' });
    db.close();
    const usb = tempDir('usb-');
    const exp = JSON.parse(await cli('electron/cli/kiosk.ts', ['sync', 'export', '--to', usb])) as { files: number; records: number };
    expect(exp.records).toBe(9);
    const batchFiles = fs.readdirSync(usb).filter((f) => f.startsWith('ikb-'));
    expect(batchFiles.length).toBe(exp.files);
    for (const bf of batchFiles) {
      const full = path.join(usb, bf);
      expect(fs.statSync(full).mode & 0o777).toBe(0o600);
      const text = fs.readFileSync(full, 'utf8');
      // Sealed: no name, no record body, no signature in the clear.
      expect(text).not.toMatch(/Usbname|Secretperson|bodyBase64|signature|interview\.completed/);
      expect(JSON.parse(text)).toMatchObject({ v: 2, box: { epk: expect.any(String), iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) } });
    }
    // Another head office (its own key) cannot open them: refused, nothing stored.
    const otherHo = path.join(tempDir('ho-other-'), 'ho.db');
    let otherOut = '';
    let otherErr = '';
    try {
      await cli('headoffice/cli.ts', ['import', usb, '--db', otherHo]);
    } catch (e) {
      otherOut = String((e as { stdout?: string }).stdout);
      otherErr = String((e as { stderr?: string }).stderr);
    }
    expect(JSON.parse(otherOut)).toMatchObject({ accepted: 0, batches: 0 });
    expect(otherErr).toMatch(/cannot be decrypted with this head office key/);
    const other = await openStore({ file: otherHo });
    expect((await other.get<{ n: number }>('SELECT count(*) AS n FROM ho_interviews'))!.n).toBe(0);
    expect((await other.get<{ n: number }>('SELECT count(*) AS n FROM ho_batches'))!.n).toBe(0);
    await other.close();
    await ho.close(); // the import CLI gets the database to itself, as at a real head office
    await store.close();
    const first = JSON.parse(await cli('headoffice/cli.ts', ['import', usb, '--db', hoFile])) as { accepted: number; duplicates: number; refused: unknown[] };
    const second = JSON.parse(await cli('headoffice/cli.ts', ['import', usb, '--db', hoFile])) as { accepted: number; duplicates: number; duplicateBatches: number };
    expect(first).toMatchObject({ accepted: 9, duplicates: 0, refused: [] });
    expect(second).toMatchObject({ accepted: 0, duplicates: 9, duplicateBatches: exp.files });
    store = await openStore({ file: hoFile });
    ho = await listenHo(store);
    expect((await store.get<{ n: number }>(`SELECT count(*) AS n FROM ho_interviews WHERE store_id = 'S300'`))!.n).toBe(9);
    // A tampered file is refused on import and changes nothing: one changed ciphertext byte,
    // and (in a fresh folder) a box moved under another file's header.
    const tampered = tempDir('usb-tampered-');
    const src = path.join(usb, batchFiles[0]!);
    const j = JSON.parse(fs.readFileSync(src, 'utf8')) as { seq: number; box: { ct: string } };
    const ct = Buffer.from(j.box.ct, 'base64');
    ct[Math.floor(ct.length / 2)]! ^= 0x01;
    fs.writeFileSync(path.join(tampered, batchFiles[0]!), JSON.stringify({ ...j, box: { ...j.box, ct: ct.toString('base64') } }));
    fs.writeFileSync(path.join(tampered, 'ikb-moved.json'), JSON.stringify({ ...JSON.parse(fs.readFileSync(src, 'utf8')), seq: j.seq + 1000 }));
    const before = await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_batches');
    await ho.close();
    await store.close();
    let failed = '';
    let failedErr = '';
    try {
      await cli('headoffice/cli.ts', ['import', tampered, '--db', hoFile]);
    } catch (e) {
      failed = String((e as { stdout?: string }).stdout);
      failedErr = String((e as { stderr?: string }).stderr);
    }
    expect(JSON.parse(failed)).toMatchObject({ files: 2, batches: 0, accepted: 0, duplicates: 0 });
    expect(JSON.parse(failed).refused).toHaveLength(2);
    expect(failedErr).toMatch(/or the file was altered/);
    store = await openStore({ file: hoFile });
    ho = await listenHo(store);
    expect(await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_batches')).toEqual(before);
  }, 120_000);
});
