/**
 * The applicant's choice among the second-round slots the store offered (issue 16, item 4;
 * docs/notify.md, "Offered slots"). The kiosk holds a place on every offered slot, so head office
 * needs no calendar of its own: it accepts exactly one pick per decision (the primary key of
 * ho_secondround_picks), only for the offer made with the decision in force, once that decision
 * shows on the phone page (past the notifier's hold), for a slot of that offer that has not
 * passed, while nothing is booked for it yet. The pick queues the confirmation message (queue.ts)
 * and waits for the owner kiosk to fetch it (GET /v1/kiosks/second-round-picks) and send back
 * the booking (`secondround.booked`), which resolves it. A tombstone deletes it.
 */
import { ulid } from '../../core/ids.js';
import type { RecordPayload } from '../../core/records/registry.js';
import { defaultPolicy, readInterview, reconcileInterview, type InterviewView, type NotifyPolicy } from '../notify/queue.js';
import type { HoStore, Queryable } from '../store/types.js';

export type OfferedSlot = RecordPayload<'secondround.offered'>['slots'][number];
export type PickRefusal = 'taken' | 'gone' | 'notOffered' | 'past' | 'none';
export type PickResult = { ok: true; slot: OfferedSlot } | { ok: false; reason: PickRefusal };

/** A calendar day as YYYY-MM-DD in head office's local time (slot dates are the store's local days). */
export const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The decision the phone page shows: the one in force, once it can no longer be undone (the notifier's hold). */
export const shownDecision = (v: InterviewView, nowMs: number, holdMs: number) => (v.current && Date.parse(v.current.receivedAt) + holdMs <= nowMs ? v.current.payload.decision : null);

/** The offer the applicant may still choose from: made with the decision shown, nothing picked or booked yet; only slots not passed. */
export function openOffer(v: InterviewView, nowMs: number, holdMs: number): { offerId: string; slots: OfferedSlot[] } | null {
  if (shownDecision(v, nowMs, holdMs) !== 'hold' || !v.offer || v.pick || v.secondRound) return null;
  const today = localDay(nowMs);
  return { offerId: v.offer.offerId, slots: v.offer.slots.filter((s) => s.date >= today) };
}

/** Records the applicant's pick (one per decision) and queues its confirmation; a refusal names why. */
export async function acceptPick(store: HoStore, input: { interviewId: string; offerId: string; slotId: string }, opts: { nowMs: number; holdMs: number; policy?: NotifyPolicy }): Promise<PickResult> {
  return store.tx(
    async (q): Promise<PickResult> => {
      const v = await readInterview(q, input.interviewId);
      if (!v || shownDecision(v, opts.nowMs, opts.holdMs) !== 'hold' || !v.offer) return { ok: false, reason: 'gone' };
      if (v.pick || v.secondRound) return { ok: false, reason: 'taken' };
      // A page for an offer that was replaced (a newer decision with its own offer) does not pick from the new one.
      if (v.offer.offerId !== input.offerId) return { ok: false, reason: 'gone' };
      if (!input.slotId) return { ok: false, reason: 'none' };
      const slot = v.offer.slots.find((s) => s.slotId === input.slotId);
      if (!slot) return { ok: false, reason: 'notOffered' };
      if (slot.date < localDay(opts.nowMs)) return { ok: false, reason: 'past' };
      const owner = await q.get<{ kiosk_id: string }>('SELECT kiosk_id FROM ho_owners WHERE subject_id = ?', [input.interviewId]);
      if (!owner) return { ok: false, reason: 'gone' };
      const at = new Date(opts.nowMs).toISOString();
      const r = await q.run(
        `INSERT INTO ho_secondround_picks (decision_id, id, interview_id, store_id, kiosk_id, offer_id, slot_id, slot_date, slot_start, slot_place, picked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING`,
        [v.current!.payload.decisionId, ulid(opts.nowMs), input.interviewId, v.storeId, owner.kiosk_id, v.offer.offerId, slot.slotId, slot.date, slot.start, slot.place, at],
      );
      if (r.changes !== 1) return { ok: false, reason: 'taken' };
      await reconcileInterview(q, input.interviewId, { ...(opts.policy ?? defaultPolicy), now: () => opts.nowMs });
      return { ok: true, slot };
    },
    { serial: true },
  );
}

export type KioskPick = { pickId: string; interviewId: string; decisionId: string; offerId: string; slotId: string; pickedAt: string };

/** The picks a kiosk has not booked yet (its GET /v1/kiosks/second-round-picks). */
export async function picksForKiosk(q: Queryable, kioskId: string): Promise<KioskPick[]> {
  const rows = await q.all<{ id: string; interview_id: string; decision_id: string; offer_id: string; slot_id: string; picked_at: string }>(
    'SELECT id, interview_id, decision_id, offer_id, slot_id, picked_at FROM ho_secondround_picks WHERE kiosk_id = ? AND resolved_at IS NULL ORDER BY picked_at, id LIMIT 1000',
    [kioskId],
  );
  return rows.map((r) => ({ pickId: r.id, interviewId: r.interview_id, decisionId: r.decision_id, offerId: r.offer_id, slotId: r.slot_id, pickedAt: r.picked_at }));
}
