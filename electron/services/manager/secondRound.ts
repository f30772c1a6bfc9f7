/**
 * Second-round interviews (issue 16, item 4). The store keeps a calendar of slots (date, start
 * time, place note, how many people each takes) in its settings; a "second interview" (hold)
 * decision may book the applicant on one. Booking is part of the decision: same transaction,
 * same audit chain, its own sync record right after the decision's, so head office can put the
 * slot in the applicant's message. A full slot (or one removed meanwhile) is refused and nothing
 * is decided. Undoing or replacing the decision releases the booking (kept with released_at).
 */
import type { z } from 'zod';
import type { SecondRoundBooking, SecondRoundSlotView } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { ulid } from '../../../core/ids.js';

type SlotRow = { id: string; date: string; start_time: string; place: string; capacity: number; booked: number };
const SLOT_SELECT = `SELECT s.id, s.date, s.start_time, s.place, s.capacity,
  (SELECT count(*) FROM second_round_bookings b WHERE b.slot_id = s.id AND b.released_at IS NULL) AS booked
  FROM second_round_slots s WHERE s.removed_at IS NULL`;

/** Local calendar day of `now` as YYYY-MM-DD (slots are in the store's local time). */
const localDay = (now: Date) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

const view = (r: SlotRow, now: Date): z.infer<typeof SecondRoundSlotView> => ({
  id: r.id,
  date: r.date,
  start: r.start_time,
  place: r.place,
  capacity: r.capacity,
  booked: r.booked,
  isFull: r.booked >= r.capacity,
  isPast: r.date < localDay(now),
});

/** Upcoming slots first (by date and time); past ones are listed so their bookings stay visible. */
export const listSecondRoundSlots = (db: Db, now: Date): z.infer<typeof SecondRoundSlotView>[] =>
  (db.prepare(`${SLOT_SELECT} ORDER BY s.date, s.start_time, s.place`).all() as SlotRow[]).map((r) => view(r, now));

export function saveSecondRoundSlot(db: Db, actor: string, input: { date: string; start: string; place: string; capacity: number }, now: Date) {
  if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)) || new Date(`${input.date}T00:00:00Z`).toISOString().slice(0, 10) !== input.date) {
    throw new KioskError(ErrorCode.InvalidInput, `${input.date} is not a real date. Use YYYY-MM-DD, e.g. 2026-05-04.`, { reason: 'slot.badDate' });
  }
  if (input.date < localDay(now)) throw new KioskError(ErrorCode.InvalidInput, 'That date has passed. Add slots from today on.', { reason: 'slot.past' });
  const place = input.place.trim();
  const taken = db.prepare('SELECT 1 FROM second_round_slots WHERE date = ? AND start_time = ? AND place = ? AND removed_at IS NULL').get(input.date, input.start, place);
  if (taken) throw new KioskError(ErrorCode.Conflict, `There is already a slot on ${input.date} at ${input.start} (${place}). Raise its number of places instead.`, { reason: 'slot.exists' });
  const id = ulid(now.getTime());
  db.transaction(() => {
    db.prepare('INSERT INTO second_round_slots (id, date, start_time, place, capacity, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, input.date, input.start, place, input.capacity, actor, now.toISOString(),
    );
    appendAudit(db, { actor, action: 'secondround.slot.added', subject: id, detail: { date: input.date, start: input.start, capacity: input.capacity } });
  })();
  return view(db.prepare(`${SLOT_SELECT} AND s.id = ?`).get(id) as SlotRow, now);
}

