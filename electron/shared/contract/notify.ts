import { z } from 'zod';
import { channel } from './define.js';

/**
 * How and when the store gets back to applicants (issue 14, item 8), set by the manager and
 * shown on the finish screen: within `days` days, by phone call, by SMS (only where head office
 * sends results by SMS for this store) or by looking the result up at the kiosk.
 */
export const HearBackChannel = z.enum(['call', 'sms', 'kiosk']);
export type HearBackChannel = z.infer<typeof HearBackChannel>;
export const HearBack = z.strictObject({
  days: z.number().int().min(1).max(30),
  channel: HearBackChannel,
});
export type HearBack = z.infer<typeof HearBack>;

/** What this kiosk can truthfully offer: SMS only when enrolled and head office sends SMS for the store. */
export const NotifyAbility = z.object({ canSms: z.boolean(), resultUrl: z.string().nullable() });

export const notifyContract = {
  'manager:hearBack': channel(z.strictObject({}), z.object({ settings: HearBack, ability: NotifyAbility }), 'staff'),
  'manager:setHearBack': channel(HearBack, z.object({ settings: HearBack }), 'manager'),
  /** The applicant's separate, optional choice on the finish screen (granted false = changed their mind). */
  'notify:consent': channel(z.strictObject({ interviewId: z.string().max(40), granted: z.boolean() }), z.object({ granted: z.boolean(), at: z.string() })),
} as const;
