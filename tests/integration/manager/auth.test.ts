import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthService, SESSION_IDLE_MS } from '../../../electron/services/auth/authService.js';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { ErrorCode } from '../../../core/errors.js';
import { managerKiosk, MANAGER_PIN, setUpStore, STAFF_PIN, type ManagerKiosk } from './managerHarness.js';
import { personId, unlockAs } from './people.js';

let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});

const wrong = async () => k.rpc('auth:unlock', { userId: await personId(k, '王经理'), pin: '000001' });

describe('first-run setup', () => {
  it('has no default PIN: nothing unlocks before setup, and setup refuses weak or short PINs', async () => {
    expect(await k.rpc('auth:status', {})).toMatchObject({ isSetUp: false, session: null });
    await expect(k.rpc('auth:unlock', { userId: 'nobody', pin: '000000' })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(k.rpc('auth:setup', { storeName: 'S', storeId: 'S1', managerName: 'M', pin: '12345' })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    await expect(k.rpc('auth:setup', { storeName: 'S', storeId: 'S1', managerName: 'M', pin: '123456' })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    await expect(k.rpc('auth:setup', { storeName: 'S', storeId: 'S1', managerName: 'M', pin: '888888' })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    const s = await k.rpc('auth:setup', { storeName: '测试门店', storeId: 'SH-001', managerName: '王经理', pin: MANAGER_PIN });
    expect(s).toMatchObject({ isSetUp: true, storeName: '测试门店', storeId: 'SH-001', session: { role: 'manager', userName: '王经理' } });
    // kiosk:status (the applicant side) now sees the store name too
    expect(await k.rpc('kiosk:status', {})).toMatchObject({ storeName: '测试门店', isSetUp: true });
    await expect(k.rpc('auth:setup', { storeName: 'X', storeId: 'X', managerName: 'X', pin: '975310' })).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });

  it('stores only a salted scrypt hash; no output carries it', async () => {
    await setUpStore(k);
    const rows = k.db.prepare('SELECT pin_hash FROM staff_users').all() as { pin_hash: string }[];
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.pin_hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(r.pin_hash).not.toContain(MANAGER_PIN);
    }
    expect(rows[0]!.pin_hash.split('$')[4]).not.toBe(rows[1]!.pin_hash.split('$')[4]);
    const outputs = JSON.stringify([await k.rpc('auth:status', {}), await k.rpc('auth:users', {})]);
    expect(outputs).not.toMatch(/scrypt|pin_hash|pinHash/);
  });
});

describe('PIN lockout', () => {
  it('locks after 5 wrong PINs with growing delays, refuses even the right PIN meanwhile, and survives a restart', async () => {
    await setUpStore(k);
    await k.rpc('auth:lock', {});
    for (let i = 1; i <= 4; i++) await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.LockedOut, message: expect.stringContaining('30 s') });
    const st = await k.rpc('auth:status', {});
    expect(st.failures).toBe(5);
    expect(Date.parse(st.lockedUntil!) - k.clock.now().getTime()).toBe(30_000);
    // The correct PIN does not get through a lockout.
    k.clock.advance(29_000);
    await expect(unlockAs(k, '王经理', MANAGER_PIN)).rejects.toMatchObject({ code: ErrorCode.LockedOut });
    k.clock.advance(1_001);
    await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.LockedOut, message: expect.stringContaining('60 s') });
    k.clock.advance(60_001);
    await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.LockedOut, message: expect.stringContaining('120 s') });

    // A restart (new service on the same database file) keeps the lockout.
    const restarted = createAuthService(k.db, { clock: k.clock.now, cost: { logN: 10, r: 8, p: 1 } });
    const managerId = await personId(k, '王经理');
    expect(() => restarted.unlock(managerId, MANAGER_PIN)).toThrow(/Try again in 120 s/);
    k.clock.advance(120_001);
    expect(restarted.unlock(managerId, MANAGER_PIN).session).toMatchObject({ role: 'manager' });
    expect(restarted.status()).toMatchObject({ failures: 0, lockedUntil: null });
    // Wrong tries are audited without the PIN.
    const audit = k.db.prepare(`SELECT detail_json FROM audit_log WHERE action = 'pin.failed'`).all() as { detail_json: string }[];
    expect(audit).toHaveLength(7);
    expect(JSON.stringify(audit)).not.toContain('000001');
    expect(verifyAudit(k.db).ok).toBe(true);
  });

  it('forgets old failures after a quiet day', async () => {
    await setUpStore(k);
    for (let i = 0; i < 4; i++) await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    k.clock.advance(25 * 3_600_000);
    await expect(wrong()).rejects.toMatchObject({ code: ErrorCode.Unauthorized, message: expect.stringContaining('4 tries left') });
  });
});

describe('sessions', () => {
  it('auto-locks after inactivity; any console call keeps it alive', async () => {
    await setUpStore(k);
    expect(k.ctx.callContext()).toMatchObject({ role: 'manager', userName: '王经理' });
    k.clock.advance(SESSION_IDLE_MS - 1000);
    await k.rpc('manager:dashboard', {});
    k.clock.advance(SESSION_IDLE_MS - 1000);
    expect(k.ctx.callContext().role).toBe('manager');
    k.clock.advance(2000);
    expect(k.ctx.callContext()).toEqual({ role: 'public', sessionId: null, userName: null });
    await expect(k.rpc('manager:dashboard', {})).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    expect(k.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'session.locked' AND detail_json LIKE '%idle%'`).get()).toEqual({ n: 1 });
  });

  it('staff PIN opens a staff session; lock returns to public', async () => {
    await setUpStore(k);
    await k.rpc('auth:lock', {});
    expect((await unlockAs(k, '小李', STAFF_PIN)).session).toMatchObject({ role: 'staff', userName: '小李' });
    expect((await k.rpc('auth:lock', {})).session).toBeNull();
    expect(k.ctx.callContext().role).toBe('public');
  });
});
