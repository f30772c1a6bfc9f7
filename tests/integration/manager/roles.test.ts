import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../electron/shared/contract/index.js';
import { contract } from '../../../electron/shared/contract/index.js';
import { ErrorCode } from '../../../core/errors.js';
import { tempKiosk } from '../helpers/tempKiosk.js';
import { finishInterview, MANAGER_PIN, STAFF_PIN } from './managerHarness.js';

/**
 * Roles through the real app (createKioskApp) and the real callContext the bridge uses:
 * whoever unlocked decides what the next dispatch may do, never the caller's input.
 */
let app: ReturnType<typeof tempKiosk>;
beforeEach(() => {
  app = tempKiosk();
});
afterEach(async () => {
  await app.cleanup();
});

const dispatch = (name: ChannelName, input: unknown) => app.registry.dispatch(name, input, app.callContext());
const ok = async (name: ChannelName, input: unknown) => {
  const r = await dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as never;
};

const unlockAs = async (name: string, pin: string) => {
  const st = (await ok('auth:status', {})) as { people: { id: string; name: string }[] };
  return ok('auth:unlock', { userId: st.people.find((p) => p.name === name)?.id, pin });
};

describe('roles', () => {
  it('the public cannot read the console; staff can view but not decide, delete or manage', async () => {
    const clock = { now: () => new Date() };
    const { interviewId } = await finishInterview({ ctx: app, clock }, { name: '陈一', mobile: '13900000001' });
    await ok('auth:setup', { storeName: '门店', storeId: 'S-1', managerName: '王经理', pin: MANAGER_PIN });
    await ok('auth:addUser', { name: '小李', role: 'staff', pin: STAFF_PIN });
    await ok('auth:lock', {});

    // Public (locked): every staff/manager channel is refused before its handler runs.
    for (const name of Object.keys(contract) as ChannelName[]) {
      if (contract[name].role === 'public') continue;
      const r = await dispatch(name, {});
      expect(r, name).toMatchObject({ ok: false, error: { code: ErrorCode.Unauthorized } });
    }

    // Staff: can look, cannot decide or delete.
    await unlockAs('小李', STAFF_PIN);
    expect(app.callContext()).toMatchObject({ role: 'staff', userName: '小李' });
    const dash = (await ok('manager:dashboard', {})) as { rows: { interviewId: string }[] };
    expect(dash.rows.map((r) => r.interviewId)).toContain(interviewId);
    await ok('manager:applicant', { interviewId });
    for (const [name, input] of [
      ['manager:decide', { interviewId, decision: 'pass', reason: null }],
      ['manager:deleteApplicant', { interviewId, reason: 'applicant_request' }],
      ['manager:saveShift', { day: 'sat', start: '09:00', end: '15:00', role: '分拣', packId: null, headcount: 1, note: null }],
      ['auth:addUser', { name: 'x', role: 'manager', pin: '135790' }],
      ['manager:runRetention', {}],
    ] as const) {
      expect(await dispatch(name, input), name).toMatchObject({ ok: false, error: { code: ErrorCode.Unauthorized } });
    }
    expect(app.db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
    expect(app.db.prepare('SELECT count(*) AS n FROM interviews').get()).toEqual({ n: 1 });

    // Manager: the same calls go through.
    await ok('auth:lock', {});
    await unlockAs('王经理', MANAGER_PIN);
    await ok('manager:decide', { interviewId, decision: 'pass', reason: null });
    expect(app.db.prepare(`SELECT decided_by FROM decisions`).get()).toEqual({ decided_by: '王经理' });
    await ok('manager:deleteApplicant', { interviewId, reason: 'applicant_request' });
    expect(app.db.prepare('SELECT count(*) AS n FROM interviews').get()).toEqual({ n: 0 });
  });
});
