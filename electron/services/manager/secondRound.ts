/**
 * Second-round interviews (issue 16, item 4). The store keeps a calendar of slots (date, start
 * time, place note, how many people each takes) in its settings; a "second interview" (hold)
 * decision may book the applicant on one. Booking is part of the decision: same transaction,
 * same audit chain, its own sync record right after the decision's, so head office can put the
 * slot in the applicant's message. A full slot (or one removed meanwhile) is refused and nothing
 * is decided. Undoing or replacing the decision releases the booking (kept with released_at).
 *
 * Instead of booking one slot the manager may offer several (2 to MAX_OFFERED_SLOTS) for the
 * applicant to choose on head office's phone page (only where the store has one). Each offered
 * slot holds a place until the pick comes back with the next sync (applySecondRoundPick: the
 * chosen slot becomes a booking by "applicant", the others are freed) or the decision is undone
 * or replaced; so a slot's places count bookings and held offers together, and a pick can never
 * overbook a slot the manager filled offline meanwhile.
 */
import type { z } from 'zod';
import type { SecondRoundBooking, SecondRoundOfferView, SecondRoundSlotView } from '../../shared/contract/manager.js';
import { MAX_OFFERED_SLOTS } from '../../../core/records/secondRoundOfferRecords.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { ulid } from '../../../core/ids.js';
import { currentDecision } from './reviewState.js';

