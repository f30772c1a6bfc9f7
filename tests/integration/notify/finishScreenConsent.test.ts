import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { CONSENT_WINDOW_MS, consentAtFinish } from '../../../electron/services/notify/finishScreenConsent.js';
import { registerNotifyHandlers } from '../../../electron/services/notify/registerNotifyHandlers.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { finishInterview, managerKiosk, type ManagerKiosk } from '../manager/managerHarness.js';

/** The finish screen's SMS choice (notify/finishScreenConsent.ts), measured by the kiosk's clock. */
let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});
const PUB = { role: 'public' as const, sessionId: null, userName: null };

describe('consent on the finish screen', () => {
  it('is taken while the finish screen can still be up, stamped with the clock; after that only at the look-up screen', async () => {
    const { interviewId } = await finishInterview(k, { name: '郑一', mobile: '13312345678' });
    const finishedAt = (k.db.prepare('SELECT finished_at FROM interviews WHERE id = ?').get(interviewId) as { finished_at: string }).finished_at;
    expect(finishedAt).toBe(k.clock.now().toISOString());
    const at = new Date(Date.parse(finishedAt) + CONSENT_WINDOW_MS);
    expect(consentAtFinish(k.ctx, { interviewId, granted: false }, at)).toEqual({ granted: false, at: at.toISOString() });
    expect(() => consentAtFinish(k.ctx, { interviewId, granted: false }, new Date(at.getTime() + 1))).toThrow(
      expect.objectContaining({ code: ErrorCode.Conflict, message: expect.stringContaining('查询结果') }),
    );
  });

  it('refuses an interview not finished here, and SMS where head office sends none', async () => {
    const now = k.clock.now();
    expect(() => consentAtFinish(k.ctx, { interviewId: 'nope', granted: false }, now)).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
    const { interviewId } = await finishInterview(k, { name: '王二', mobile: '13312340000' });
    expect(() => consentAtFinish(k.ctx, { interviewId, granted: true }, k.clock.now())).toThrow(expect.objectContaining({ code: ErrorCode.SmsUnavailable }));
  });

  it('the handler uses the app’s clock', async () => {
    registerNotifyHandlers(k.ctx);
    const { interviewId } = await finishInterview(k, { name: '陈三', mobile: '13312341111' });
    k.clock.advance(CONSENT_WINDOW_MS + 1);
    await expect(call(k.ctx.registry, 'notify:consent', { interviewId, granted: false }, PUB)).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });
});
