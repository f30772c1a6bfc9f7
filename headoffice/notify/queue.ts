/**
 * Which notifications exist. Ingest calls `onIngested` inside its transaction with the records
 * it accepted; for every interview they touch we re-read that interview's records (in kiosk
 * order, so batch arrival order does not matter) and reconcile:
 * - the current decision (the last decision.made not taken back by decision.undone) of an
 *   interview whose latest notify.consent is a grant, with a mobile number, gets one row keyed
 *   `decision:<decisionId>` (UNIQUE: replays and re-ingest never make a second message);
 * - it is held for HOLD_MS after it reached head office, so an undo made within the kiosk's
 *   undo window (5 min) and synced right after cancels it before anything is sent;
 * - rows not yet sent whose decision was undone or replaced, or whose consent was withdrawn,
 *   are cancelled;
 * - the applicant's pick among offered second-round slots (phone page, ho_secondround_picks) of
 *   the decision in force gets one confirmation keyed `pick:<decisionId>`, due at once (the
 *   decision was past its hold when the page took the pick); picks whose decision is no longer
 *   in force, or which the kiosk has booked, are resolved (off the kiosk's list).
 * A tombstone erases queued rows and the personal fields of every row and attempt.
 */
import crypto from 'node:crypto';
import type { CompletedHead, IngestRecord } from '../ingestRecord.js';
import { parseRecord, type RecordPayload } from '../../core/records/registry.js';
import { ulid } from '../../core/ids.js';
import type { Queryable } from '../store/types.js';

/** The kiosk's undo window (UNDO_WINDOW_MS in electron/services/manager/applicantDetail.ts; a test keeps them equal). */
export const KIOSK_UNDO_WINDOW_MS = 5 * 60_000;
/** Hold after arrival: the undo window plus two kiosk sync rounds (60 s each). */
export const DEFAULT_HOLD_MS = KIOSK_UNDO_WINDOW_MS + 2 * 60_000;

export type NotifyPolicy = { holdMs: number; now: () => number };
export const defaultPolicy: NotifyPolicy = { holdMs: DEFAULT_HOLD_MS, now: () => Date.now() };

const OPEN = `('queued', 'failed')`;

export const receiptHash = (code: string) => crypto.createHash('sha256').update(`receipt\n${code.trim().toUpperCase()}`).digest('hex');
export const receiptCheck = (code: string, last4: string) => crypto.createHash('sha256').update(`receipt-check\n${code.trim().toUpperCase()}\n${last4}`).digest('hex');

type Row = { id: string; kind: string; store_id: string; kiosk_order: number; received_at: string; payload_json: string };

/** `C`: how much of the interview.completed payload the view holds (all of it, read back; its head, while ingesting). */
export type InterviewView<C extends CompletedHead = RecordPayload<'interview.completed'>> = {
  storeId: string;
  completed: C | null;
  consent: RecordPayload<'notify.consent'> | null;
  optedOut: boolean;
  /** The decision in force (not undone), with its head-office arrival time. */
  current: { payload: RecordPayload<'decision.made'>; receivedAt: string } | null;
  undone: Set<string>;
  shiftStart: string | null;
  /** The second-round slot booked with the current decision (null when none, or released). */
  secondRound: RecordPayload<'secondround.booked'>['slot'] | null;
  /** Who booked it: a manager's name, or "applicant" for a pick on the phone page. */
  secondRoundBy: string | null;
  /** The slots offered with the current decision for the applicant to choose from (null when none). */
  offer: RecordPayload<'secondround.offered'> | null;
  /** The applicant's pick for the current decision (until and after the kiosk books it). */
  pick: { id: string; offerId: string; slot: RecordPayload<'secondround.booked'>['slot']; pickedAt: string } | null;
};

/** An interview's state as the notifier and the phone page see it (erased payloads are gone). */
export async function readInterview(q: Queryable, interviewId: string): Promise<InterviewView | null> {
  const owner = await q.get<{ store_id: string; kiosk_id: string }>('SELECT store_id, kiosk_id FROM ho_owners WHERE subject_id = ?', [interviewId]);
  if (!owner) return null;
  const rows = await q.all<Row>(
    'SELECT id, kind, store_id, kiosk_order, received_at, payload_json FROM ho_records WHERE interview_id = ? AND store_id = ? AND payload_json IS NOT NULL ORDER BY kiosk_order',
    [interviewId, owner.store_id],
  );
  const records = rows.flatMap((r) => {
    const p = parseRecord(r.kind, JSON.parse(r.payload_json));
    return p.ok ? [{ rec: p.record, receivedAt: r.received_at }] : [];
  });
  const v = foldView(owner.store_id, records);
  const decisionId = v.current?.payload.decisionId;
  if (decisionId && v.offer) {
    const p = await q.get<{ id: string; offer_id: string; slot_id: string; slot_date: string; slot_start: string; slot_place: string; picked_at: string }>(
      'SELECT id, offer_id, slot_id, slot_date, slot_start, slot_place, picked_at FROM ho_secondround_picks WHERE decision_id = ? AND interview_id = ?',
      [decisionId, interviewId],
    );
    v.pick = p ? { id: p.id, offerId: p.offer_id, slot: { slotId: p.slot_id, date: p.slot_date, start: p.slot_start, place: p.slot_place }, pickedAt: p.picked_at } : null;
  }
  v.optedOut = (await q.get('SELECT 1 AS x FROM ho_notify_optouts WHERE interview_id = ?', [interviewId])) !== undefined;
  return v;
}

