/**
 * Phone result page at 390×844: a synced result looked up by result code (查询码) + last 4 digits (zh
 * and en), wrong digits and an unknown code look the same ("nothing here yet"), the per-code
 * limit answers 429, no names and no scores on the page, no script allowed by the CSP.
 * Screenshots: tests/artifacts/phone/*.png.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { recordNotifyConsent } from '../../electron/services/notify/notifyConsent.js';
import { setStoreSettings } from '../../headoffice/notify/templates.js';
import { openStore } from '../../headoffice/store/openStore.js';
import type { HoStore } from '../../headoffice/store/types.js';
import { enrolledKiosk, finishedInterview, startHo } from '../integration/notify/notifyHarness.js';
import { cleanupTempDirs, decide, tempDir } from '../integration/sync/harness.js';

const shots = path.resolve('tests', 'artifacts', 'phone');
let store: HoStore;
let ho: Awaited<ReturnType<typeof startHo>>;
let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
let passed: ReturnType<typeof finishedInterview>;
let waiting: ReturnType<typeof finishedInterview>;

test.beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-phone-'), 'headoffice.db') });
  // holdMs 0: the decision shows at once (the hold itself is covered by the notifier test).
  ho = await startHo(store, { phone: { holdMs: 0, limits: { perCodeFailures: 3 } } });
  kiosk = await enrolledKiosk(store, ho.url, 'S001');
  await setStoreSettings(store, { storeId: 'S001', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: `${ho.url}/r` });
  passed = finishedInterview(kiosk.db, { lang: 'zh-CN', name: '王小明' });
  recordNotifyConsent(kiosk.db, 'applicant', { interviewId: passed.interviewId, granted: true, channel: 'sms' }, new Date());
  decide(kiosk.db, passed.interviewId, 'pass', { shift: 'sat-am' });
  waiting = finishedInterview(kiosk.db, { lang: 'en', name: 'Chen Jie' });
  await kiosk.sync();
});
test.afterAll(async () => {
  await ho.close();
  kiosk.close();
  await store.close();
  cleanupTempDirs();
});

test('a synced result, looked up from the result code QR link (zh), with feedback and next steps; consent can be withdrawn', async ({ page }) => {
  const res = await page.goto(`${ho.url}/r?c=${passed.receiptCode}&lang=zh`);
  expect(res!.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  await expect(page.getByLabel('查询码')).toHaveValue(passed.receiptCode);
  await page.screenshot({ path: path.join(shots, 'phone-form-zh.png'), fullPage: true });
  await page.getByLabel('手机号后 4 位').fill(passed.mobile.slice(-4));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { name: '恭喜，你已通过' })).toBeVisible();
  await expect(page.getByText('您清楚地说明了如何处理排队的顾客。')).toBeVisible();
  await expect(page.getByText('首个上班日：2026-12-05')).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/王小明|SECRET-ANSWER|分数|得分/);
  await page.screenshot({ path: path.join(shots, 'phone-result-zh.png'), fullPage: true });
  await page.getByRole('button', { name: '停止通知' }).click();
  await expect(page.getByText('好的，我们不会再给你发送关于这次面试的通知。')).toBeVisible();
  expect(await store.get('SELECT 1 AS x FROM ho_notify_optouts WHERE interview_id = ?', [passed.interviewId])).toBeDefined();
});

test('received but not reviewed yet (en)', async ({ page }) => {
  await page.goto(`${ho.url}/r?lang=en`);
  await page.getByLabel('Result code').fill(waiting.receiptCode.toLowerCase());
  await page.getByLabel('Last 4 digits of your mobile').fill(waiting.mobile.slice(-4));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Received — waiting for review' })).toBeVisible();
  await expect(page.getByText('You explained clearly how you handle a queue of customers.')).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('Chen Jie');
  await page.screenshot({ path: path.join(shots, 'phone-received-en.png'), fullPage: true });
});

test('wrong digits and an unknown code get the same answer; the per-code limit then answers 429', async ({ page }) => {
  const look = async (code: string, digits: string) => {
    await page.goto(`${ho.url}/r?lang=en`);
    await page.getByLabel('Result code').fill(code);
    await page.getByLabel('Last 4 digits of your mobile').fill(digits);
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/r') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Check' }).click()]);
    return { status: resp.status(), main: (await page.locator('section.notice').innerHTML()).trim() };
  };
  const wrong = waiting.mobile.slice(-4) === '0000' ? '1111' : '0000';
  const a = await look(waiting.receiptCode, wrong);
  const b = await look('ZZZZZZZZZZZZ', '1234');
  expect(a).toEqual(b);
  expect(a.status).toBe(200);
  await expect(page.getByRole('heading', { name: 'Nothing here yet' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'phone-not-in-yet-en.png'), fullPage: true });
  await look(waiting.receiptCode, wrong);
  await look(waiting.receiptCode, wrong); // third failure for this code
  const limited = await look(waiting.receiptCode, waiting.mobile.slice(-4)); // even the right digits now
  expect(limited.status).toBe(429);
  await expect(page.getByRole('heading', { name: 'Too many tries' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'phone-rate-limited-en.png'), fullPage: true });
});
