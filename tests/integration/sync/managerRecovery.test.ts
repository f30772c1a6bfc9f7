/**
 * Issue 13: a manager locked out of the console recovers with a one-time code head office signs
 * for that kiosk (`headoffice kiosk recovery-code`, `kiosk auth recover`). Checked offline
 * against the pinned head-office key: another kiosk's code, a forged or altered one, an expired
 * one and a second use are refused and change nothing.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { createAuthService } from '../../../electron/services/auth/authService.js';
import { makeRecoveryCode } from '../../../core/auth/recoveryCode.js';
import { loadOrCreateKeyFile } from '../../../electron/services/db/keyFile.js';
import { openDatabase } from '../../../electron/services/db/openDatabase.js';
import { generateSigningKeyPair } from '../../../core/sync/protocol.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode, issueRecoveryCode, revokeKiosk } from '../../../headoffice/admin.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, listenHo, tempDir } from './harness.js';

const cost = { logN: 10, r: 8, p: 1 };
const PIN = '246810';
const NEW_PIN = '518273';

describe('manager lock-out recovery with a head-office code', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  beforeAll(async () => {
    store = await openStore({ file: path.join(tempDir('ho-'), 'ho.db') });
    ho = await listenHo(store);
  });
  afterAll(async () => {
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });

  async function lockedOutKiosk(now: () => Date) {
    const dataDir = tempDir('kiosk-rec-');
    const db = openDatabase({ file: path.join(dataDir, 'kiosk.db'), key: loadOrCreateKeyFile(path.join(dataDir, 'kiosk.key')) });
    await enrollKiosk(db, ho.url, (await issueEnrollmentCode(store, 'S800')).code);
    const auth = createAuthService(db, { cost, clock: now });
    auth.setup({ storeName: 'S', storeId: 'S800', managerName: '王经理', pin: PIN });
    auth.lock();
    const managerId = auth.users()[0]!.id;
    for (let i = 0; i < 5; i++) expect(() => auth.unlock(managerId, '135792')).toThrow();
    expect(() => auth.unlock(managerId, PIN)).toThrow(/Too many wrong PINs/);
    return { dataDir, db, auth, managerId, kioskId: getIdentity(db)!.kioskId };
  }

  it('a code for this kiosk sets a new PIN once and lifts the pause; refusals change nothing', async () => {
    let t = new Date();
    const k = await lockedOutKiosk(() => t);
    const hashOf = () => (k.db.prepare('SELECT pin_hash FROM staff_users WHERE id = ?').get(k.managerId) as { pin_hash: string }).pin_hash;
    const before = hashOf();
    const other = await lockedOutKiosk(() => t);
    const foreign = (await issueRecoveryCode(store, other.kioskId))!.code;
    expect(() => k.auth.recoverManager(foreign, '王经理', NEW_PIN)).toThrow(/another kiosk/);
    // Signed by someone else's key (a forged head office), and one changed character.
    const forged = makeRecoveryCode(generateSigningKeyPair().privateKeyPem, k.kioskId, new Date(Date.now() + 3_600_000)).code;
    expect(() => k.auth.recoverManager(forged, '王经理', NEW_PIN)).toThrow(/not a recovery code from this kiosk’s head office/);
    const good = (await issueRecoveryCode(store, k.kioskId, 2))!;
    const altered = good.code.slice(0, 10) + (good.code[10] === 'A' ? 'B' : 'A') + good.code.slice(11);
    expect(() => k.auth.recoverManager(altered, '王经理', NEW_PIN)).toThrow(/not a recovery code/);
    expect(() => k.auth.recoverManager(good.code, '小李', NEW_PIN)).toThrow(/No manager/);
    expect(() => k.auth.recoverManager(good.code, '王经理', '111111')).toThrow(/Choose a different PIN/);
    t = new Date(Date.now() + 3 * 3_600_000);
    expect(() => k.auth.recoverManager(good.code, '王经理', NEW_PIN)).toThrow(/expired/);
    t = new Date();
    expect(hashOf()).toBe(before);
    expect(() => k.auth.unlock(k.managerId, PIN)).toThrow(/Too many wrong PINs/); // still paused

    expect(k.auth.recoverManager(good.code, '王经理', NEW_PIN)).toMatchObject({ userId: k.managerId });
    expect(k.auth.unlock(k.managerId, NEW_PIN)).toMatchObject({ session: expect.anything() });
    k.auth.lock();
    const after = hashOf();
    expect(() => k.auth.recoverManager(good.code, '王经理', '592037')).toThrow(/already been used/);
    expect(hashOf()).toBe(after);
    expect((k.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'pin.recovered'`).get() as { n: number }).n).toBe(1);
    expect(await store.get<{ n: number }>(`SELECT count(*) AS n FROM ho_events WHERE kind = 'recovery-code-issued' AND kiosk_id = ?`, [k.kioskId])).toEqual({ n: 1 });
    // A revoked kiosk gets no code.
    await revokeKiosk(store, other.kioskId);
    expect(await issueRecoveryCode(store, other.kioskId)).toBeNull();
    k.db.close();
    other.db.close();
  }, 60_000);

  it('through the kiosk CLI: code and PIN on stdin, never argv', async () => {
    const k = await lockedOutKiosk(() => new Date());
    k.db.close();
    const { code } = (await issueRecoveryCode(store, k.kioskId))!;
    const run = (input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'electron/cli/kiosk.ts'), 'auth', 'recover', '--manager', '王经理'], {
        cwd: APP_ROOT,
        env: { ...process.env, KIOSK_DATA_DIR: k.dataDir, KIOSK_LOG_LEVEL: 'error', KIOSK_SYNC: 'off' },
        input,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = run(`${code}\n${NEW_PIN}\n`);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, manager: '王经理' });
    const again = run(`${code}\n592037\n`);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already been used.*Nothing was changed/);
    const db = openDatabase({ file: path.join(k.dataDir, 'kiosk.db'), key: loadOrCreateKeyFile(path.join(k.dataDir, 'kiosk.key')) });
    const auth = createAuthService(db, { cost });
    expect(auth.unlock(k.managerId, NEW_PIN)).toMatchObject({ session: expect.anything() });
    db.close();
  }, 60_000);
});
