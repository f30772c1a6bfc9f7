/**
 * Issue 16, head-office notifier: kiosk → sync → decision → notifier → a real local webhook
 * receiver on 127.0.0.1 that fails (500), hangs past the timeout and so gets duplicates.
 * Exactly one signed message per decision, in the applicant's language, no answers or scores;
 * nothing without consent, nothing after an undo, erasure clears the queue; dead letters and
 * resend; template checks; second-round slots in the message. Run on SQLite and on PostgreSQL
 * (notifier.sqlite.test.ts, notifier.pg.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDO_WINDOW_MS } from '../../../electron/services/manager/applicantDetail.js';
import { decide as decideAsManager, undoDecision } from '../../../electron/services/manager/decisions.js';
import { listSecondRoundSlots, removeSecondRoundSlot, saveSecondRoundSlot } from '../../../electron/services/manager/secondRound.js';
import { KioskError } from '../../../core/errors.js';
import { recordNotifyConsent } from '../../../electron/services/notify/notifyConsent.js';
import { listNotifications, notificationCounts, resendNotification } from '../../../headoffice/notify/admin.js';
import { deliverDue, type WebhookConfig } from '../../../headoffice/notify/deliver.js';
import { DEFAULT_HOLD_MS, KIOSK_UNDO_WINDOW_MS, readInterview } from '../../../headoffice/notify/queue.js';
import { checkTemplate, openingTitle, setStoreSettings, setTemplate } from '../../../headoffice/notify/templates.js';
import { publishDownlink } from '../../../headoffice/publish.js';
import { DEFAULT_SHIPPED } from '../../../headoffice/shipped.js';
import { createAdmin } from '../../../headoffice/auth/admins.js';
import { ConsoleClient, tableOf, textOf } from '../headoffice-console/consoleClient.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, decide, deleteApplicant, freshStore, startPgCluster, type HoKind, type PgCluster } from '../sync/harness.js';
import { enrolledKiosk, finishedInterview, latestDecisionId, startHo, startReceiver, verifySignature, type Behaviour } from './notifyHarness.js';

/** A date `days` ahead (local), and how the message writes it: "Tue 12 Jan 2027" / "1 月 12 日（周二）" (worked out here with Intl, not with the code under test). */
function slotDate(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const wdEn = d.toLocaleDateString('en-GB', { weekday: 'short' });
  const wdZh = d.toLocaleDateString('zh-CN', { weekday: 'short' });
  return { date, en: `${wdEn} ${d.getDate()} ${d.toLocaleDateString('en-GB', { month: 'short' })} ${d.getFullYear()}`, zh: `${d.getMonth() + 1} 月 ${d.getDate()} 日（${wdZh}）` };
}

