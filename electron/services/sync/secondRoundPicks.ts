/**
 * The applicant's choice among offered second-round slots (issue 16, item 4) comes back from
 * head office's phone page on the kiosk's next sync: a kiosk-signed GET, like the audit anchor
 * (GET /v1/kiosks/second-round-picks). Head office lists this kiosk's picks it has not seen
 * booked yet; each becomes a booking here (applySecondRoundPick), and the bookings are pushed at
 * once so head office stops listing them and the phone page shows the booking. A pick whose
 * offer is no longer held (the decision was undone or replaced here) is left alone: head office
 * drops it once it has the newer decision.
 */
import { z } from 'zod';
import { signRequest } from '../../../core/sync/protocol.js';
import { createLogger } from '../../../core/logger.js';
import { applySecondRoundPick, type PickOutcome } from '../manager/secondRound.js';
import type { Db } from '../db/openDatabase.js';
import { pushPending, type PushOptions } from './push.js';
import type { SyncIdentity } from './state.js';

const log = createLogger('sync');

export const PICKS_PATH = '/v1/kiosks/second-round-picks';
const TIMEOUT_MS = 20_000;

const Pick = z.object({
  pickId: z.string().min(1).max(128),
  interviewId: z.string().min(1).max(128),
  decisionId: z.string().min(1).max(128),
  offerId: z.string().min(1).max(128),
  slotId: z.string().min(1).max(128),
  pickedAt: z.string().min(10).max(40),
});
export const PicksAnswer = z.object({ picks: z.array(Pick).max(1000) });

export type PicksRound = { ok: true; booked: number; already: number; stale: number } | { ok: false; message: string };

/** Fetches the picks head office holds for this kiosk (signed GET); the error says what a manager can do. */
export async function fetchSecondRoundPicks(me: SyncIdentity): Promise<{ ok: true; picks: z.infer<typeof Pick>[] } | { ok: false; message: string }> {
  const url = me.headOfficeUrl.replace(/\/+$/, '') + PICKS_PATH;
  try {
    const res = await fetch(url, {
      method: 'GET',
      headers: { 'x-kiosk-id': me.kioskId, 'x-signature': signRequest(me.privateKeyPem, me.kioskId, 'GET', PICKS_PATH, '') },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    // An older head office without the route: nothing to fetch, not an error worth a warning each round.
    if (res.status === 404) return { ok: true, picks: [] };
    if (!res.ok) return { ok: false, message: `Head office answered ${res.status} to the second-round picks request: ${text.slice(0, 200)}` };
    const parsed = PicksAnswer.safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, picks: parsed.data.picks } : { ok: false, message: 'Head office sent second-round picks this kiosk does not understand.' };
  } catch (e) {
    return { ok: false, message: `Head office cannot be reached for second-round picks (${(e as Error).name}); they come with the next sync.` };
  }
}

/**
 * One step of a sync round (after the push): fetch picks, book them, and push the bookings
 * straight away. Never throws: a failure is logged and the picks come again next round.
 */
export async function syncSecondRoundPicks(db: Db, me: SyncIdentity, opts: PushOptions = {}, now: () => Date = () => new Date()): Promise<PicksRound> {
  const got = await fetchSecondRoundPicks(me);
  if (!got.ok) {
    log.warn(got.message);
    return got;
  }
  const count: Record<PickOutcome, number> = { booked: 0, already: 0, stale: 0 };
  for (const p of got.picks) {
    try {
      count[applySecondRoundPick(db, p, now())]++;
    } catch (e) {
      log.error(`second-round pick ${p.pickId} could not be booked`, e);
    }
  }
  if (count.stale > 0) log.info(`${count.stale} second-round pick(s) are for offers no longer held here (decision undone or replaced); head office drops them`);
  if (count.booked > 0) {
    const push = await pushPending(db, me, opts);
    if (!push.ok) log.warn(`second-round bookings from picks wait for the next round: ${push.error ?? 'push failed'}`);
  }
  return { ok: true, ...count };
}
