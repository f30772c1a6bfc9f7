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

/** The SMS choice ticked (or unticked) on the finish screen of a real, finished interview. */
export function consentAtFinish(ctx: Pick<AppContext, 'db' | 'config'>, input: { interviewId: string; granted: boolean }, now: Date): { granted: boolean; at: string } {
  const row = ctx.db.prepare('SELECT finished_at FROM interviews WHERE id = ?').get(input.interviewId) as { finished_at: string | null } | undefined;
  if (!row?.finished_at) throw new KioskError(ErrorCode.NotFound, 'That interview is not finished on this kiosk.');
  if (now.getTime() - Date.parse(row.finished_at) > CONSENT_WINDOW_MS) {
    throw new KioskError(ErrorCode.Conflict, 'This choice can be changed now only at 查询结果 / Check my result, with the result code and mobile number.');
  }
  if (input.granted && !notifyAbility(ctx).canSms) throw new KioskError(ErrorCode.SmsUnavailable, 'Results are not sent by SMS for this store.');
  const r = recordNotifyConsent(ctx.db, 'applicant', { interviewId: input.interviewId, granted: input.granted, channel: 'sms' }, now);
  return { granted: input.granted, at: r.at };
}
