/**
 * When and how the store gets back to applicants (issue 14, item 8), and what this kiosk can
 * truthfully offer. The finish screen shows only what is true here: SMS is offered (and
 * promised) only when the kiosk is enrolled with head office and head office's signed store
 * setting says it sends this store's results by SMS; otherwise the applicant is told to look
 * the result up at this kiosk (always possible) or that the store will call.
 */
import type { HearBack } from '../../shared/contract/notify.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AppContext } from '../app/appContext.js';
import { getSetting, setSetting } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { resultSetting } from '../sync/downlink.js';
import { getIdentity } from '../sync/state.js';

export { DEFAULT_HEAR_BACK } from '../app/settings.js';

export type NotifyAbility = { canSms: boolean; resultUrl: string | null };

export function notifyAbility(ctx: Pick<AppContext, 'db' | 'config'>): NotifyAbility {
  const s = resultSetting(ctx.config.dataDir);
  const isEnrolled = getIdentity(ctx.db) !== null;
  return { canSms: isEnrolled && s.sms, resultUrl: isEnrolled ? s.resultUrl : null };
}

/** The stored setting as the manager chose it. */
export function getHearBack(db: Db): HearBack {
  return getSetting(db, 'store.hearBack');
}

/**
 * What the finish screen may promise: the manager's choice, except that SMS becomes "look it up
 * here" when head office no longer sends SMS for this store (the setting can change after the
 * manager chose SMS; the promise must stay true).
 */
export function effectiveHearBack(db: Db, ability: NotifyAbility): HearBack {
  const s = getHearBack(db);
  return s.channel === 'sms' && !ability.canSms ? { ...s, channel: 'kiosk' } : s;
}

export function setHearBack(db: Db, ability: NotifyAbility, actor: string, s: HearBack): HearBack {
  if (s.channel === 'sms' && !ability.canSms) {
    throw new KioskError(ErrorCode.SmsUnavailable, 'Head office does not send results by SMS for this store, so the kiosk cannot promise an SMS. Choose a phone call or look-up at the kiosk.', {
      reason: 'hearBack.noSms',
    });
  }
  db.transaction(() => {
    setSetting(db, 'store.hearBack', s);
    appendAudit(db, { actor, action: 'hearback.changed', subject: null, detail: s });
  })();
  return s;
}
