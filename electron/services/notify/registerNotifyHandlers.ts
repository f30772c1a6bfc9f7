import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AppContext } from '../app/appContext.js';
import { notifyAbility } from './hearBack.js';
import { recordNotifyConsent } from './notifyConsent.js';

/**
 * The finish screen's consent is taken only while that screen can still be up (it returns to
 * the start after 30 s, 90 s with "more time"): after that, someone else may be at the kiosk,
 * so changing the choice goes through the look-up screen (code + mobile) instead.
 */
export const CONSENT_WINDOW_MS = 5 * 60_000;

export function registerNotifyHandlers(ctx: AppContext, clock: () => Date = () => new Date()) {
  ctx.registry.register('notify:consent', (i) => {
    const row = ctx.db.prepare('SELECT finished_at FROM interviews WHERE id = ?').get(i.interviewId) as { finished_at: string | null } | undefined;
    const now = clock();
    if (!row?.finished_at) throw new KioskError(ErrorCode.NotFound, 'That interview is not finished on this kiosk.');
    if (now.getTime() - Date.parse(row.finished_at) > CONSENT_WINDOW_MS) {
      throw new KioskError(ErrorCode.Conflict, 'This choice can be changed now only at 查询结果 / Check my result, with the result code and mobile number.');
    }
    if (i.granted && !notifyAbility(ctx).canSms) throw new KioskError(ErrorCode.SmsUnavailable, 'Results are not sent by SMS for this store.');
    const r = recordNotifyConsent(ctx.db, 'applicant', { interviewId: i.interviewId, granted: i.granted, channel: 'sms' }, now);
    return { granted: i.granted, at: r.at };
  });
}