/** An interview's records, in kiosk order, folded into the notifier's view (no pick, not opted out: those are rows, read by readInterview). */
function foldView<C extends CompletedHead>(storeId: string, records: Iterable<{ rec: IngestRecord<C>; receivedAt: string }>): InterviewView<C> {
  const v: InterviewView<C> = {
    storeId,
    completed: null,
    consent: null,
    optedOut: false,
    current: null,
    undone: new Set(),
    shiftStart: null,
    secondRound: null,
    secondRoundBy: null,
    offer: null,
    pick: null,
  };
  const bookings = new Map<string, RecordPayload<'secondround.booked'>>();
  const offers: RecordPayload<'secondround.offered'>[] = [];
  for (const { rec, receivedAt } of records) {
    if (rec.kind === 'interview.completed') v.completed ??= rec.payload;
    else if (rec.kind === 'notify.consent') v.consent = rec.payload;
    else if (rec.kind === 'decision.made') v.current = { payload: rec.payload, receivedAt };
    else if (rec.kind === 'decision.undone') {
      v.undone.add(rec.payload.decisionId);
      if (v.current?.payload.decisionId === rec.payload.decisionId) v.current = null;
    } else if (rec.kind === 'shift.assigned') v.shiftStart = rec.payload.startDate;
    else if (rec.kind === 'shift.unassigned') v.shiftStart = null;
    else if (rec.kind === 'secondround.booked') bookings.set(rec.payload.bookingId, rec.payload);
    else if (rec.kind === 'secondround.released') bookings.delete(rec.payload.bookingId);
    else if (rec.kind === 'secondround.offered') offers.push(rec.payload);
  }
  // Only a booking or offer made with the decision in force counts (an undone or replaced one does not).
  const decisionId = v.current?.payload.decisionId;
  const booking = [...bookings.values()].find((b) => b.decisionId === decisionId);
  v.secondRound = booking?.slot ?? null;
  v.secondRoundBy = booking?.bookedBy ?? null;
  v.offer = offers.findLast((o) => o.decisionId === decisionId) ?? null;
  return v;
}

const kindOf = (d: 'pass' | 'hold' | 'fail') => `decision-${d}` as const;

/**
 * `fresh`: the view of an interview first seen in the batch being ingested, folded from that
 * batch's records. Nothing about it exists at head office yet — no notification, no pick (the
 * phone page needs its receipt row, written here), no opt-out — so there is nothing to read,
 * cancel or resolve.
 */
