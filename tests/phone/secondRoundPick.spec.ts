/**
 * The applicant picks one of the second-round slots the store offered (issue 16, item 4), on a
 * phone at 390×844: the manager offers three slots with the kiosk's own decision service, the
 * kiosk syncs, the applicant looks the result up, taps a time and books it, and sees the
 * confirmation; a second pick is refused; the kiosk's next sync books the pick, and the webhook
 * gets one confirmation carrying the slot, in the applicant's language. Buttons and choices are
 * at least 44 px tall. Screenshots: tests/artifacts/phone/second-round-offer-*.png.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decide as decideAsManager } from '../../electron/services/manager/decisions.js';
import { saveSecondRoundSlot, secondRoundBooking } from '../../electron/services/manager/secondRound.js';
import { recordNotifyConsent } from '../../electron/services/notify/notifyConsent.js';
import { deliverDue } from '../../headoffice/notify/deliver.js';
import { DEFAULT_HOLD_MS } from '../../headoffice/notify/queue.js';
import { setStoreSettings } from '../../headoffice/notify/templates.js';
import { openStore } from '../../headoffice/store/openStore.js';
import type { HoStore } from '../../headoffice/store/types.js';
import { enrolledKiosk, finishedInterview, startHo, startReceiver } from '../integration/notify/notifyHarness.js';
import { cleanupTempDirs, tempDir } from '../integration/sync/harness.js';

const shots = path.resolve('tests', 'artifacts', 'phone');
const SECRET = 'phone-e2e-secret-0123456789';
let store: HoStore;
let ho: Awaited<ReturnType<typeof startHo>>;
let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let zh: ReturnType<typeof finishedInterview>;
let en: ReturnType<typeof finishedInterview>;
const slotIds: Record<string, string> = {};

// Two and three weeks ahead; the expected wording is worked out here with Intl.
const at = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return {
    date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
    zh: (t: string) => `${d.getMonth() + 1} 月 ${d.getDate()} 日（${d.toLocaleDateString('zh-CN', { weekday: 'short' })}）${t}`,
    en: (t: string) => `${d.toLocaleDateString('en-GB', { weekday: 'short' })} ${d.getDate()} ${d.toLocaleDateString('en-GB', { month: 'short' })} ${d.getFullYear()} at ${t}`,
  };
};
const w2 = at(14);
const w3 = at(21);
const deliver = () => deliverDue(store, { url: rx.url, secret: SECRET, timeoutMs: 2000, maxAttempts: 3, baseMs: 10, maxMs: 50 }, () => Date.now() + DEFAULT_HOLD_MS + 1000);

/** Every button and every choice on the page is at least 44 px tall (touch target). */
async function expectTouchTargets(page: Page) {
  const heights = await page.locator('button, label.choice').evaluateAll((els) => els.map((e) => ({ text: (e.textContent ?? '').trim().slice(0, 30), h: e.getBoundingClientRect().height })));
  expect(heights.length).toBeGreaterThan(0);
  for (const x of heights) expect(x.h, x.text).toBeGreaterThanOrEqual(44);
}

test.beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-phone-offer-'), 'headoffice.db') });
  ho = await startHo(store, { phone: { holdMs: 0 } });
  kiosk = await enrolledKiosk(store, ho.url, 'S001');
  rx = await startReceiver(() => 'ok');
  await setStoreSettings(store, { storeId: 'S001', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: `${ho.url}/r` });
  const now = new Date();
  for (const [key, date, start, place] of [
    ['a', w2.date, '10:00', '二楼办公室'],
    ['b', w2.date, '15:30', '二楼办公室'],
    ['c', w3.date, '09:30', '一楼休息室'],
  ] as const) {
    slotIds[key] = saveSecondRoundSlot(kiosk.db, 'manager-li', { date, start, place, capacity: 2 }, now).id;
  }
  zh = finishedInterview(kiosk.db, { lang: 'zh-CN', name: '王小明' });
  recordNotifyConsent(kiosk.db, 'applicant', { interviewId: zh.interviewId, granted: true, channel: 'sms' }, now);
  decideAsManager(kiosk.db, 'manager-li', { interviewId: zh.interviewId, decision: 'hold', reason: '和区域经理见面', offerSlotIds: [slotIds.a!, slotIds.b!, slotIds.c!], hasPhonePage: true }, now);
  en = finishedInterview(kiosk.db, { lang: 'en', name: 'Chen Jie' });
  recordNotifyConsent(kiosk.db, 'applicant', { interviewId: en.interviewId, granted: true, channel: 'wechat' }, now);
  decideAsManager(kiosk.db, 'manager-li', { interviewId: en.interviewId, decision: 'hold', reason: 'meet the area manager', offerSlotIds: [slotIds.a!, slotIds.c!], hasPhonePage: true }, now);
  await kiosk.sync();
  await deliver();
});
test.afterAll(async () => {
  await rx.close();
  await ho.close();
  kiosk.close();
  await store.close();
  cleanupTempDirs();
});

