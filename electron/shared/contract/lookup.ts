import { z } from 'zod';
import { DAYS, Lang, LocalText } from '../../../core/packs/packSchema.js';
import { channel } from './define.js';

/**
 * Applicants look up their result at the kiosk with mobile + receipt code. A wrong pair answers
 * exactly like an unknown code ('notFound'), and failures are throttled per kiosk, so codes
 * cannot be enumerated.
 */
/**
 * Every found result says the language the applicant interviewed in (the screen shows it in that
 * language, with a switch) and whether they chose to be sent the result by SMS (they can stop it here).
 */
const Found = z.object({ lang: Lang, smsConsent: z.boolean() });
/** A second-round time as the applicant is told it: day (YYYY-MM-DD), 24 h start, where. */
const SecondRoundTime = z.object({ date: z.string(), start: z.string(), place: z.string() });

export const LookupResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('notFound') }),
  Found.extend({ status: z.literal('pending'), opening: LocalText }),
  Found.extend({
    status: z.literal('secondInterview'),
    opening: LocalText,
    storeName: z.string().nullable(),
    /** The time booked for it (by the manager, or picked by the applicant on the phone page). */
    booked: SecondRoundTime.nullable(),
    /** Times offered to choose from on the phone page (empty once one is booked, or when none were offered). */
    offered: z.array(SecondRoundTime),
    /** With offered times: the QR that opens head office's result page for this code, where the applicant chooses. */
    qrSvg: z.string().nullable(),
  }),
  Found.extend({
    status: z.literal('passed'),
    opening: LocalText,
    storeName: z.string().nullable(),
    shifts: z.array(z.object({ day: z.enum(DAYS), start: z.string(), end: z.string(), role: z.string() })),
    startDate: z.string().nullable(),
    whatToBring: z.string().nullable(),
  }),
  Found.extend({ status: z.literal('notSelected'), opening: LocalText, isInPool: z.boolean() }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

export const lookupContract = {
  'lookup:result': channel(z.strictObject({ mobile: z.string().max(20), code: z.string().max(20) }), LookupResult),
  /** Stops (or restarts) the result SMS; checked like a look-up (same throttle, same answer for a wrong pair). */
  'lookup:notify': channel(z.strictObject({ mobile: z.string().max(20), code: z.string().max(20), granted: z.boolean() }), z.object({ found: z.boolean(), smsConsent: z.boolean() })),
} as const;