type SlotRow = { id: string; date: string; start_time: string; place: string; capacity: number; booked: number; held: number };
/** Live slots with their live bookings and the places held by offers still waiting for the applicant's pick. */
const SLOT_SELECT = `SELECT s.id, s.date, s.start_time, s.place, s.capacity,
  (SELECT count(*) FROM second_round_bookings b WHERE b.slot_id = s.id AND b.released_at IS NULL) AS booked,
  (SELECT count(*) FROM second_round_offers o WHERE o.slot_id = s.id AND o.released_at IS NULL) AS held
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
  held: r.held,
  isFull: r.booked + r.held >= r.capacity,
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
      id,
      input.date,
      input.start,
      place,
      input.capacity,
      actor,
      now.toISOString(),
    );
    appendAudit(db, { actor, action: 'secondround.slot.added', subject: id, detail: { date: input.date, start: input.start, capacity: input.capacity } });
  })();
  return view(db.prepare(`${SLOT_SELECT} AND s.id = ?`).get(id) as SlotRow, now);
}

export function removeSecondRoundSlot(db: Db, actor: string, slotId: string, now: Date): boolean {
  const booked = (db.prepare('SELECT count(*) AS n FROM second_round_bookings WHERE slot_id = ? AND released_at IS NULL').get(slotId) as { n: number }).n;
  if (booked > 0)
    throw new KioskError(ErrorCode.Conflict, `${booked} applicant(s) are booked on this slot. Make a new decision for them first (it releases the booking), then remove the slot.`, {
      reason: 'slot.booked',
    });
  const held = (db.prepare('SELECT count(*) AS n FROM second_round_offers WHERE slot_id = ? AND released_at IS NULL').get(slotId) as { n: number }).n;
  if (held > 0) {
    throw new KioskError(
      ErrorCode.Conflict,
      `${held} applicant(s) were offered this slot and may still choose it on the phone page. Wait for their choice, or make a new decision for them (it frees the slot), then remove it.`,
      { reason: 'slot.offered' },
    );
  }
  return db.transaction(() => {
    const changed = db.prepare('UPDATE second_round_slots SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now.toISOString(), slotId).changes;
    if (changed) appendAudit(db, { actor, action: 'secondround.slot.removed', subject: slotId });
    return changed > 0;
  })();
}

/** A slot that can still take someone (not removed, not past, a place free); refuses with the reason otherwise. */
function openSlot(db: Db, slotId: string, now: Date): SlotRow {
  const slot = db.prepare(`${SLOT_SELECT} AND s.id = ?`).get(slotId) as SlotRow | undefined;
  if (!slot) throw new KioskError(ErrorCode.NotFound, 'That second-round slot no longer exists (it was removed). Pick another slot.', { reason: 'slot.gone' });
  if (slot.date < localDay(now)) throw new KioskError(ErrorCode.Conflict, `The slot on ${slot.date} at ${slot.start_time} has passed. Pick a later slot.`, { reason: 'slot.pastPick' });
  if (slot.booked + slot.held >= slot.capacity) {
    const taken = slot.held > 0 ? `${slot.booked} booked and ${slot.held} held for applicants choosing a time, of ${slot.capacity}` : `${slot.booked} of ${slot.capacity} booked`;
    throw new KioskError(ErrorCode.Conflict, `The slot on ${slot.date} at ${slot.start_time} is full (${taken}). Pick another slot or add one in Settings.`, { reason: 'slot.full' });
  }
  return slot;
}

/**
 * Books the interview on a slot for the hold decision `decisionId`. Call inside the decision's
 * transaction, after releaseSecondRound: a refusal throws and the whole decision is rolled back.
 */
export function bookSecondRound(db: Db, actor: string, interviewId: string, decisionId: string, slotId: string, now: Date): void {
  const slot = openSlot(db, slotId, now);
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
  // Offers still waiting for the applicant's pick go with their decision (head office stops
  // taking a pick for a decision that is no longer in force, so no record is needed for them).
  const offerCause = cause === 'decision-undone' ? 'decision-undone' : 'decision-changed';
  const offers = db
    .prepare(`SELECT DISTINCT offer_id FROM second_round_offers WHERE interview_id = ? AND released_at IS NULL ${since ? 'AND offered_at >= ?' : ''}`)
    .all(...(since ? [interviewId, since] : [interviewId])) as { offer_id: string }[];
  for (const o of offers) {
    db.prepare('UPDATE second_round_offers SET released_at = ?, release_cause = ? WHERE offer_id = ? AND released_at IS NULL').run(at, offerCause, o.offer_id);
    appendAudit(db, { actor, action: 'secondround.offer.released', subject: interviewId, detail: { offerId: o.offer_id, cause: offerCause } });
  }
}

/**
 * Offers the applicant 2 to MAX_OFFERED_SLOTS slots to choose from on head office's phone page,
 * for the hold decision `decisionId`. Call inside the decision's transaction, after
 * releaseSecondRound: every slot must be able to take the applicant now (each holds a place until
 * the pick), else it throws with the slot's reason and the whole decision is rolled back.
 * `hasPhonePage`: head office's signed store setting names a result page (without one the
 * applicant has nowhere to choose, so the offer is refused).
 */
export function offerSecondRound(db: Db, actor: string, interviewId: string, decisionId: string, slotIds: readonly string[], hasPhonePage: boolean, now: Date): string {
  if (!hasPhonePage) {
    throw new KioskError(ErrorCode.InvalidInput, "Applicants choose offered times on head office's result page, and this store has none. Book one slot instead, or leave the time to a phone call.", {
      reason: 'slot.noPhonePage',
    });
  }
  const ids = [...new Set(slotIds)];
  if (ids.length !== slotIds.length || ids.length < 2 || ids.length > MAX_OFFERED_SLOTS) {
    throw new KioskError(ErrorCode.InvalidInput, `Offer between 2 and ${MAX_OFFERED_SLOTS} different slots for the applicant to choose from (or book one slot).`, { reason: 'slot.offerCount' });
  }
  const slots = ids.map((id) => openSlot(db, id, now));
  const offerId = ulid(now.getTime());
  const at = now.toISOString();
  const insert = db.prepare('INSERT INTO second_round_offers (id, offer_id, interview_id, decision_id, slot_id, offered_by, offered_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const s of slots) insert.run(ulid(now.getTime()), offerId, interviewId, decisionId, s.id, actor, at);
  appendAudit(db, { actor, action: 'secondround.offered', subject: interviewId, detail: { offerId, decisionId, slotIds: ids } });
  enqueueOutbox(db, 'secondround.offered', interviewId, {
    v: 1,
    offerId,
    interviewId,
    decisionId,
    slots: slots.map((s) => ({ slotId: s.id, date: s.date, start: s.start_time, place: s.place })),
    offeredBy: actor,
    offeredAt: at,
  });
  return offerId;
}

/** The applicant's choice as head office hands it to the kiosk (GET /v1/kiosks/second-round-picks). */
export type SecondRoundPick = { pickId: string; interviewId: string; decisionId: string; offerId: string; slotId: string; pickedAt: string };
/** booked: the pick is now a booking; already: booked from this pick before; stale: its offer is no longer held here (decision undone or replaced, or another pick came first). */
export type PickOutcome = 'booked' | 'already' | 'stale';

/**
 * Turns the applicant's pick into a booking (one transaction): the chosen offered slot becomes a
 * booking by "applicant" with the offer's decision, every slot of that offer is freed (the chosen
 * one released as 'picked', with head office's pick id, the others 'not-picked'), audited, and
 * `secondround.booked` is queued so head office and the phone page show the booking. The offer
 * already held the place, so this cannot overbook.
 */
export function applySecondRoundPick(db: Db, pick: SecondRoundPick, now: Date): PickOutcome {
  return db.transaction((): PickOutcome => {
    if (db.prepare('SELECT 1 FROM second_round_offers WHERE pick_id = ?').get(pick.pickId)) return 'already';
    const live = db
      .prepare(
        `SELECT o.id, o.slot_id, s.date, s.start_time, s.place FROM second_round_offers o JOIN second_round_slots s ON s.id = o.slot_id
         WHERE o.offer_id = ? AND o.decision_id = ? AND o.interview_id = ? AND o.released_at IS NULL`,
      )
      .all(pick.offerId, pick.decisionId, pick.interviewId) as { id: string; slot_id: string; date: string; start_time: string; place: string }[];
    const chosen = live.find((o) => o.slot_id === pick.slotId);
    if (!chosen || currentDecision(db, pick.interviewId)?.id !== pick.decisionId) return 'stale';
    const at = now.toISOString();
    const release = db.prepare('UPDATE second_round_offers SET released_at = ?, release_cause = ?, pick_id = ? WHERE id = ?');
    for (const o of live) release.run(at, o.id === chosen.id ? 'picked' : 'not-picked', o.id === chosen.id ? pick.pickId : null, o.id);
    const bookingId = ulid(now.getTime());
    db.prepare('INSERT INTO second_round_bookings (id, interview_id, slot_id, decision_id, booked_by, booked_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      bookingId,
      pick.interviewId,
      chosen.slot_id,
      pick.decisionId,
      'applicant',
      at,
    );
    appendAudit(db, {
      actor: 'applicant',
      action: 'secondround.picked',
      subject: pick.interviewId,
      detail: { bookingId, slotId: chosen.slot_id, decisionId: pick.decisionId, offerId: pick.offerId, pickId: pick.pickId },
    });
    enqueueOutbox(db, 'secondround.booked', pick.interviewId, {
      v: 1,
      bookingId,
      interviewId: pick.interviewId,
      decisionId: pick.decisionId,
      slot: { slotId: chosen.slot_id, date: chosen.date, start: chosen.start_time, place: chosen.place },
      bookedBy: 'applicant',
      bookedAt: at,
    });
    return 'booked';
  })();
}

/** The slots offered with the current decision that still wait for the applicant's pick (the applicant page). */
export function secondRoundOffer(db: Db, interviewId: string): z.infer<typeof SecondRoundOfferView> | null {
  const rows = db
    .prepare(
      `SELECT o.offer_id, o.slot_id, o.offered_by, o.offered_at, s.date, s.start_time, s.place FROM second_round_offers o JOIN second_round_slots s ON s.id = o.slot_id
       WHERE o.interview_id = ? AND o.released_at IS NULL ORDER BY s.date, s.start_time, s.place`,
    )
    .all(interviewId) as { offer_id: string; slot_id: string; offered_by: string; offered_at: string; date: string; start_time: string; place: string }[];
  const first = rows[0];
  if (!first) return null;
  return { offerId: first.offer_id, offeredBy: first.offered_by, offeredAt: first.offered_at, slots: rows.map((r) => ({ slotId: r.slot_id, date: r.date, start: r.start_time, place: r.place })) };
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