test('the offered times on the phone (zh): choose one, see it booked, a second choice refused; the kiosk books it and one confirmation is sent', async ({ page }) => {
  // The decision's message sends the applicant to the result page to choose.
  const first = rx.got.filter((g) => g.body.to === zh.mobile);
  expect(first).toHaveLength(1);
  expect(first[0]!.body.text).toContain('门店邀请你参加第二次面试：请在结果页面上从门店提供的 3 个时间中选一个（链接见下）。查看详情：');

  await page.goto(`${ho.url}/r?c=${zh.receiptCode}&lang=zh`);
  await page.getByLabel('手机号后 4 位').fill(zh.mobile.slice(-4));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { name: '选择第二次面试的时间' })).toBeVisible();
  const choices = page.getByRole('radio');
  await expect(choices).toHaveCount(3);
  await expect(page.locator('label.choice').nth(1)).toContainText(w2.zh('15:30'));
  await expect(page.locator('label.choice').nth(1)).toContainText('地点：二楼办公室');
  expect(await page.locator('body').innerText()).not.toContain('王小明');
  await expectTouchTargets(page);
  await page.screenshot({ path: path.join(shots, 'second-round-offer-zh.png'), fullPage: true });

  // The same offer open in a second tab (or a second phone), before any choice is made.
  const other = await page.context().newPage();
  await other.goto(`${ho.url}/r?c=${zh.receiptCode}&lang=zh`);
  await other.getByLabel('手机号后 4 位').fill(zh.mobile.slice(-4));
  await other.getByRole('button', { name: '查询' }).click();
  await expect(other.getByRole('radio')).toHaveCount(3);

  // Tap the whole row of the second time (not just the small circle), then book.
  await page.locator('label.choice').nth(1).click();
  await expect(choices.nth(1)).toBeChecked();
  await page.screenshot({ path: path.join(shots, 'second-round-offer-chosen-zh.png'), fullPage: true });
  await page.getByRole('button', { name: '就选这个时间' }).click();
  await expect(page.getByRole('heading', { name: '时间已约好' })).toBeVisible();
  await expect(page.locator('section.notice.picked')).toContainText(`你的第二次面试：${w2.zh('15:30')}，地点：二楼办公室。我们也会把这个时间发短信/微信告诉你。`);
  await expect(page.locator('section.slot .when')).toHaveText(w2.zh('15:30'));
  await expect(page.getByText('这是你选的时间，请按时到店。')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expectTouchTargets(page);
  await page.screenshot({ path: path.join(shots, 'second-round-picked-zh.png'), fullPage: true });

  // A second choice from the other tab's older form is refused and changes nothing; it shows the time already chosen.
  await other.locator('label.choice').nth(2).click();
  await other.getByRole('button', { name: '就选这个时间' }).click();
  await expect(other.getByRole('heading', { name: '你已经选过时间了' })).toBeVisible();
  await expect(other.locator('section.slot .when')).toHaveText(w2.zh('15:30'));
  await other.screenshot({ path: path.join(shots, 'second-round-pick-refused-zh.png'), fullPage: true });
  await other.close();

  // One confirmation, in Chinese, with the chosen time.
  await deliver();
  const conf = rx.got.filter((g) => g.body.to === zh.mobile && g.body.event === 'secondround-picked');
  expect(conf).toHaveLength(1);
  expect(conf[0]!.body.text).toBe(
    `【静安店】你已选好收银员（兼职）岗位第二次面试的时间：${w2.zh('15:30')}，地点：二楼办公室。请按时到店，如需改时间请联系门店。查看详情：${ho.url}/r?c=${zh.receiptCode}&lang=zh`,
  );

  // The kiosk's next sync books it; the manager sees the booking, chosen by the applicant.
  await kiosk.sync();
  expect(secondRoundBooking(kiosk.db, zh.interviewId)).toMatchObject({ slotId: slotIds.b, bookedBy: 'applicant' });
  await deliver();
  expect(rx.got.filter((g) => g.body.to === zh.mobile)).toHaveLength(2);
});

test('the same in English, and the page after the kiosk booked it', async ({ page }) => {
  await page.goto(`${ho.url}/r?c=${en.receiptCode}&lang=en`);
  await page.getByLabel('Last 4 digits of your mobile').fill(en.mobile.slice(-4));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time for your second interview' })).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(2);
  await expectTouchTargets(page);
  await page.screenshot({ path: path.join(shots, 'second-round-offer-en.png'), fullPage: true });
  await page.getByRole('radio', { name: new RegExp(w3.en('09:30')) }).check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('heading', { name: 'Your time is booked' })).toBeVisible();
  await expect(page.locator('section.notice.picked')).toContainText(`Your second interview: ${w3.en('09:30')}, 一楼休息室.`);
  await kiosk.sync();
  // Looked up again after the kiosk's sync: the booking, no choice.
  await page.goto(`${ho.url}/r?c=${en.receiptCode}&lang=en`);
  await page.getByLabel('Last 4 digits of your mobile').fill(en.mobile.slice(-4));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('section.slot .when')).toHaveText(w3.en('09:30'));
  await expect(page.getByText('This is the time you chose.')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'second-round-picked-en.png'), fullPage: true });
  await deliver();
  const conf = rx.got.filter((g) => g.body.to === en.mobile && g.body.event === 'secondround-picked');
  expect(conf).toHaveLength(1);
  expect(conf[0]!.body).toMatchObject({ lang: 'en', channel: 'wechat' });
  expect(conf[0]!.body.text).toContain(`is booked: ${w3.en('09:30')}, 一楼休息室.`);
});
