/**
 * Second-round booking end to end (issue 16, item 4): the manager books a second-interview slot
 * with the kiosk's own decision service, the kiosk syncs, and the applicant's phone page (390×844)
 * shows that slot, in their language; the webhook gets one message carrying the same slot. The
 * HR console shows the booking on the applicant page and the message on the Notifications page
 * (desktop size, zh and en). Screenshots: tests/artifacts/phone/second-round-*.png.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decide as decideAsManager } from '../../electron/services/manager/decisions.js';
import { saveSecondRoundSlot } from '../../electron/services/manager/secondRound.js';
import { recordNotifyConsent } from '../../electron/services/notify/notifyConsent.js';
import { createAdmin } from '../../headoffice/auth/admins.js';
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
let en: ReturnType<typeof finishedInterview>;
let zh: ReturnType<typeof finishedInterview>;
// Three weeks ahead, as the store would plan it; the expected wording is worked out here with Intl.
const day = new Date(Date.now() + 21 * 86_400_000);
const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
const enDay = `${day.toLocaleDateString('en-GB', { weekday: 'short' })} ${day.getDate()} ${day.toLocaleDateString('en-GB', { month: 'short' })} ${day.getFullYear()} at 15:30`;
const zhDay = `${day.getMonth() + 1} 月 ${day.getDate()} 日（${day.toLocaleDateString('zh-CN', { weekday: 'short' })}）15:30`;

test.beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-phone-2nd-'), 'headoffice.db') });
  ho = await startHo(store, { phone: { holdMs: 0 } });
  kiosk = await enrolledKiosk(store, ho.url, 'S001');
  rx = await startReceiver(() => 'ok');
  await setStoreSettings(store, { storeId: 'S001', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: `${ho.url}/r` });
  await createAdmin(store, { username: 'hr1', role: 'hr', password: 'hr-pass-9Zt#m4w', createdBy: 'test' });
  const now = new Date();
  const office = saveSecondRoundSlot(kiosk.db, 'manager-li', { date, start: '15:30', place: 'Office, 2nd floor', capacity: 1 }, now);
  const office2 = saveSecondRoundSlot(kiosk.db, 'manager-li', { date, start: '15:30', place: '二楼办公室', capacity: 1 }, now);
  en = finishedInterview(kiosk.db, { lang: 'en', name: 'Chen Jie' });
  recordNotifyConsent(kiosk.db, 'applicant', { interviewId: en.interviewId, granted: true, channel: 'sms' }, now);
  decideAsManager(kiosk.db, 'manager-li', { interviewId: en.interviewId, decision: 'hold', reason: 'meet the area manager', slotId: office.id }, now);
  zh = finishedInterview(kiosk.db, { lang: 'zh-CN', name: '王小明' });
  recordNotifyConsent(kiosk.db, 'applicant', { interviewId: zh.interviewId, granted: true, channel: 'wechat' }, now);
  decideAsManager(kiosk.db, 'manager-li', { interviewId: zh.interviewId, decision: 'hold', reason: '和区域经理见面', slotId: office2.id }, now);
  await kiosk.sync();
  await deliverDue(store, { url: rx.url, secret: SECRET, timeoutMs: 2000, maxAttempts: 3, baseMs: 10, maxMs: 50 }, () => Date.now() + DEFAULT_HOLD_MS + 1000);
});
test.afterAll(async () => {
  await rx.close();
  await ho.close();
  kiosk.close();
  await store.close();
  cleanupTempDirs();
});

test('the slot the manager booked is in the applicant’s message and on the phone page (en)', async ({ page }) => {
  const msg = rx.got.filter((g) => g.body.to === en.mobile);
  expect(msg).toHaveLength(1);
  expect(msg[0]!.body).toMatchObject({ event: 'decision-hold', lang: 'en' });
  expect(msg[0]!.body.text).toContain(`The store invites you to a second interview: ${enDay}, Office, 2nd floor.`);
  await page.goto(`${ho.url}/r?c=${en.receiptCode}&lang=en`);
  await page.getByLabel('Last 4 digits of your mobile').fill(en.mobile.slice(-4));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Invited to a second interview' })).toBeVisible();
  const slot = page.locator('section.slot');
  await expect(slot.getByRole('heading', { name: 'Second interview' })).toBeVisible();
  await expect(slot.locator('.when')).toHaveText(enDay);
  await expect(slot.locator('.place')).toHaveText('Office, 2nd floor');
  await expect(page.getByText('The store has booked this time for you.')).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(/Chen Jie|will contact you to agree a time/);
  await page.screenshot({ path: path.join(shots, 'second-round-en.png'), fullPage: true });
});

test('the same in Chinese for an applicant who used Chinese', async ({ page }) => {
  const msg = rx.got.filter((g) => g.body.to === zh.mobile);
  expect(msg).toHaveLength(1);
  expect(msg[0]!.body.text).toContain(`门店邀请你参加第二次面试：${zhDay}，地点：二楼办公室。`);
  await page.goto(`${ho.url}/r?c=${zh.receiptCode}&lang=zh`);
  await page.getByLabel('手机号后 4 位').fill(zh.mobile.slice(-4));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('section.slot .when')).toHaveText(zhDay);
  await expect(page.locator('section.slot .place')).toHaveText('地点：二楼办公室');
  await expect(page.getByRole('heading', { name: '邀请你参加第二次面试' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('王小明');
  await page.screenshot({ path: path.join(shots, 'second-round-zh.png'), fullPage: true });
});

test('HR console: the booking on the applicant page and the message on the Notifications page (zh and en, 1440×900)', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${ho.url}/console/login`);
  await page.locator('input[name=username]').fill('hr1');
  await page.locator('input[name=password]').fill('hr-pass-9Zt#m4w');
  await page.locator('form button[type=submit]').first().click();
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.goto(`${ho.url}/console/lang?to=${lang}&back=/console/notifications`);
    await page.goto(`${ho.url}/console/notifications?store=S001`);
    await expect(page.locator('#notifications-table tbody tr')).toHaveCount(2);
    await expect(page.locator('[data-count=sent]')).toHaveText('2');
    await page.screenshot({ path: path.join(shots, `console-notifications-${lang}.png`), fullPage: true });
    await page.goto(`${ho.url}/console/applicant?id=${en.interviewId}`);
    await expect(page.getByTestId('second-round')).toContainText(`${date} 15:30 · Office, 2nd floor`);
    await page.screenshot({ path: path.join(shots, `console-applicant-second-round-${lang}.png`), fullPage: true });
  }
  await ctx.close();
});
