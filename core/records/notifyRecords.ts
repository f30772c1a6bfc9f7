import { z } from 'zod';
import { Lang } from '../packs/packSchema.js';
import { Id, Timestamp } from './common.js';

/**
 * notify.consent, version 1: the applicant's separate, optional choice to be sent the result
 * (SMS / WeChat) on the mobile number already given. Its own record with the wording version
 * shown; `granted: false` is a withdrawal. Head office sends nothing for an interview whose
 * latest consent record is not a grant (docs/notify.md).
 */
export const NotifyConsentV1 = z.strictObject({
  v: z.literal(1),
  consentId: Id,
  interviewId: Id,
  granted: z.boolean(),
  channel: z.enum(['sms', 'wechat']),
  /** The language the message is to be written in (the one the applicant used). */
  lang: Lang,
  /** Version of the consent wording on screen, e.g. "notify-1". */
  wordingVersion: z.string().min(1).max(40),
  at: Timestamp,
});
export type NotifyConsentV1 = z.infer<typeof NotifyConsentV1>;
