/**
 * Issue 16, item 4: the manager offers several second-round slots and the applicant picks one on
 * head office's phone page. Real parts: the kiosk's own decision service on an encrypted SQLite
 * file, a real sync to a head office listening on 127.0.0.1 (SQLite or PostgreSQL store), the
 * phone page over HTTP (form posts, as a phone without JavaScript sends them), the kiosk's signed
 * GET for picks on its next sync, and a real local webhook receiver.
 * Run on SQLite and on PostgreSQL (secondRoundOffer.sqlite.test.ts, secondRoundOffer.pg.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide as decideAsManager, undoDecision } from '../../../electron/services/manager/decisions.js';
import { listSecondRoundSlots, removeSecondRoundSlot, saveSecondRoundSlot, secondRoundBooking, secondRoundOffer } from '../../../electron/services/manager/secondRound.js';
import { recordNotifyConsent } from '../../../electron/services/notify/notifyConsent.js';
import { createLookup } from '../../../electron/services/manager/lookup.js';
import { fetchSecondRoundPicks, PICKS_PATH } from '../../../electron/services/sync/secondRoundPicks.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { signRequest } from '../../../core/sync/protocol.js';
import { KioskError } from '../../../core/errors.js';
import { deliverDue, type WebhookConfig } from '../../../headoffice/notify/deliver.js';
import { DEFAULT_HOLD_MS, readInterview } from '../../../headoffice/notify/queue.js';
import { setStoreSettings } from '../../../headoffice/notify/templates.js';
import { applicantDetail } from '../../../headoffice/hr/applicants.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { receiptCode } from '../../../core/ids.js';
import { cleanupTempDirs, completeInterview, deleteApplicant, freshStore, startPgCluster, type HoKind, type PgCluster } from '../sync/harness.js';
import { enrolledKiosk, finishedInterview, latestDecisionId, startHo, startReceiver, verifySignature } from './notifyHarness.js';

const SECRET = 'offer-test-secret-0123456789';
const MANAGER = 'manager-li';

/** A local date `days` ahead as YYYY-MM-DD, and how the message and page write it (worked out with Intl, not with the code under test). */
function day(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    date,
    en: (start: string) => `${d.toLocaleDateString('en-GB', { weekday: 'short' })} ${d.getDate()} ${d.toLocaleDateString('en-GB', { month: 'short' })} ${d.getFullYear()} at ${start}`,
    zh: (start: string) => `${d.getMonth() + 1} 月 ${d.getDate()} 日（${d.toLocaleDateString('zh-CN', { weekday: 'short' })}）${start}`,
  };
}
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ');
const radios = (html: string) => [...html.matchAll(/<input type="radio"[^>]*name="s" value="([^"]+)"/g)].map((m) => m[1]!);

