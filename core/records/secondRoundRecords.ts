import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** A second-round slot as the applicant is told it: local date, start time, where to go. */
export const SecondRoundSlot = z.strictObject({
  slotId: Id,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** The store's place note ("二楼办公室 / office, 2nd floor"): no applicant data. */
  place: z.string().min(1).max(200),
});
export type SecondRoundSlot = z.infer<typeof SecondRoundSlot>;

/**
 * secondround.booked, version 1: the manager booked the applicant on one of the store's
 * second-round slots with a "second interview" (hold) decision. Written in the decision's
 * transaction, so head office gets both in the same batch, in kiosk order.
 */
export const SecondRoundBookedV1 = z.strictObject({
  v: z.literal(1),
  bookingId: Id,
  interviewId: Id,
  decisionId: Id,
  slot: SecondRoundSlot,
  bookedBy: z.string().max(200),
  bookedAt: Timestamp,
});
export type SecondRoundBookedV1 = z.infer<typeof SecondRoundBookedV1>;

/** secondround.released, version 1: that booking no longer stands (cancelled by the manager, or its decision undone or replaced). */
export const SecondRoundReleasedV1 = z.strictObject({
  v: z.literal(1),
  bookingId: Id,
  interviewId: Id,
  slotId: Id,
  cause: z.enum(['manager', 'decision-changed', 'decision-undone']),
  releasedBy: z.string().max(200),
  releasedAt: Timestamp,
});
export type SecondRoundReleasedV1 = z.infer<typeof SecondRoundReleasedV1>;
