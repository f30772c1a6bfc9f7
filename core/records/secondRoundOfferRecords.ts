import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { SecondRoundSlot } from './secondRoundRecords.js';

/** How many slots one offer may hold (the phone page lists them as a choice of radio buttons). */
export const MAX_OFFERED_SLOTS = 6;

/**
 * secondround.offered, version 1: with a "second interview" (hold) decision the manager offered
 * the applicant several of the store's second-round slots to choose from on head office's phone
 * page, instead of booking one. The kiosk holds a place on every offered slot (they count
 * against the slot's places) until the applicant's pick comes back and becomes a booking
 * (`secondround.booked` with the same `decisionId`, `bookedBy` "applicant"), or the decision is
 * undone or replaced. Head office accepts one pick per decision, only while the decision is in
 * force and not yet booked.
 */
export const SecondRoundOfferedV1 = z
  .strictObject({
    v: z.literal(1),
    offerId: Id,
    interviewId: Id,
    decisionId: Id,
    slots: z.array(SecondRoundSlot).min(2).max(MAX_OFFERED_SLOTS),
    offeredBy: z.string().max(200),
    offeredAt: Timestamp,
  })
  .refine((o) => new Set(o.slots.map((s) => s.slotId)).size === o.slots.length, { message: 'each slot may be offered once', path: ['slots'] });
export type SecondRoundOfferedV1 = z.infer<typeof SecondRoundOfferedV1>;