export function defineSecondRoundOfferSuite(kind: HoKind): void {
  let pg: PgCluster | null = null;
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof startHo>>;
  let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const d1 = day(10);
  const d2 = day(11);
  const cfg = (): WebhookConfig => ({ url: rx.url, secret: SECRET, timeoutMs: 2000, maxAttempts: 3, baseMs: 10, maxMs: 50 });
  const deliverAll = async () => {
    for (let i = 0; i < 3; i++) await deliverDue(store, cfg(), () => Date.now() + DEFAULT_HOLD_MS + 1000);
  };
  const slotsNow = () => Object.fromEntries(listSecondRoundSlots(kiosk.db, new Date()).map((s) => [s.id, s]));
  const newSlot = (date: string, start: string, place: string) => saveSecondRoundSlot(kiosk.db, MANAGER, { date, start, place, capacity: 1 }, new Date());

  /** The phone page as a phone posts it (application/x-www-form-urlencoded), answer as text. */
  async function phone(path: '/r' | '/r/pick', fields: Record<string, string>) {
    const r = await fetch(`${ho.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const html = await r.text();
    return { status: r.status, html, text: textOf(html), csp: r.headers.get('content-security-policy') };
  }
  const look = (a: { receiptCode: string; mobile: string }, lang: 'en' | 'zh' = 'en') => phone('/r', { c: a.receiptCode, d: a.mobile.slice(-4), lang });
  const pick = (a: { receiptCode: string; mobile: string }, offerId: string, slotId: string, lang: 'en' | 'zh' = 'en') =>
    phone('/r/pick', { c: a.receiptCode, d: a.mobile.slice(-4), lang, o: offerId, s: slotId });
  const offerIdOf = (html: string) => /name="o" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const picksRows = (interviewId: string) =>
    store.all<{ slot_id: string; resolved_at: string | null; resolution: string | null }>('SELECT slot_id, resolved_at, resolution FROM ho_secondround_picks WHERE interview_id = ?', [interviewId]);

  beforeAll(async () => {
    if (kind === 'pg') pg = await startPgCluster();
    store = await freshStore(kind, pg);
    // holdMs 0 for the page: a decision shows at once (the hold itself is the notifier suite's).
    ho = await startHo(store, { phone: { holdMs: 0, limits: { perSource: 10_000, perCodeFailures: 100 } } });
    kiosk = await enrolledKiosk(store, ho.url, 'S001');
    rx = await startReceiver(() => 'ok');
    await setStoreSettings(store, { storeId: 'S001', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: 'https://ho.example/r' });
  });
  afterAll(async () => {
    await rx.close();
    await ho.close();
    kiosk.close();
    await store.close();
    pg?.stop();
    cleanupTempDirs();
  });

  describe(`offered second-round slots (${kind})`, () => {
    it('offer → phone page lists the slots → one pick → a second pick refused → the kiosk books it on its next sync, frees the others → one confirmation in the applicant’s language', async () => {
      const s1 = newSlot(d1.date, '10:00', 'Office, 2nd floor');
      const s2 = newSlot(d1.date, '15:30', 'Office, 2nd floor');
      const s3 = newSlot(d2.date, '09:00', '二楼办公室');
      const a = finishedInterview(kiosk.db, { lang: 'en', name: 'Chen Jie' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());

      // The kiosk refuses an offer without a phone page to choose on, or with fewer than two slots; nothing is decided.
      const offer = (ids: string[], hasPhonePage = true) =>
        decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'meet the area manager', offerSlotIds: ids, hasPhonePage }, new Date());
      expect(() => offer([s1.id, s2.id], false)).toThrow(/result page/);
      expect(() => offer([s1.id])).toThrow(/between 2 and 6/);
      expect(() => decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'pass', reason: 'x', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date())).toThrow(
        /second interview/,
      );
      expect(kiosk.db.prepare('SELECT count(*) AS n FROM decisions WHERE interview_id = ?').get(a.interviewId)).toEqual({ n: 0 });

      offer([s1.id, s2.id, s3.id]);
      // Every offered slot holds its one place: the manager cannot book or remove it meanwhile.
      expect(
        Object.values(slotsNow())
          .filter((s) => [s1.id, s2.id, s3.id].includes(s.id))
          .map((s) => [s.booked, s.held, s.isFull]),
      ).toEqual([
        [0, 1, true],
        [0, 1, true],
        [0, 1, true],
      ]);
      const other = finishedInterview(kiosk.db, { lang: 'zh-CN' });
      let clash: unknown;
      try {
        decideAsManager(kiosk.db, MANAGER, { interviewId: other.interviewId, decision: 'hold', reason: 'second round', slotId: s2.id }, new Date());
      } catch (e) {
        clash = e;
      }
      expect(clash).toBeInstanceOf(KioskError);
      expect((clash as KioskError).message).toMatch(/is full \(0 booked and 1 held for applicants choosing a time, of 1\)/);
      expect(() => removeSecondRoundSlot(kiosk.db, MANAGER, s1.id, new Date())).toThrow(/offered this slot/);
      // What the manager's applicant page shows (applicantDetail's secondRound / secondRoundOffer).
      expect(secondRoundBooking(kiosk.db, a.interviewId)).toBeNull();
      expect(secondRoundOffer(kiosk.db, a.interviewId)?.slots.map((s) => s.slotId)).toEqual([s1.id, s2.id, s3.id]);
      // What the applicant sees when looking the result up at the kiosk: the offered times, nothing booked yet.
      const lookUp = () => createLookup(kiosk.db, () => new Date()).result(a.mobile, a.receiptCode);
      expect(lookUp()).toMatchObject({
        status: 'secondInterview',
        booked: null,
        offered: [
          { date: d1.date, start: '10:00', place: 'Office, 2nd floor' },
          { date: d1.date, start: '15:30', place: 'Office, 2nd floor' },
          { date: d2.date, start: '09:00', place: '二楼办公室' },
        ],
      });

      await kiosk.sync();
      const hv = await readInterview(store, a.interviewId);
      expect(hv?.offer?.slots.map((s) => s.slotId)).toEqual([s1.id, s2.id, s3.id]);

      // The decision's message says to choose on the result page, with the link.
      await deliverAll();
      const holdMsg = rx.got.filter((g) => g.body.to === a.mobile);
      expect(holdMsg).toHaveLength(1);
      expect(holdMsg[0]!.body).toMatchObject({ event: 'decision-hold', lang: 'en' });
      expect(holdMsg[0]!.body.text).toBe(
        `Jing’an store: thank you for applying for Cashier (part-time). The store invites you to a second interview: please choose one of the 3 times the store offers on your result page (link below). Details: https://ho.example/r?c=${a.receiptCode}&lang=en`,
      );

      // The page lists the three slots as a choice, under the strict CSP, no name.
      const page = await look(a);
      expect(page.status).toBe(200);
      expect(page.csp).toBe("default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      expect(page.text).toContain('Choose a time for your second interview');
      expect(radios(page.html)).toEqual([s1.id, s2.id, s3.id]);
      expect(page.text).toContain(d1.en('15:30'));
      expect(page.text).toContain(d2.en('09:00'));
      expect(page.html).not.toMatch(/Chen Jie|<script/);
      const offerId = offerIdOf(page.html);
      expect(offerId).toBe(hv!.offer!.offerId);

      // One pick.
      const ok = await pick(a, offerId, s2.id);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain(`Your time is booked Your second interview: ${d1.en('15:30')}, Office, 2nd floor. We will also text you this time.`);
      expect(ok.text).toContain('This is the time you chose.');
      expect(radios(ok.html)).toEqual([]);
      // A second pick, of another offered slot, is refused and changes nothing.
      const again = await pick(a, offerId, s3.id);
      expect(again.status).toBe(409);
      expect(again.text).toContain('You have already chosen a time');
      expect(again.text).toContain(d1.en('15:30'));
      expect(again.text).not.toContain(d2.en('09:00'));
      expect(await picksRows(a.interviewId)).toEqual([{ slot_id: s2.id, resolved_at: null, resolution: null }]);
      // The page after a fresh look-up shows the chosen time, not the choice.
      const later = await look(a, 'zh');
      expect(later.text).toContain(`${d1.zh('15:30')} 地点：Office, 2nd floor`);
      expect(later.text).toContain('这是你选的时间');
      expect(radios(later.html)).toEqual([]);

      // One confirmation, in English, signed, with the chosen slot.
      await deliverAll();
      const conf = rx.got.filter((g) => g.body.to === a.mobile && g.body.event === 'secondround-picked');
      expect(conf).toHaveLength(1);
      expect(verifySignature(SECRET, String(conf[0]!.headers['x-notify-signature']), conf[0]!.raw)).toBe(true);
      expect(conf[0]!.body).toMatchObject({ v: 1, channel: 'sms', lang: 'en', storeId: 'S001', link: `https://ho.example/r?c=${a.receiptCode}&lang=en` });
      expect(conf[0]!.body.text).toBe(
        `Jing’an store: your second interview for Cashier (part-time) is booked: ${d1.en('15:30')}, Office, 2nd floor. Please come then; to change the time, contact the store. Details: https://ho.example/r?c=${a.receiptCode}&lang=en`,
      );
      expect(conf[0]!.raw).not.toMatch(/Chen Jie|SECRET-ANSWER|score/i);
      console.log(`sample pick confirmation webhook body: ${conf[0]!.raw}`);

      // The kiosk's next sync fetches the pick (signed GET), books it and frees the other two.
      const me = getIdentity(kiosk.db)!;
      const listed = await fetchSecondRoundPicks(me);
      expect(listed.ok && listed.picks.map((p) => [p.interviewId, p.slotId])).toEqual([[a.interviewId, s2.id]]);
      await kiosk.sync();
      expect(secondRoundBooking(kiosk.db, a.interviewId)).toMatchObject({ slotId: s2.id, date: d1.date, start: '15:30', bookedBy: 'applicant' });
      expect(lookUp()).toMatchObject({ status: 'secondInterview', booked: { date: d1.date, start: '15:30', place: 'Office, 2nd floor' }, offered: [] });
      expect(secondRoundOffer(kiosk.db, a.interviewId)).toBeNull();
      const sl = slotsNow();
      expect([sl[s1.id], sl[s2.id], sl[s3.id]].map((s) => [s!.booked, s!.held, s!.isFull])).toEqual([
        [0, 0, false],
        [1, 0, true],
        [0, 0, false],
      ]);
      expect(kiosk.db.prepare('SELECT slot_id, release_cause, pick_id IS NOT NULL AS hasPick FROM second_round_offers WHERE interview_id = ? ORDER BY slot_id').all(a.interviewId)).toEqual(
        [
          { slot_id: s1.id, release_cause: 'not-picked', hasPick: 0 },
          { slot_id: s2.id, release_cause: 'picked', hasPick: 1 },
          { slot_id: s3.id, release_cause: 'not-picked', hasPick: 0 },
        ].sort((x, y) => x.slot_id.localeCompare(y.slot_id)),
      );
      const audit = kiosk.db.prepare(`SELECT actor, action FROM audit_log WHERE subject = ? AND action LIKE 'secondround.%' ORDER BY seq`).all(a.interviewId);
      expect(audit).toEqual([
        { actor: MANAGER, action: 'secondround.offered' },
        { actor: 'applicant', action: 'secondround.picked' },
      ]);
      // The booking went to head office in the same round: the pick is resolved, the kiosk's list is empty, the page shows the booking.
      expect(await picksRows(a.interviewId)).toEqual([{ slot_id: s2.id, resolved_at: expect.any(String), resolution: 'booked' }]);
      const hv2 = await readInterview(store, a.interviewId);
      expect(hv2).toMatchObject({ secondRound: { slotId: s2.id, date: d1.date, start: '15:30' }, secondRoundBy: 'applicant' });
      // HR's applicant page lists the offer and a booking made by the applicant (worded, not the raw 'applicant').
      const events = (await applicantDetail(store, a.interviewId))!.events;
      expect(events.filter((e) => e.kind.startsWith('second_round')).map((e) => [e.kind, e.by])).toEqual([
        ['second_round_offered', MANAGER],
        ['second_round_booked', 'applicant'],
      ]);
      expect(events.find((e) => e.kind === 'second_round_offered')!.detail).toContain(`${d1.date} 15:30`);
      const empty = await fetchSecondRoundPicks(me);
      expect(empty).toEqual({ ok: true, picks: [] });
      // Freed slots take someone else; another round books nothing twice and sends nothing more.
      decideAsManager(kiosk.db, MANAGER, { interviewId: other.interviewId, decision: 'hold', reason: 'second round', slotId: s3.id }, new Date());
      await kiosk.sync();
      await deliverAll();
      expect(rx.got.filter((g) => g.body.to === a.mobile)).toHaveLength(2);
      expect(kiosk.db.prepare(`SELECT count(*) AS n FROM second_round_bookings WHERE interview_id = ?`).get(a.interviewId)).toEqual({ n: 1 });
    });

    it('two picks at the same moment: exactly one is taken', async () => {
      const s1 = newSlot(d2.date, '11:00', 'Office');
      const s2 = newSlot(d2.date, '11:30', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'zh-CN' });
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: '和区域经理见面', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      const offerId = offerIdOf((await look(a, 'zh')).html);
      const [x, y] = await Promise.all([pick(a, offerId, s1.id, 'zh'), pick(a, offerId, s2.id, 'zh')]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      expect([x, y].find((r) => r.status === 409)!.text).toContain('你已经选过时间了');
      expect(await picksRows(a.interviewId)).toHaveLength(1);
    });

    it('a slot that was not offered, no slot, wrong digits or an unknown code: refused, the last two with the page’s usual answer', async () => {
      const s1 = newSlot(d2.date, '13:00', 'Office');
      const s2 = newSlot(d2.date, '13:30', 'Office');
      const notOffered = newSlot(d2.date, '14:00', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      const offerId = offerIdOf((await look(a)).html);
      const r1 = await pick(a, offerId, notOffered.id);
      expect(r1.status).toBe(409);
      expect(r1.text).toContain('That time cannot be chosen');
      expect(radios(r1.html)).toEqual([s1.id, s2.id]);
      const r2 = await pick(a, offerId, '');
      expect(r2.status).toBe(409);
      expect(r2.text).toContain('Please choose a time first');
      const wrong = a.mobile.slice(-4) === '0000' ? '1111' : '0000';
      const w = await phone('/r/pick', { c: a.receiptCode, d: wrong, lang: 'en', o: offerId, s: s1.id });
      const u = await phone('/r/pick', { c: 'ZZZZZZZZZZZZ', d: a.mobile.slice(-4), lang: 'en', o: offerId, s: s1.id });
      expect(w.status).toBe(200);
      expect(w.text).toContain('Nothing here yet');
      const notice = (h: string) => /<section class="notice[^]*?<\/section>/.exec(h)?.[0];
      expect(notice(w.html)).toBe(notice(u.html));
      expect(await picksRows(a.interviewId)).toEqual([]);
    });

    it('undo before the pick: the page shows no offer, the pick is refused, the slots are free, nothing is sent', async () => {
      const s1 = newSlot(d2.date, '16:00', 'Office');
      const s2 = newSlot(d2.date, '16:30', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      const shown = await look(a);
      expect(radios(shown.html)).toEqual([s1.id, s2.id]);
      const offerId = offerIdOf(shown.html);
      undoDecision(kiosk.db, MANAGER, latestDecisionId(kiosk.db, a.interviewId), new Date());
      expect([slotsNow()[s1.id]!.held, slotsNow()[s2.id]!.held]).toEqual([0, 0]);
      expect(kiosk.db.prepare('SELECT DISTINCT release_cause AS c FROM second_round_offers WHERE interview_id = ?').all(a.interviewId)).toEqual([{ c: 'decision-undone' }]);
      await kiosk.sync();
      const page = await look(a);
      expect(radios(page.html)).toEqual([]);
      expect(page.text).toContain('Received — waiting for review');
      const refused = await pick(a, offerId, s1.id);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('These times can no longer be chosen');
      expect(await picksRows(a.interviewId)).toEqual([]);
      const before = rx.got.length;
      await deliverAll();
      expect(rx.got.slice(before).filter((g) => g.body.to === a.mobile)).toHaveLength(0);
    });

    it('a new decision after the pick reached head office, before the kiosk fetched it: the pick lapses, no booking, its confirmation is not sent', async () => {
      const s1 = newSlot(d2.date, '17:00', 'Office');
      const s2 = newSlot(d2.date, '17:30', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      expect((await pick(a, offerIdOf((await look(a)).html), s1.id)).status).toBe(200);
      // Offline meanwhile, the manager decides again ("fail"): the offers are released on the kiosk.
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'fail', reason: 'the store filled the opening' }, new Date());
      expect([slotsNow()[s1.id]!.held, slotsNow()[s2.id]!.held]).toEqual([0, 0]);
      await kiosk.sync();
      expect(await picksRows(a.interviewId)).toEqual([{ slot_id: s1.id, resolved_at: expect.any(String), resolution: 'lapsed' }]);
      expect(kiosk.db.prepare('SELECT count(*) AS n FROM second_round_bookings WHERE interview_id = ?').get(a.interviewId)).toEqual({ n: 0 });
      expect(
        await store.all<{ kind: string; status: string; cancel_reason: string | null }>('SELECT kind, status, cancel_reason FROM ho_notifications WHERE interview_id = ? ORDER BY kind', [
          a.interviewId,
        ]),
      ).toEqual([
        { kind: 'decision-fail', status: 'queued', cancel_reason: null },
        { kind: 'decision-hold', status: 'cancelled', cancel_reason: 'superseded' },
        { kind: 'secondround-picked', status: 'cancelled', cancel_reason: 'superseded' },
      ]);
      expect((await look(a)).text).toContain('Not this time');
    });

    it('erasure (tombstone) removes the offer and the pick at head office, and the held places on the kiosk', async () => {
      const s1 = newSlot(d2.date, '18:00', 'Office');
      const s2 = newSlot(d2.date, '18:30', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      expect((await pick(a, offerIdOf((await look(a)).html), s2.id)).status).toBe(200);
      deleteApplicant(kiosk.db, a.applicantId);
      expect(kiosk.db.prepare('SELECT count(*) AS n FROM second_round_offers WHERE interview_id = ?').get(a.interviewId)).toEqual({ n: 0 });
      expect([slotsNow()[s1.id]!.held, slotsNow()[s2.id]!.held]).toEqual([0, 0]);
      await kiosk.sync();
      expect(await picksRows(a.interviewId)).toEqual([]);
      expect(await store.all(`SELECT id FROM ho_records WHERE interview_id = ? AND kind = 'secondround.offered' AND payload_json IS NOT NULL`, [a.interviewId])).toEqual([]);
      expect(await store.all(`SELECT id FROM ho_records WHERE interview_id = ? AND kind = 'secondround.offered'`, [a.interviewId])).toHaveLength(1);
      const n = await store.all<{ status: string; recipient: string | null }>('SELECT status, recipient FROM ho_notifications WHERE interview_id = ?', [a.interviewId]);
      expect(n.every((x) => x.recipient === null && ['erased', 'cancelled', 'sent'].includes(x.status))).toBe(true);
      const gone = await look(a);
      expect(gone.text).toContain('Nothing here yet');
      expect(await fetchSecondRoundPicks(getIdentity(kiosk.db)!)).toEqual({ ok: true, picks: [] });
    });

    it('a result code as the kiosk writes it (ABCD-EFGH-JKMN, also in the QR link) is found with or without its dashes, and the offer can be picked', async () => {
      const s1 = newSlot(d2.date, '20:00', 'Office');
      const s2 = newSlot(d2.date, '20:30', 'Office');
      const c = completeInterview(kiosk.db, { band: 'borderline' });
      const code = receiptCode();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // The interview.completed record is built from the rows when sealed, so it carries this code.
      kiosk.db.prepare('UPDATE interviews SET receipt_code = ? WHERE id = ?').run(code, c.interviewId);
      decideAsManager(kiosk.db, MANAGER, { interviewId: c.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      for (const typed of [code, code.replace(/-/g, ''), code.toLowerCase().replace(/-/g, ' ')]) {
        const p = await look({ receiptCode: typed, mobile: c.mobile });
        expect(radios(p.html), typed).toEqual([s1.id, s2.id]);
      }
      const p = await look({ receiptCode: code, mobile: c.mobile });
      expect((await pick({ receiptCode: code, mobile: c.mobile }, offerIdOf(p.html), s2.id)).status).toBe(200);
    });

    it('the picks route answers only a correctly signed kiosk, and only with its own picks', async () => {
      const unsigned = await fetch(`${ho.url}${PICKS_PATH}`, { headers: { 'x-kiosk-id': getIdentity(kiosk.db)!.kioskId } });
      expect(unsigned.status).toBe(401);
      const me = getIdentity(kiosk.db)!;
      const forged = await fetch(`${ho.url}${PICKS_PATH}`, { headers: { 'x-kiosk-id': me.kioskId, 'x-signature': signRequest(me.privateKeyPem, me.kioskId, 'GET', '/v1/downlink', '') } });
      expect(forged.status).toBe(401);
      // A second kiosk of the same store does not see the first kiosk's picks.
      const s1 = newSlot(d2.date, '19:00', 'Office');
      const s2 = newSlot(d2.date, '19:30', 'Office');
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      decideAsManager(kiosk.db, MANAGER, { interviewId: a.interviewId, decision: 'hold', reason: 'second round', offerSlotIds: [s1.id, s2.id], hasPhonePage: true }, new Date());
      await kiosk.sync();
      expect((await pick(a, offerIdOf((await look(a)).html), s1.id)).status).toBe(200);
      const k2 = await enrolledKiosk(store, ho.url, 'S001');
      try {
        expect(await fetchSecondRoundPicks(getIdentity(k2.db)!)).toEqual({ ok: true, picks: [] });
        const mine = await fetchSecondRoundPicks(me);
        expect(mine.ok && mine.picks.map((p) => p.interviewId)).toEqual([a.interviewId]);
      } finally {
        k2.close();
      }
    });
  });
}