export function defineNotifierSuite(kind: HoKind): void {
  const SECRET = 'test-secret-0123456789abcdef';
  const LATER = () => Date.now() + DEFAULT_HOLD_MS + 1000; // past the undo hold
  let pg: PgCluster | null = null;
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof startHo>>;
  let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
  let plan: Behaviour[] = [];
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let bookedInterview = '';
  const cfg = (): WebhookConfig => ({ url: rx.url, secret: SECRET, timeoutMs: 400, maxAttempts: 4, baseMs: 10, maxMs: 50 });
  const rowsFor = (interviewId: string) =>
    store.all<{ id: string; status: string; recipient: string | null; body_text: string | null; cancel_reason: string | null; kind: string }>('SELECT * FROM ho_notifications WHERE interview_id = ?', [
      interviewId,
    ]);

  /** Delivery passes with a clock past the hold, until nothing is due (back-off steps are ms). */
  async function deliverAll(passes = 12) {
    let t = LATER();
    for (let i = 0; i < passes; i++) {
      await deliverDue(store, cfg(), () => t);
      t += 1000;
    }
  }

  beforeAll(async () => {
    if (kind === 'pg') pg = await startPgCluster();
    store = await freshStore(kind, pg);
    ho = await startHo(store);
    kiosk = await enrolledKiosk(store, ho.url, 'S001');
    rx = await startReceiver(() => plan.shift() ?? 'ok');
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

  describe(`notifier (${kind})`, () => {
    it('head office holds a decision for as long as the kiosk can undo it', () => {
      expect(KIOSK_UNDO_WINDOW_MS).toBe(UNDO_WINDOW_MS);
      expect(DEFAULT_HOLD_MS).toBeGreaterThan(UNDO_WINDOW_MS);
    });

    it('sends exactly one signed message per decision in the applicant’s language, through 500s and a timeout, and not again on replay', async () => {
      const a = finishedInterview(kiosk.db, { lang: 'en', name: 'Chen Jie' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, a.interviewId, 'pass');
      await kiosk.sync();
      const [q] = await rowsFor(a.interviewId);
      expect(q).toMatchObject({ status: 'queued', kind: 'decision-pass' });

      // Within the hold nothing goes out.
      await deliverDue(store, cfg());
      expect(rx.got).toHaveLength(0);

      plan = ['500', 'hang', 'ok'];
      await deliverAll();
      expect(rx.got.map((g) => g.answered)).toEqual(['500', 'hang', 'ok']);
      // The gateway saw the same message three times (the hung one was processed late): one idempotency key, identical bodies, all signed.
      expect(new Set(rx.got.map((g) => g.headers['idempotency-key'])).size).toBe(1);
      expect(new Set(rx.got.map((g) => g.raw)).size).toBe(1);
      for (const g of rx.got) expect(verifySignature(SECRET, String(g.headers['x-notify-signature']), g.raw)).toBe(true);
      expect(verifySignature('wrong-secret-0123456789', String(rx.got[0]!.headers['x-notify-signature']), rx.got[0]!.raw)).toBe(false);
      const body = rx.got[0]!.body;
      expect(body).toMatchObject({ v: 1, event: 'decision-pass', channel: 'sms', to: a.mobile, lang: 'en', storeId: 'S001' });
      expect(body.text).toContain('Jing’an store');
      expect(body.text).toContain('Cashier (part-time)');
      expect(body.link).toBe(`https://ho.example/r?c=${a.receiptCode}&lang=en`);
      // Minimal: no name, no answers, no score.
      expect(rx.got[0]!.raw).not.toMatch(/Chen Jie|王|SECRET-ANSWER|收银|overall|band|score|recommend/i);
      expect(Object.keys(body).sort()).toEqual(['channel', 'createdAt', 'event', 'id', 'idempotencyKey', 'lang', 'link', 'storeId', 'text', 'to', 'v']);

      const [sent] = await listNotifications(store, { store: 'S001' });
      expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastStatus: 200 });
      expect(sent!.to).toBe(`*******${a.mobile.slice(-4)}`);
      const attempts = await store.all<{ http_status: number | null; error: string | null }>('SELECT http_status, error FROM ho_notify_attempts WHERE notification_id = ? ORDER BY attempt', [
        sent!.id,
      ]);
      expect(attempts.map((x) => x.http_status)).toEqual([500, null, 200]);
      expect(attempts[1]!.error).toMatch(/no answer within 400 ms/);

      // Replays: the same batches again (head office sees duplicates), a new sync round, more passes.
      await store.run('DELETE FROM ho_notifications WHERE 0 = 1');
      kiosk.db.prepare('UPDATE outbox SET acked_at = NULL').run();
      await kiosk.sync().catch(() => undefined);
      await deliverAll(3);
      expect(await rowsFor(a.interviewId)).toHaveLength(1);
      expect(rx.got).toHaveLength(3);
      expect((await resendNotification(store, sent!.id)).ok).toBe(false);
    });

    it('writes Chinese for an applicant who used Chinese', async () => {
      rx.got.length = 0;
      const a = finishedInterview(kiosk.db, { lang: 'zh-CN' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'wechat' }, new Date());
      decide(kiosk.db, a.interviewId, 'fail');
      await kiosk.sync();
      await deliverAll(2);
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]!.body).toMatchObject({ lang: 'zh-CN', channel: 'wechat', event: 'decision-fail' });
      expect(String(rx.got[0]!.body.text)).toMatch(/^【静安店】感谢你应聘收银员（兼职）岗位/);
    });

    it('sends nothing without consent, or after consent was withdrawn', async () => {
      rx.got.length = 0;
      const none = finishedInterview(kiosk.db);
      decide(kiosk.db, none.interviewId, 'pass');
      const withdrawn = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: withdrawn.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, withdrawn.interviewId, 'pass');
      await kiosk.sync();
      expect(await rowsFor(none.interviewId)).toHaveLength(0);
      expect((await rowsFor(withdrawn.interviewId))[0]?.status).toBe('queued');
      recordNotifyConsent(kiosk.db, 'staff', { interviewId: withdrawn.interviewId, granted: false, channel: 'sms' }, new Date());
      await kiosk.sync();
      expect((await rowsFor(withdrawn.interviewId))[0]).toMatchObject({ status: 'cancelled', cancel_reason: 'consent-withdrawn' });
      await deliverAll(2);
      expect(rx.got).toHaveLength(0);
    });

    it('sends nothing for a decision undone within the undo window — synced together or one round later', async () => {
      rx.got.length = 0;
      const together = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: together.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, together.interviewId, 'pass');
      undoDecision(kiosk.db, 'harness-manager', latestDecisionId(kiosk.db, together.interviewId), new Date());
      const later = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: later.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, later.interviewId, 'fail');
      await kiosk.sync();
      expect(await rowsFor(together.interviewId)).toHaveLength(0);
      expect((await rowsFor(later.interviewId))[0]?.status).toBe('queued');
      undoDecision(kiosk.db, 'harness-manager', latestDecisionId(kiosk.db, later.interviewId), new Date());
      await kiosk.sync();
      expect((await rowsFor(later.interviewId))[0]).toMatchObject({ status: 'cancelled', cancel_reason: 'undone' });
      await deliverAll(2);
      expect(rx.got).toHaveLength(0);
      // A new decision after the undo is its own message (one, for the new decision).
      decide(kiosk.db, later.interviewId, 'pass');
      await kiosk.sync();
      await deliverAll(2);
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]!.body.event).toBe('decision-pass');
    });

    it('erasure (tombstone) clears queued notifications and the personal fields of delivery logs', async () => {
      rx.got.length = 0;
      const sentOne = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: sentOne.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, sentOne.interviewId, 'pass');
      const queued = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: queued.interviewId, granted: true, channel: 'sms' }, new Date());
      await kiosk.sync();
      await deliverAll(2);
      expect(rx.got).toHaveLength(1);
      decide(kiosk.db, queued.interviewId, 'hold');
      await kiosk.sync();
      expect((await rowsFor(queued.interviewId))[0]?.status).toBe('queued');

      deleteApplicant(kiosk.db, queued.applicantId);
      deleteApplicant(kiosk.db, sentOne.applicantId);
      await kiosk.sync();
      const q = (await rowsFor(queued.interviewId))[0]!;
      expect(q).toMatchObject({ status: 'erased', recipient: null, body_text: null });
      const s = (await rowsFor(sentOne.interviewId))[0]!;
      expect(s).toMatchObject({ status: 'sent', recipient: null, body_text: null });
      const dump =
        JSON.stringify(await store.all('SELECT * FROM ho_notifications')) +
        JSON.stringify(await store.all('SELECT * FROM ho_notify_attempts')) +
        JSON.stringify(await store.all('SELECT * FROM ho_receipts'));
      for (const m of [queued.mobile, sentOne.mobile]) expect(dump).not.toContain(m);
      expect(await store.all('SELECT * FROM ho_receipts WHERE interview_id IN (?, ?)', [queued.interviewId, sentOne.interviewId])).toHaveLength(0);
      await deliverAll(2);
      expect(rx.got).toHaveLength(1);
      expect((await resendNotification(store, q.id)).ok).toBe(false);
    });

    it('gives up after maxAttempts (dead, visible to the admin), or at once on a 4xx; resend puts it back with the same idempotency key', async () => {
      rx.got.length = 0;
      const a = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, a.interviewId, 'pass');
      const b = finishedInterview(kiosk.db);
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: b.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, b.interviewId, 'fail');
      await kiosk.sync();
      const aId = (await rowsFor(a.interviewId))[0]!.id;
      const bId = (await rowsFor(b.interviewId))[0]!.id;
      const byId: Record<string, Behaviour[]> = { [aId]: ['500', '500', '500', '500'], [bId]: ['400'] };
      rx.got.length = 0;

      // Routed by idempotency key: a fails four times, b is refused with 400.

      const rx2 = await startReceiver((h) => byId[String(h['idempotency-key'])]?.shift() ?? 'ok');
      let t = LATER();
      for (let i = 0; i < 8; i++) {
        await deliverDue(store, { ...cfg(), url: rx2.url }, () => t);
        t += 1000;
      }
      const list = await listNotifications(store, { status: 'dead' });
      expect(list.map((n) => n.id).sort()).toEqual([aId, bId].sort());
      expect(list.find((n) => n.id === aId)).toMatchObject({ attempts: 4, lastStatus: 500 });
      expect(list.find((n) => n.id === bId)).toMatchObject({ attempts: 1, lastStatus: 400, lastError: 'gateway answered HTTP 400' });
      expect((await notificationCounts(store, 'S001')).dead).toBe(2);

      expect(await resendNotification(store, aId)).toEqual({ ok: true, id: aId, status: 'queued' });
      await deliverDue(store, { ...cfg(), url: rx2.url }, () => t);
      expect((await listNotifications(store, {})).find((n) => n.id === aId)?.status).toBe('sent');
      expect(rx2.got.filter((g) => g.headers['idempotency-key'] === aId)).toHaveLength(5);
      await rx2.close();
    });

    it('uses the store’s own template, and refuses templates with unknown or missing placeholders', async () => {
      expect(checkTemplate('decision-pass', 'en', '{store}: {opening} {link} {first_name}')).toEqual({
        ok: false,
        message: 'decision-pass en: unknown placeholder(s) {first_name}; allowed: {store}, {opening}, {link}, {code}, {slot}',
      });
      expect(checkTemplate('decision-fail', 'zh-CN', '【{store}】感谢应聘{opening}')).toEqual({ ok: false, message: 'decision-fail zh-CN: missing required placeholder(s) {link}' });
      expect(checkTemplate('decision-hold', 'en', '{store} {opening} {link')).toMatchObject({ ok: false, message: expect.stringMatching(/unbalanced/) });
      expect(checkTemplate('decision-maybe', 'en', '{store}')).toMatchObject({ ok: false });
      await expect(setTemplate(store, 'S001', 'decision-pass', 'en', '{store} {score}')).rejects.toThrow(/template refused: .*unknown placeholder\(s\) \{score\}/);
      await setTemplate(store, 'S001', 'decision-pass', 'en', 'Hi from {store} about {opening}: {link} (code {code})');
      rx.got.length = 0;
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, a.interviewId, 'pass');
      await kiosk.sync();
      await deliverAll(2);
      expect(rx.got.at(-1)!.body.text).toBe(`Hi from Jing’an store about Cashier (part-time): https://ho.example/r?c=${a.receiptCode}&lang=en (code ${a.receiptCode})`);
      // {opening} is the title of the pack head office published last, else the shipped pack's, else the pack id.
      expect(await openingTitle(store, 'cashier', 'zh-CN')).toBe('收银员（兼职）');
      expect(await openingTitle(store, 'no-such-pack', 'en')).toBe('no-such-pack');
      expect(await openingTitle(store, 'delivery-rider', 'en')).toBe('Delivery rider (part-time, lunch and dinner peaks)');
      const pack = JSON.parse(fs.readFileSync(path.join(DEFAULT_SHIPPED.packsDir, 'delivery-rider.json'), 'utf8')) as { opening: { title: Record<string, string> } };
      pack.opening.title = { 'zh-CN': '骑手（周末班）', en: 'Rider (weekends)' };
      await publishDownlink(store, 'pack', 'delivery-rider', Buffer.from(JSON.stringify(pack)));
      expect(await openingTitle(store, 'delivery-rider', 'en')).toBe('Rider (weekends)');
    });
    it('a second interview booked on a slot: one message carrying the slot, in the applicant’s language; head office knows the booking', async () => {
      rx.got.length = 0;
      const { date, en, zh } = slotDate(30);
      const slot = saveSecondRoundSlot(kiosk.db, 'harness-manager', { date, start: '14:30', place: 'Office, 2nd floor / 二楼办公室', capacity: 2 }, new Date());
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      const b = finishedInterview(kiosk.db, { lang: 'zh-CN' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: b.interviewId, granted: true, channel: 'wechat' }, new Date());
      decideAsManager(kiosk.db, 'harness-manager', { interviewId: a.interviewId, decision: 'hold', reason: 'meet the area manager', slotId: slot.id }, new Date());
      decideAsManager(kiosk.db, 'harness-manager', { interviewId: b.interviewId, decision: 'hold', reason: 'meet the area manager', slotId: slot.id }, new Date());
      expect(listSecondRoundSlots(kiosk.db, new Date()).find((x) => x.id === slot.id)).toMatchObject({ booked: 2, isFull: true });
      await kiosk.sync();
      expect((await readInterview(store, a.interviewId))?.secondRound).toEqual({ slotId: slot.id, date, start: '14:30', place: 'Office, 2nd floor / 二楼办公室' });
      await deliverAll(2);
      expect(rx.got).toHaveLength(2);
      const byLang = Object.fromEntries(rx.got.map((g) => [g.body.lang, g.body]));
      bookedInterview = a.interviewId;
      expect(byLang.en).toMatchObject({ event: 'decision-hold', to: a.mobile, channel: 'sms' });
      expect(byLang.en!.text).toBe(
        `Jing’an store: thank you for applying for Cashier (part-time). The store invites you to a second interview: ${en} at 14:30, Office, 2nd floor / 二楼办公室. Details: https://ho.example/r?c=${a.receiptCode}&lang=en`,
      );
      expect(byLang['zh-CN']).toMatchObject({ event: 'decision-hold', to: b.mobile, channel: 'wechat' });
      expect(byLang['zh-CN']!.text).toBe(
        `【静安店】感谢你应聘收银员（兼职）岗位，门店邀请你参加第二次面试：${zh}14:30，地点：Office, 2nd floor / 二楼办公室。查看详情：https://ho.example/r?c=${b.receiptCode}&lang=zh`,
      );
      console.log(`sample webhook body with a second-round slot: ${rx.got.find((g) => g.body.lang === 'en')!.raw}`);
    });

    it('a full slot is refused on the kiosk and nothing is decided; a removed slot cannot be booked; a booked slot cannot be removed', () => {
      const { date } = slotDate(31);
      const slot = saveSecondRoundSlot(kiosk.db, 'harness-manager', { date, start: '10:00', place: 'Back office', capacity: 1 }, new Date());
      expect(() => saveSecondRoundSlot(kiosk.db, 'harness-manager', { date, start: '10:00', place: 'Back office', capacity: 1 }, new Date())).toThrow(/already a slot on .* at 10:00/);
      const first = finishedInterview(kiosk.db);
      const second = finishedInterview(kiosk.db);
      decideAsManager(kiosk.db, 'harness-manager', { interviewId: first.interviewId, decision: 'hold', reason: 'second round', slotId: slot.id }, new Date());
      const outboxBefore = (kiosk.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      let err: unknown;
      try {
        decideAsManager(kiosk.db, 'harness-manager', { interviewId: second.interviewId, decision: 'hold', reason: 'second round', slotId: slot.id }, new Date());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(KioskError);
      expect((err as KioskError).message).toBe(`The slot on ${date} at 10:00 is full (1 of 1 booked). Pick another slot or add one in Settings.`);
      // The refused decision left nothing behind: no decision row, no record, no audit of a booking.
      expect(kiosk.db.prepare('SELECT count(*) AS n FROM decisions WHERE interview_id = ?').get(second.interviewId)).toEqual({ n: 0 });
      expect((kiosk.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(outboxBefore);
      expect(() => removeSecondRoundSlot(kiosk.db, 'harness-manager', slot.id, new Date())).toThrow(/1 applicant\(s\) are booked on this slot/);
      expect(() => decideAsManager(kiosk.db, 'harness-manager', { interviewId: second.interviewId, decision: 'pass', reason: 'x', slotId: slot.id }, new Date())).toThrow(/second interview/);
      const other = saveSecondRoundSlot(kiosk.db, 'harness-manager', { date, start: '11:00', place: 'Back office', capacity: 1 }, new Date());
      expect(removeSecondRoundSlot(kiosk.db, 'harness-manager', other.id, new Date())).toBe(true);
      expect(() => decideAsManager(kiosk.db, 'harness-manager', { interviewId: second.interviewId, decision: 'hold', reason: 'second round', slotId: other.id }, new Date())).toThrow(
        /no longer exists/,
      );
      const audit = kiosk.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'secondround.%' ORDER BY rowid`).all() as { action: string }[];
      expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['secondround.slot.added', 'secondround.booked', 'secondround.slot.removed']));
    });

    it('undoing a booked second interview within the window sends nothing and frees the slot', async () => {
      rx.got.length = 0;
      const { date } = slotDate(32);
      const slot = saveSecondRoundSlot(kiosk.db, 'harness-manager', { date, start: '09:00', place: 'Office', capacity: 1 }, new Date());
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decideAsManager(kiosk.db, 'harness-manager', { interviewId: a.interviewId, decision: 'hold', reason: 'second round', slotId: slot.id }, new Date());
      await kiosk.sync();
      expect((await rowsFor(a.interviewId))[0]?.status).toBe('queued');
      undoDecision(kiosk.db, 'harness-manager', latestDecisionId(kiosk.db, a.interviewId), new Date());
      expect(listSecondRoundSlots(kiosk.db, new Date()).find((x) => x.id === slot.id)).toMatchObject({ booked: 0, isFull: false });
      await kiosk.sync();
      expect((await rowsFor(a.interviewId))[0]).toMatchObject({ status: 'cancelled', cancel_reason: 'undone' });
      expect((await readInterview(store, a.interviewId))?.secondRound).toBeNull();
      await deliverAll(2);
      expect(rx.got).toHaveLength(0);
      // The freed slot takes someone else.
      const b = finishedInterview(kiosk.db);
      decideAsManager(kiosk.db, 'harness-manager', { interviewId: b.interviewId, decision: 'hold', reason: 'second round', slotId: slot.id }, new Date());
      expect(listSecondRoundSlots(kiosk.db, new Date()).find((x) => x.id === slot.id)).toMatchObject({ booked: 1 });
    });

    it('a second interview without a slot says the store will call; a hold template without {slot} is refused', async () => {
      expect(checkTemplate('decision-hold', 'en', '{store} {opening} {link}')).toEqual({ ok: false, message: 'decision-hold en: missing required placeholder(s) {slot}' });
      rx.got.length = 0;
      const a = finishedInterview(kiosk.db, { lang: 'en' });
      recordNotifyConsent(kiosk.db, 'applicant', { interviewId: a.interviewId, granted: true, channel: 'sms' }, new Date());
      decide(kiosk.db, a.interviewId, 'hold');
      await kiosk.sync();
      await deliverAll(2);
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]!.body.text).toContain('invites you to a second interview: the store will contact you to agree a time.');
    });
    it('HR console: notifications per store with status and counts, resend a dead one (audited), refused for a sent one; zh and en; bookings on the applicant page', async () => {
      await createAdmin(store, { username: 'hr1', role: 'hr', password: 'hr-pass-9Zt#m4w', createdBy: 'test' });
      await createAdmin(store, { username: 'viewer1', role: 'viewer', password: 'viewer-pass-3Lp$v8', createdBy: 'test' });
      const viewer = new ConsoleClient(ho.url);
      await viewer.login('viewer1', 'viewer-pass-3Lp$v8');
      expect((await viewer.get('/console/notifications')).status).toBe(403);

      const c = new ConsoleClient(ho.url);
      expect((await c.login('hr1', 'hr-pass-9Zt#m4w')).status).toBe(303);
      await c.get('/console/lang?to=en&back=/console/notifications');
      const all = await c.get('/console/notifications?store=S001');
      expect(all.status).toBe(200);
      const counts = await notificationCounts(store, 'S001');
      for (const st of ['queued', 'sent', 'failed', 'dead', 'cancelled'] as const) expect(all.text).toContain(`data-count="${st}">${counts[st]}<`);
      expect(tableOf(all.text, 'notifications-table').length - 1).toBe((await listNotifications(store, { store: 'S001' })).length);
      const dead = (await listNotifications(store, { status: 'dead' }))[0]!;
      const deadPage = await c.get('/console/notifications?status=dead');
      const rows = tableOf(deadPage.text, 'notifications-table');
      expect(rows).toHaveLength(1 + (await listNotifications(store, { status: 'dead' })).length);
      expect(rows[1]!.join(' | ')).toMatch(/dead \(gave up\).*HTTP 400/);
      expect(rows[1]!.join(' ')).toContain(dead.to!);
      expect(deadPage.text).not.toMatch(new RegExp(`1\\d{10}`)); // only masked numbers

      const sent = (await listNotifications(store, { status: 'sent' }))[0]!;
      const refused = await c.post('/console/notifications/resend', { id: sent.id });
      expect(refused.status).toBe(409);
      expect(textOf(refused.text)).toContain(`notification ${sent.id} was already delivered`);
      const ok = await c.post('/console/notifications/resend', { id: dead.id });
      expect(ok.status).toBe(200);
      expect(textOf(ok.text)).toContain(`Notification ${dead.id} is queued again`);
      expect((await listNotifications(store, {})).find((n) => n.id === dead.id)?.status).toBe('queued');
      const audit = await store.all<{ action: string; target: string; outcome: string; username: string }>(
        `SELECT action, target, outcome, username FROM ho_console_audit WHERE action = 'notification-resend' ORDER BY at`,
      );
      expect(audit).toEqual([
        { action: 'notification-resend', target: sent.id, outcome: 'refused', username: 'hr1' },
        { action: 'notification-resend', target: dead.id, outcome: 'ok', username: 'hr1' },
      ]);

      await c.get('/console/lang?to=zh-CN&back=/console/notifications');
      const zh = await c.get('/console/notifications?status=queued');
      expect(textOf(zh.text)).toContain('应聘者通知');
      expect(
        tableOf(zh.text, 'notifications-table')
          .slice(1)
          .map((r) => r[3]),
      ).toContain('排队中');

      // The applicant page shows the booking with the decision events (zh here, then en).
      const ap = await c.get(`/console/applicant?id=${bookedInterview}`);
      expect(textOf(ap.text)).toMatch(/已约二次面试：\d{4}-\d{2}-\d{2} 14:30 · Office, 2nd floor \/ 二楼办公室/);
      expect(ap.text).toContain('data-event="second_round_booked"');
      await c.get(`/console/lang?to=en&back=/console/applicant`);
      expect(textOf((await c.get(`/console/applicant?id=${bookedInterview}`)).text)).toMatch(/Second interview booked: \d{4}-\d{2}-\d{2} 14:30/);
    });
  });
}
