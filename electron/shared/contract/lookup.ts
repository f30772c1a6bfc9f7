import { z } from 'zod';
import { DAYS, LocalText } from '../packs/packSchema.js';
import { channel } from './define.js';

/**
 * Applicants look up their result at the kiosk with mobile + receipt code. A wrong pair answers
 * exactly like an unknown code ('notFound'), and failures are throttled per kiosk, so codes
 * cannot be enumerated.
 */
export const LookupResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('notFound') }),
  z.object({ status: z.literal('pending'), opening: LocalText }),
  z.object({ status: z.literal('secondInterview'), opening: LocalText, storeName: z.string().nullable() }),
  z.object({
    status: z.literal('passed'),
    opening: LocalText,
    storeName: z.string().nullable(),
    shifts: z.array(z.object({ day: z.enum(DAYS), start: z.string(), end: z.string(), role: z.string() })),
    startDate: z.string().nullable(),
    whatToBring: z.string().nullable(),
  }),
  z.object({ status: z.literal('notSelected'), opening: LocalText, isInPool: z.boolean() }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

export const lookupContract = {
  'lookup:result': channel(z.strictObject({ mobile: z.string().max(20), code: z.string().max(20) }), LookupResult),
} as const;
