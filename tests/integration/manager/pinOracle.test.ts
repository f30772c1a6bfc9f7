import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHOOSE_ANOTHER_PIN } from '../../../electron/services/auth/authService.js';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { ErrorCode } from '../../../core/errors.js';
import { managerKiosk, MANAGER_PIN, setUpStore, STAFF_PIN, type ManagerKiosk } from './managerHarness.js';
import { personId, unlockAs } from './people.js';

/**
 * The probe found the manager's PIN in 25 tries: auth:changePin (open to staff) answered
 * CONFLICT "another staff member already uses that PIN". Now people are picked by name before
 * their PIN, so PINs need not be unique and no answer depends on anyone else's PIN; the current
 * PIN of a change counts against the same lockout as the pad.
 */
let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k); // 王经理 (manager, MANAGER_PIN) and 小李 (staff, STAFF_PIN)
  await k.rpc('auth:lock', {});
});
afterEach(async () => {
  await k.close();
});

// The manager's PIN last, so that afterwards the staff member holds the very same PIN.
const CANDIDATES = ['135792', '864209', '579135', '802468', MANAGER_PIN];

describe('no PIN oracle', () => {
  it("a staff member's PIN change answers the same whether or not the new PIN is someone else's", async () => {
    await unlockAs(k, '小李', STAFF_PIN);
    let current = STAFF_PIN;
    const answers: unknown[] = [];
    for (const pin of CANDIDATES) {
      answers.push(
        await k.rpc('auth:changePin', { currentPin: current, newPin: pin }).then(
          (v) => v,
          (e: { code: string }) => e.code,
        ),
      );
      current = pin;
    }
    // Before: the manager's PIN alone came back as CONFLICT. Now every answer is the same.
    expect(answers).toEqual(CANDIDATES.map(() => ({ changed: true })));
    // Two people may now share a PIN; the name picked on the pad decides who unlocks.
    await k.rpc('auth:lock', {});
    expect((await unlockAs(k, '小李', MANAGER_PIN)).session).toMatchObject({ role: 'staff', userName: '小李' });
    await k.rpc('auth:lock', {});
    expect((await unlockAs(k, '王经理', MANAGER_PIN)).session).toMatchObject({ role: 'manager', userName: '王经理' });
  });

  it('adding a person never reveals an existing PIN either; names, which the pad shows anyway, must differ', async () => {
    await unlockAs(k, '王经理', MANAGER_PIN);
    await expect(k.rpc('auth:addUser', { name: '小张', role: 'staff', pin: STAFF_PIN })).resolves.toMatchObject({ id: expect.any(String) });
    await expect(k.rpc('auth:addUser', { name: '副店长', role: 'manager', pin: MANAGER_PIN })).resolves.toMatchObject({ id: expect.any(String) });
    await expect(k.rpc('auth:addUser', { name: ' 小李 ', role: 'staff', pin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('name') });
    const people = (await k.rpc('auth:status', {})).people;
    expect(people.map((p) => p.name)).toEqual(['王经理', '小李', '小张', '副店长']);
    // The public pad list carries names only: no role, no hash.
    expect(JSON.stringify(people)).not.toMatch(/manager|staff|scrypt/);
  });

  it('a refused new PIN gets one generic answer: too easy and "same as now" alike', async () => {
    await unlockAs(k, '小李', STAFF_PIN);
    for (const pin of ['111111', '123456', '987654', STAFF_PIN]) {
      await expect(k.rpc('auth:changePin', { currentPin: STAFF_PIN, newPin: pin })).rejects.toMatchObject({ code: ErrorCode.InvalidInput, message: CHOOSE_ANOTHER_PIN });
    }
  });
});

describe('changing a PIN is throttled like unlocking', () => {
  it('needs the current PIN; wrong current PINs pause the pad exactly like wrong unlocks', async () => {
    await unlockAs(k, '小李', STAFF_PIN);
    for (let i = 1; i <= 4; i++) {
      await expect(k.rpc('auth:changePin', { currentPin: '000001', newPin: '314159' })).rejects.toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining(`${5 - i} tries left`),
      });
    }
    await expect(k.rpc('auth:changePin', { currentPin: '000001', newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.LockedOut, message: expect.stringContaining('30 s') });
    // The pause holds for the right current PIN, and for the pad itself.
    await expect(k.rpc('auth:changePin', { currentPin: STAFF_PIN, newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.LockedOut });
    await k.rpc('auth:lock', {});
    await expect(unlockAs(k, '王经理', MANAGER_PIN)).rejects.toMatchObject({ code: ErrorCode.LockedOut });
    expect((await k.rpc('auth:status', {})).failures).toBe(5);
    k.clock.advance(30_001);
    await unlockAs(k, '小李', STAFF_PIN);
    expect(await k.rpc('auth:changePin', { currentPin: STAFF_PIN, newPin: '314159' })).toEqual({ changed: true });
    const failed = k.db.prepare(`SELECT detail_json FROM audit_log WHERE action = 'pin.failed'`).all() as { detail_json: string }[];
    expect(failed).toHaveLength(5);
    expect(JSON.stringify(failed)).not.toContain('000001');
    expect(verifyAudit(k.db).ok).toBe(true);
  });

  it('wrong PINs at the pad and in a PIN change add up on one count', async () => {
    await unlockAs(k, '小李', STAFF_PIN);
    await expect(k.rpc('auth:changePin', { currentPin: '000001', newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(k.rpc('auth:changePin', { currentPin: '000002', newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await k.rpc('auth:lock', {});
    const staffId = await personId(k, '小李');
    await expect(k.rpc('auth:unlock', { userId: staffId, pin: '000003' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(k.rpc('auth:unlock', { userId: staffId, pin: '000004' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized, message: expect.stringContaining('1 tries left') });
    await expect(k.rpc('auth:unlock', { userId: staffId, pin: '000005' })).rejects.toMatchObject({ code: ErrorCode.LockedOut });
  });

  it("unlocking as yourself does not buy more guesses at the manager's PIN", async () => {
    const managerId = await personId(k, '王经理');
    const guess = (pin: string) => k.rpc('auth:unlock', { userId: managerId, pin });
    for (const pin of ['100001', '100002', '100003', '100004']) await expect(guess(pin)).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    // The staff member's own correct PIN clears the pad's typo count …
    await unlockAs(k, '小李', STAFF_PIN);
    await k.rpc('auth:lock', {});
    expect((await k.rpc('auth:status', {})).failures).toBe(0);
    // … but not the count against the manager: the next guess pauses the manager's PIN.
    await expect(guess('100005')).rejects.toMatchObject({ code: ErrorCode.LockedOut, message: expect.stringContaining('30 s') });
    await expect(guess(MANAGER_PIN)).rejects.toMatchObject({ code: ErrorCode.LockedOut });
    const st = await k.rpc('auth:status', {});
    expect(st.people.find((p) => p.id === managerId)?.lockedUntil).not.toBeNull();
    // Everyone else can still use the pad.
    expect((await unlockAs(k, '小李', STAFF_PIN)).session).toMatchObject({ role: 'staff' });
    await k.rpc('auth:lock', {});
    k.clock.advance(30_001);
    expect((await guess(MANAGER_PIN)).session).toMatchObject({ role: 'manager' });
    expect((await k.rpc('auth:status', {})).people.every((p) => p.lockedUntil === null)).toBe(true);
  });

  it('an unknown person id counts as a wrong PIN and says nothing more', async () => {
    await expect(k.rpc('auth:unlock', { userId: 'not-a-user', pin: MANAGER_PIN })).rejects.toMatchObject({ code: ErrorCode.Unauthorized, message: expect.stringContaining('Wrong PIN') });
    expect((await k.rpc('auth:status', {})).failures).toBe(1);
  });
});

describe('who manages whose PIN', () => {
  it('a manager sets a staff PIN; staff cannot; no one resets another manager this way', async () => {
    const staffId = await personId(k, '小李');
    const managerId = await personId(k, '王经理');
    await unlockAs(k, '小李', STAFF_PIN);
    await expect(k.rpc('auth:setStaffPin', { userId: staffId, newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(k.rpc('auth:setStaffPin', { userId: managerId, newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    // Staff change only their own: there is no way to name someone else in a PIN change.
    const r = await k.ctx.registry.dispatch('auth:changePin', { currentPin: STAFF_PIN, newPin: '314159', userId: managerId }, k.ctx.callContext());
    expect(r).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidInput } });
    await k.rpc('auth:lock', {});

    await unlockAs(k, '王经理', MANAGER_PIN);
    await k.rpc('auth:addUser', { name: '副店长', role: 'manager', pin: '535353' });
    const deputyId = await personId(k, '副店长');
    expect(await k.rpc('auth:setStaffPin', { userId: staffId, newPin: '314159' })).toEqual({ changed: true });
    await expect(k.rpc('auth:setStaffPin', { userId: deputyId, newPin: '314159' })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(k.rpc('auth:setStaffPin', { userId: staffId, newPin: '222222' })).rejects.toMatchObject({ code: ErrorCode.InvalidInput, message: CHOOSE_ANOTHER_PIN });
    expect(k.db.prepare(`SELECT actor, subject FROM audit_log WHERE action = 'pin.reset'`).all()).toEqual([{ actor: '王经理', subject: staffId }]);
    await k.rpc('auth:lock', {});
    await expect(unlockAs(k, '小李', STAFF_PIN)).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    expect((await unlockAs(k, '小李', '314159')).session).toMatchObject({ role: 'staff' });
  });
});

describe('first-run set-up', () => {
  it('cannot claim a kiosk whose staff list went missing', async () => {
    k.db.prepare('DELETE FROM staff_users').run();
    expect((await k.rpc('auth:status', {})).isSetUp).toBe(false);
    await expect(k.rpc('auth:setup', { storeName: 'X', storeId: 'X1', managerName: 'Mallory', pin: '314159' })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('set up before'),
    });
    expect(k.db.prepare('SELECT count(*) AS n FROM staff_users').get()).toEqual({ n: 0 });
  });
});
