/**
 * The applicant's optional, separate consent to be sent the result (SMS / WeChat) on the mobile
 * number already given (issue 16). Recorded as its own consent — an entry in the hash-chained
 * audit log and a row in notify_consents (migration 0100) with the time and the wording version
 * shown — and synced as a `notify.consent` record in the same transaction; a withdrawal is the
 * same record with `granted: false`.
 * Head office sends nothing unless the latest record for the interview is a grant.
 */
import { KioskError, ErrorCode } from '../../../core/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { ulid } from '../../../core/ids.js';

/** Bump when the words on the finish screen change (kept with every consent). */
export const NOTIFY_CONSENT_WORDING = 'notify-1';

export type NotifyConsentInput = { interviewId: string; granted: boolean; channel: 'sms' | 'wechat' };

export function recordNotifyConsent(db: Db, actor: string, input: NotifyConsentInput, now: Date): { consentId: string; at: string } {
  const iv = db.prepare(`SELECT i.id, i.lang, i.status, a.mobile FROM interviews i LEFT JOIN applicants a ON a.id = i.applicant_id WHERE i.id = ?`).get(input.interviewId) as
    { id: string; lang: 'zh-CN' | 'en'; status: string; mobile: string | null } | undefined;
  if (!iv) throw new KioskError(ErrorCode.NotFound, 'That interview is not on this kiosk.');
  if (iv.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'The result can be sent only for a finished interview.');
  if (input.granted && !iv.mobile) throw new KioskError(ErrorCode.InvalidInput, 'No mobile number was given, so there is nowhere to send the result.');
  const consentId = ulid(now.getTime());
  const at = now.toISOString();
  db.transaction(() => {
    appendAudit(db, {
      actor,
      action: input.granted ? 'notify.consented' : 'notify.withdrawn',
      subject: iv.id,
      detail: { consentId, channel: input.channel, wordingVersion: NOTIFY_CONSENT_WORDING, at },
    });
    db.prepare('INSERT INTO notify_consents (id, interview_id, granted, channel, wording_version, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      consentId,
      iv.id,
      input.granted ? 1 : 0,
      input.channel,
      NOTIFY_CONSENT_WORDING,
      at,
      actor,
    );
    enqueueOutbox(db, 'notify.consent', iv.id, { v: 1, consentId, interviewId: iv.id, granted: input.granted, channel: input.channel, lang: iv.lang, wordingVersion: NOTIFY_CONSENT_WORDING, at });
  })();
  return { consentId, at };
}

/** The latest consent choice for an interview, for the finish and lookup screens. */
export function notifyConsentOf(db: Db, interviewId: string): boolean {
  const r = db.prepare('SELECT granted FROM notify_consents WHERE interview_id = ? ORDER BY at DESC, rowid DESC LIMIT 1').get(interviewId) as { granted: number } | undefined;
  return r?.granted === 1;
}