export async function reconcileInterview(q: Queryable, interviewId: string, policy: NotifyPolicy = defaultPolicy, fresh?: InterviewView<CompletedHead>): Promise<void> {
  const v: InterviewView<CompletedHead> | null = fresh ?? (await readInterview(q, interviewId));
  if (!v) return;
  const nowIso = new Date(policy.now()).toISOString();
  const consented = v.consent?.granted === true && !v.optedOut;
  const cancel = async (reason: string, extra: string, params: string[]) =>
    q.run(`UPDATE ho_notifications SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE interview_id = ? AND status IN ${OPEN} ${extra}`, [reason, nowIso, interviewId, ...params]);
  if (!fresh) {
    for (const id of v.undone) await cancel('undone', 'AND event_key IN (?, ?)', [`decision:${id}`, `pick:${id}`]);
    if (v.current) await cancel('superseded', 'AND event_key NOT IN (?, ?)', [`decision:${v.current.payload.decisionId}`, `pick:${v.current.payload.decisionId}`]);
    else await cancel('superseded', '', []);
    // Picks of a decision no longer in force lapse; a pick the kiosk has booked is done. Either way the kiosk stops fetching it.
    await q.run(`UPDATE ho_secondround_picks SET resolved_at = ?, resolution = 'lapsed' WHERE interview_id = ? AND resolved_at IS NULL AND decision_id <> ?`, [
      nowIso,
      interviewId,
      v.current?.payload.decisionId ?? '',
    ]);
    if (v.current && v.secondRoundBy === 'applicant') {
      await q.run(`UPDATE ho_secondround_picks SET resolved_at = ?, resolution = 'booked' WHERE interview_id = ? AND resolved_at IS NULL AND decision_id = ?`, [
        nowIso,
        interviewId,
        v.current.payload.decisionId,
      ]);
    }
    if (!consented) await cancel('consent-withdrawn', '', []);
  }
  // A receipt row for the phone page (kept up to date here so the page needs no JSON search).
  const iv = v.completed?.interview;
  const mobile = v.completed?.applicant?.mobile ?? null;
  if (iv?.receiptCode && mobile && mobile.length >= 4) {
    await q.run('INSERT INTO ho_receipts (code_hash, check_hash, interview_id, store_id) VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING', [
      receiptHash(iv.receiptCode),
      receiptCheck(iv.receiptCode, mobile.slice(-4)),
      interviewId,
      v.storeId,
    ]);
  }
  if (!v.current || !consented || !v.completed || !mobile || !v.consent) return;
  const notBefore = Date.parse(v.current.receivedAt) + policy.holdMs;
  await q.run(
    `INSERT INTO ho_notifications (id, event_key, store_id, interview_id, kind, lang, channel, recipient, body_text, status, not_before_ms, next_attempt_ms, attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'queued', ?, ?, 0, ?, ?) ON CONFLICT (event_key) DO NOTHING`,
    [ulid(), `decision:${v.current.payload.decisionId}`, v.storeId, interviewId, kindOf(v.current.payload.decision), v.consent.lang, v.consent.channel, mobile, notBefore, notBefore, nowIso, nowIso],
  );
  // The applicant chose a second-round slot on the phone page: one confirmation, due at once.
  if (v.pick && v.current.payload.decision === 'hold') {
    const due = Date.parse(v.pick.pickedAt);
    await q.run(
      `INSERT INTO ho_notifications (id, event_key, store_id, interview_id, kind, lang, channel, recipient, body_text, status, not_before_ms, next_attempt_ms, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'secondround-picked', ?, ?, ?, NULL, 'queued', ?, ?, 0, ?, ?) ON CONFLICT (event_key) DO NOTHING`,
      [ulid(), `pick:${v.current.payload.decisionId}`, v.storeId, interviewId, v.consent.lang, v.consent.channel, mobile, due, due, nowIso, nowIso],
    );
  }
}

/** Ingest hook (inside the ingest transaction): every interview the accepted records touch. */
export async function onIngested(
  q: Queryable,
  accepted: readonly { interviewId: string | null; rec: IngestRecord }[],
  policy: NotifyPolicy = defaultPolicy,
  fresh?: { storeId: string; receivedAt: string; records: ReadonlyMap<string, readonly { rec: IngestRecord }[]> },
): Promise<void> {
  const relevant = new Set(['interview.completed', 'notify.consent', 'decision.made', 'decision.undone', 'secondround.booked', 'secondround.released', 'secondround.offered']);
  const ids = new Set(accepted.filter((a) => a.interviewId && relevant.has(a.rec.kind)).map((a) => a.interviewId!));
  for (const id of ids) {
    const recs = fresh?.records.get(id);
    const view =
      recs && fresh
        ? foldView(
            fresh.storeId,
            recs.map((r) => ({ rec: r.rec, receivedAt: fresh.receivedAt })),
          )
        : undefined;
    await reconcileInterview(q, id, policy, view);
  }
}

/** Tombstone hook: queued messages go, sent ones keep only id, status and times; second-round picks go (offers are records, erased with them). */
export async function forgetNotifications(q: Queryable, interviewIds: readonly string[]): Promise<void> {
  const now = new Date().toISOString();
  for (const id of interviewIds) {
    await q.run(`UPDATE ho_notifications SET status = 'erased', cancel_reason = 'erased on request' WHERE interview_id = ? AND status IN ('queued', 'failed', 'sending')`, [id]);
    await q.run('UPDATE ho_notify_attempts SET response_excerpt = NULL, error = NULL WHERE notification_id IN (SELECT id FROM ho_notifications WHERE interview_id = ?)', [id]);
    await q.run('UPDATE ho_notifications SET recipient = NULL, body_text = NULL, last_error = NULL, erased_at = ?, updated_at = ? WHERE interview_id = ?', [now, now, id]);
    await q.run('DELETE FROM ho_receipts WHERE interview_id = ?', [id]);
    await q.run('DELETE FROM ho_notify_optouts WHERE interview_id = ?', [id]);
    await q.run('DELETE FROM ho_secondround_picks WHERE interview_id = ?', [id]);
  }
}

/** Consent withdrawn on the phone page: recorded at head office, open messages cancelled. */
export async function optOut(q: Queryable, interviewId: string, policy: NotifyPolicy = defaultPolicy): Promise<void> {
  await q.run('INSERT INTO ho_notify_optouts (interview_id, at) VALUES (?, ?) ON CONFLICT (interview_id) DO NOTHING', [interviewId, new Date(policy.now()).toISOString()]);
  await reconcileInterview(q, interviewId, policy);
}
