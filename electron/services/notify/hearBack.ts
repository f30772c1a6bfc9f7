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
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { resultSetting } from '../sync/downlink.js';
import { getIdentity } from '../sync/state.js';

/** Always true on any kiosk: the result can be looked up here with the 查询码. */
export const DEFAULT_HEAR_BACK: HearBack = { days: 3, channel: 'kiosk' };
const KEY = 'store.hearBack';

export type NotifyAbility = { canSms: boolean; resultUrl: string | null };

export function notifyAbility(ctx: Pick<AppContext, 'db' | 'config'>): NotifyAbility {
  const s = resultSetting(ctx.config.dataDir);
  const isEnrolled = getIdentity(ctx.db) !== null;
  return { canSms: isEnrolled && s.sms, resultUrl: isEnrolled ? s.resultUrl : null };
}

/** The stored setting as the manager chose it. */
export function getHearBack(db: Db): HearBack {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_HEAR_BACK;
  const v = JSON.parse(row.value) as Partial<HearBack>;
  return { days: v.days ?? DEFAULT_HEAR_BACK.days, channel: v.channel ?? DEFAULT_HEAR_BACK.channel };
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
    throw new KioskError(ErrorCode.SmsUnavailable, 'Head office does not send results by SMS for this store, so the kiosk cannot promise an SMS. Choose a phone call or look-up at the kiosk.', { reason: 'hearBack.noSms' });
  }
  db.transaction(() => {
    db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(KEY, JSON.stringify(s));
    appendAudit(db, { actor, action: 'hearback.changed', subject: null, detail: s });
  })();
  return s;
}
