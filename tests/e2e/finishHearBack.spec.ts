/**
 * Issue 14 items 8, 6, 15 and issue 16 items 1, 3 on the screen: a kiosk enrolled with a real
 * head office whose signed store setting says it sends this store's results by SMS and serves a
 * phone result page. The finish screen says when and how the applicant hears back (the store's
 * setting), shows the QR of head office's page, and offers the separate SMS choice; the look-up
 * screen shows the result in the language the applicant interviewed in (with a switch) and stops
 * the SMS. The manager's settings card for it. Without enrollment the finish screen promises only
 * the look-up here (no QR, no SMS choice).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { resolveConfig } from '../../electron/services/app/config.js';
import { loadOrCreateKeyFile } from '../../electron/services/db/keyFile.js';
import { openDatabase } from '../../electron/services/db/openDatabase.js';
import { enrollKiosk } from '../../electron/services/sync/enroll.js';
import { syncNow } from '../../electron/services/sync/syncService.js';
import { issueEnrollmentCode } from '../../headoffice/admin.js';
import { setStoreSettings } from '../../headoffice/notify/templates.js';
import { publishResultSetting } from '../../headoffice/publish.js';
import { buildServer } from '../../headoffice/server.js';
import { openStore } from '../../headoffice/store/openStore.js';
import { answerSet } from './fixtures/answerSets';
import { ARTIFACTS, expect, startKiosk, test, type KioskServer } from './fixtures/kiosk';
import { applicantPages, LANDSCAPE, PORTRAIT } from './pages/applicantPages';
import { bridgeRpc, managerPages } from './pages/managerPages';

test.use({ viewport: PORTRAIT });
const PACK = 'warehouse-sorter';
type State = { interviewId: string; next: { step: string; question?: { id: string }; followUp?: { questionId: string }; test?: { id: string; items: string[] } } };

/** Up to (not through) the finish step, as the applicant screens would send it. */
async function untilFinish(kiosk: KioskServer, lang: 'zh-CN' | 'en', mobile: string): Promise<string> {
  const rpc = bridgeRpc(kiosk);
  const answers = answerSet(PACK, lang, 'strong');
  let s = await rpc<State>('interview:start', { packId: PACK, lang, isPractice: false, consent: { data: true, camera: false, noticeVersion: 'e2e' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cells = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [`${d}-morning`, `${d}-night`]);
  s = await rpc<State>('interview:profile', {
    interviewId: s.interviewId,
    profile: { name: lang === 'en' ? 'Amy Lin' : '林强', mobile, availability: cells, industries: ['warehouse'], expectedWageYuan: 26, earliestStart: start },
    confirmations: { 'min-age-18': true, 'lift-15kg': true, lift: true },
  });
  if (s.next.step === 'knockout') s = await rpc<State>('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  while (s.next.step === 'question' || s.next.step === 'followUp') {
    if (s.next.step === 'followUp') s = await rpc<State>('interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp!.questionId, mode: 'typed', text: '', durationMs: 3000 });
    else
      s = await rpc<State>('interview:answer', {
        interviewId: s.interviewId,
        questionId: s.next.question!.id,
        mode: 'typed',
        text: answers[s.next.question!.id]!,
        isRetake: false,
        latencyMs: 2000,
        durationMs: 50_000,
      });
  }
  while (s.next.step === 'skills')
    s = await rpc<State>('interview:skills', { interviewId: s.interviewId, testId: s.next.test!.id, responses: s.next.test!.items.map((answer) => ({ answer, ms: 3000 })) });
  expect(s.next.step).toBe('finish');
  return s.interviewId;
}

/** The finish screen, reached as a restarted kiosk reaches it (resume). */
async function openFinish(page: Page, kiosk: KioskServer) {
  await page.goto('about:blank');
  await page.goto(kiosk.launchUrl);
  await expect(page.locator('[data-screen="resume"]')).toBeVisible();
  await page.getByTestId('resume-continue').click();
  await expect(page.locator('[data-screen="finish"]')).toBeVisible();
}

/** In landscape the feedback panel scrolls inside: when it has more, the cue says so. */
async function expectScrollCueTruthful(page: Page) {
  await page.setViewportSize(LANDSCAPE);
  await page.waitForTimeout(200);
  const fb = page.getByTestId('feedback');
  const isCut = await fb.evaluate((el) => el.scrollHeight - el.clientHeight > 4);
  await expect(page.getByTestId('feedback-more')).toHaveCount(isCut ? 1 : 0);
  if (isCut) {
    await fb.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByTestId('feedback-more')).toHaveCount(0);
    await fb.evaluate((el) => el.scrollTo(0, 0));
  }
  await page.setViewportSize(PORTRAIT);
}

async function typeLookup(page: Page, mobile: string, code: string) {
  await page.getByTestId('lookup').click();
  const keys = page.getByTestId('lookup-keypad');
  for (const d of mobile) await keys.locator(`[data-key="${d}"]`).click();
  for (const c of code.replace(/-/g, '')) await keys.locator(`[data-key="${c}"]`).click();
  await page.getByTestId('lookup-submit').click();
}

/** The settings card itself in both orientations (the page shots show only the top of the page). */
async function shootCard(page: Page, name: string) {
  for (const [label, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    const card = page.getByTestId('hear-back-settings');
    await card.scrollIntoViewIfNeeded();
    // Label and unit on one line each: the day fields' labels no longer wrap mid-word.
    for (const box of await page.locator('.m-inline-label').all()) expect((await box.boundingBox())!.height, `${name} ${label} label on one line`).toBeLessThan(60);
    await card.screenshot({ path: path.join(ARTIFACTS, `${name}-${label}.png`) });
  }
  await page.setViewportSize(PORTRAIT);
}

test.describe('with head office sending SMS and a phone result page', () => {
  let kiosk: KioskServer;
  let closeAll: () => Promise<void>;
  test.beforeAll(async () => {
    const hoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ho-e2e-'));
    const store = await openStore({ file: path.join(hoDir, 'ho.db') });
    const app = buildServer(store);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const hoUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    // The kiosk's own database, enrolled and synced before the kiosk starts (as after set-up).
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-notify-'));
    const config = resolveConfig({ KIOSK_DATA_DIR: dataDir });
    const db = openDatabase({ file: config.dbFile, key: loadOrCreateKeyFile(config.keyFile) });
    await enrollKiosk(db, hoUrl, (await issueEnrollmentCode(store, 'S-E2E')).code);
    await setStoreSettings(store, { storeId: 'S-E2E', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: `${hoUrl}/r` });
    await publishResultSetting(store, 'S-E2E', true);
    const r = await syncNow(db, config.dataDir, { maxAttempts: 1 });
    expect(r.ok).toBe(true);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('store.hearBack', '{"days":2,"channel":"sms"}')`).run();
    db.close();
    kiosk = await startKiosk({ dataDir });
    closeAll = async () => {
      await kiosk.cleanup();
      await app.close();
      await store.close();
      fs.rmSync(hoDir, { recursive: true, force: true });
    };
  });
  test.afterAll(async () => closeAll());

  for (const lang of ['zh-CN', 'en'] as const) {
    const short = lang === 'en' ? 'en' : 'zh';
    test(`finish says when and how, QR of the result page, SMS choice; look-up in the applicant's language stops it (${lang})`, async ({ page }) => {
      test.setTimeout(240_000);
      const mobile = lang === 'en' ? '13600000021' : '13600000022';
      await untilFinish(kiosk, lang, mobile);
      await openFinish(page, kiosk);
      const ap = applicantPages(page, { shotPrefix: short });
      const hb = page.getByTestId('hear-back');
      await expect(hb).toHaveAttribute('data-channel', 'sms');
      await expect(hb).toContainText(lang === 'en' ? 'within 2 days' : '2 天内');
      await expect(page.getByTestId('receipt-qr')).toBeVisible();
      await expect(page.getByTestId('receipt-help')).toContainText(lang === 'en' ? 'Scan it with your phone' : '用手机扫码');
      await expect(hb).toContainText(lang === 'en' ? 'Check my result' : '查询结果');
      await expect(page.getByTestId('feedback-skills')).toContainText(lang === 'en' ? '10 of 10' : '10 题答对 10 题');
      const tick = page.getByTestId('sms-consent');
      await expect(tick).toHaveAttribute('aria-checked', 'false');
      await expect(tick).toContainText(mobile.slice(-4));
      await expectScrollCueTruthful(page);
      await ap.shoot('41-finish-hear-back-sms');
      await tick.click();
      await expect(tick).toHaveAttribute('aria-checked', 'true');
      await expect(page.getByTestId('sms-status')).toContainText(lang === 'en' ? 'we will text you' : '会发短信给你');
      await ap.shoot('42-finish-sms-chosen');
      const code = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
      await page.getByTestId('done').click();

      // Look-up, with the kiosk left in Chinese: shown in the applicant's language, with a switch.
      await expect(page.locator('[data-screen="attract"]')).toBeVisible();
      await typeLookup(page, mobile, code);
      const res = page.getByTestId('lookup-result');
      await expect(res).toHaveAttribute('data-status', 'pending');
      await expect(res).toHaveAttribute('data-lang', lang);
      await expect(page.getByTestId('lookup-sms')).toContainText(lang === 'en' ? 'text message' : '短信');
      await ap.shoot('43-lookup-own-language-sms');
      await page.getByTestId('lookup-lang').click();
      await expect(res).toHaveAttribute('data-lang', lang === 'en' ? 'zh-CN' : 'en');
      await page.getByTestId('lookup-lang').click();
      await page.getByTestId('lookup-sms-stop').click();
      await expect(page.getByTestId('lookup-sms-stopped')).toBeVisible();
      await ap.shoot('44-lookup-sms-stopped');
      expect(await bridgeRpc(kiosk)('lookup:result', { mobile, code })).toMatchObject({ smsConsent: false, lang });
      await page.getByTestId('lookup-done').click();
    });
  }

  test('the manager sets when and how applicants hear back; days have a unit', async ({ page }) => {
    const rpc = bridgeRpc(kiosk);
    await rpc('auth:setup', { storeName: '静安店', storeId: 'S-E2E', managerName: '王经理', pin: '258036' });
    const m = managerPages(page);
    await page.goto(kiosk.launchUrl);
    await m.longPressCorner();
    await m.expectScreen('manager-pin');
    await m.typePin('258036');
    await m.expectScreen('manager-dashboard');
    await page.getByTestId('tab-settings').click();
    const card = page.getByTestId('hear-back-settings');
    await expect(card).toBeVisible();
    await expect(page.getByTestId('hear-back-channel')).toHaveValue('sms');
    await expect(card).toContainText('天');
    await page.getByTestId('hear-back-days').fill('4');
    await page.getByTestId('hear-back-channel').selectOption('call');
    await page.getByTestId('hear-back-save').click();
    await expect(page.locator('.m-notice')).toContainText('已保存');
    expect(await rpc('manager:hearBack', {})).toMatchObject({ settings: { days: 4, channel: 'call' }, ability: { canSms: true } });
    await m.shoot('30-settings-hear-back');
    await shootCard(page, 'manager-30-settings-hear-back-card');
    await page.getByTestId('manager-lang').click();
    await expect(card).toContainText('days');
    await m.shoot('31-settings-hear-back-en');
    await shootCard(page, 'manager-31-settings-hear-back-card-en');
  });
});

test('a kiosk without head office promises only the look-up here: no QR, no SMS choice', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  await untilFinish(kiosk, 'zh-CN', '13600000031');
  await openFinish(page, kiosk);
  await expect(page.getByTestId('hear-back')).toHaveAttribute('data-channel', 'kiosk');
  await expect(page.getByTestId('hear-back')).toContainText('3 天内');
  await expect(page.getByTestId('receipt-qr')).toHaveCount(0);
  await expect(page.getByTestId('sms-consent')).toHaveCount(0);
  await expect(page.getByTestId('hear-back')).toContainText('查询结果');
  await expect(page.locator('[data-screen="finish"]')).not.toContainText('短信');
  await applicantPages(page, { shotPrefix: 'zh' }).shoot('45-finish-no-head-office');
});