export function removeSecondRoundSlot(db: Db, actor: string, slotId: string, now: Date): boolean {
  const booked = (db.prepare('SELECT count(*) AS n FROM second_round_bookings WHERE slot_id = ? AND released_at IS NULL').get(slotId) as { n: number }).n;
  if (booked > 0) throw new KioskError(ErrorCode.Conflict, `${booked} applicant(s) are booked on this slot. Make a new decision for them first (it releases the booking), then remove the slot.`, { reason: 'slot.booked' });
  return db.transaction(() => {
    const changed = db.prepare('UPDATE second_round_slots SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now.toISOString(), slotId).changes;
    if (changed) appendAudit(db, { actor, action: 'secondround.slot.removed', subject: slotId });
    return changed > 0;
  })();
}

/**
 * Books the interview on a slot for the hold decision `decisionId`. Call inside the decision's
 * transaction, after releaseSecondRound: a refusal throws and the whole decision is rolled back.
 */
export function bookSecondRound(db: Db, actor: string, interviewId: string, decisionId: string, slotId: string, now: Date): void {
  const slot = db.prepare(`${SLOT_SELECT} AND s.id = ?`).get(slotId) as SlotRow | undefined;
  if (!slot) throw new KioskError(ErrorCode.NotFound, 'That second-round slot no longer exists (it was removed). Pick another slot.', { reason: 'slot.gone' });
  if (slot.date < localDay(now)) throw new KioskError(ErrorCode.Conflict, `The slot on ${slot.date} at ${slot.start_time} has passed. Pick a later slot.`, { reason: 'slot.pastPick' });
  if (slot.booked >= slot.capacity) {
    throw new KioskError(ErrorCode.Conflict, `The slot on ${slot.date} at ${slot.start_time} is full (${slot.booked} of ${slot.capacity} booked). Pick another slot or add one in Settings.`, { reason: 'slot.full' });
  }
  const id = ulid(now.getTime());
  const at = now.toISOString();
  db.prepare('INSERT INTO second_round_bookings (id, interview_id, slot_id, decision_id, booked_by, booked_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, interviewId, slotId, decisionId, actor, at);
  appendAudit(db, { actor, action: 'secondround.booked', subject: interviewId, detail: { bookingId: id, slotId, decisionId } });
  enqueueOutbox(db, 'secondround.booked', interviewId, {
    v: 1,
    bookingId: id,
    interviewId,
    decisionId,
    slot: { slotId, date: slot.date, start: slot.start_time, place: slot.place },
    bookedBy: actor,
    bookedAt: at,
  });
}

/** Releases the interview's live booking (inside the caller's transaction); `since` limits it to bookings made from then on (undo). */
export function releaseSecondRound(db: Db, actor: string, interviewId: string, cause: 'manager' | 'decision-changed' | 'decision-undone', at: string, since: string | null = null): void {
  const rows = db
    .prepare(`SELECT id, slot_id FROM second_round_bookings WHERE interview_id = ? AND released_at IS NULL ${since ? 'AND booked_at >= ?' : ''}`)
    .all(...(since ? [interviewId, since] : [interviewId])) as { id: string; slot_id: string }[];
  for (const b of rows) {
    db.prepare('UPDATE second_round_bookings SET released_at = ?, release_cause = ? WHERE id = ?').run(at, cause, b.id);
    appendAudit(db, { actor, action: 'secondround.released', subject: interviewId, detail: { bookingId: b.id, slotId: b.slot_id, cause } });
    enqueueOutbox(db, 'secondround.released', interviewId, { v: 1, bookingId: b.id, interviewId, slotId: b.slot_id, cause, releasedBy: actor, releasedAt: at });
  }
}

/** The interview's live booking, for the applicant page. */
export function secondRoundBooking(db: Db, interviewId: string): z.infer<typeof SecondRoundBooking> | null {
  const r = db
    .prepare(
      `SELECT b.id, b.slot_id, s.date, s.start_time, s.place, b.booked_by, b.booked_at FROM second_round_bookings b JOIN second_round_slots s ON s.id = b.slot_id
       WHERE b.interview_id = ? AND b.released_at IS NULL`,
    )
    .get(interviewId) as { id: string; slot_id: string; date: string; start_time: string; place: string; booked_by: string; booked_at: string } | undefined;
  return r ? { bookingId: r.id, slotId: r.slot_id, date: r.date, start: r.start_time, place: r.place, bookedBy: r.booked_by, bookedAt: r.booked_at } : null;
}
