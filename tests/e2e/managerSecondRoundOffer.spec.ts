/**
 * Offered second-round slots in the manager console (issue 16, item 4), through the real bridge
 * and services, on a kiosk enrolled with a real head office that has a phone result page for the
 * store: the manager offers three slots with "second interview" (each then shows as kept for an
 * applicant choosing), the applicant page says it waits for the applicant's choice; the kiosk
 * syncs, the applicant picks one on the phone page (form posts to head office), the next sync
 * books it and the applicant page shows the booking "chosen by the applicant" (zh, then en); the
 * slots not chosen are free again. Screenshots in portrait and landscape.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { expect, startKiosk, test, type KioskServer } from './fixtures/kiosk';
import { bridgeRpc, managerPages, PORTRAIT, takeInterview } from './pages/managerPages';

test.use({ viewport: PORTRAIT });
const PIN = '258036';

let kiosk: KioskServer;
let hoUrl = '';
let closeAll: () => Promise<void>;
test.beforeAll(async () => {
  const hoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ho-offer-e2e-'));
  const store = await openStore({ file: path.join(hoDir, 'ho.db') });
  // holdMs 0: the phone page shows the decision at once (the hold is the notifier suite's).
  const app = buildServer(store, { phone: { holdMs: 0 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  hoUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-offer-'));
  const config = resolveConfig({ KIOSK_DATA_DIR: dataDir });
  const db = openDatabase({ file: config.dbFile, key: loadOrCreateKeyFile(config.keyFile) });
  await enrollKiosk(db, hoUrl, (await issueEnrollmentCode(store, 'S-E2E')).code);
  await setStoreSettings(store, { storeId: 'S-E2E', nameZh: '静安店', nameEn: 'Jing’an store', resultUrl: `${hoUrl}/r` });
  await publishResultSetting(store, 'S-E2E', true);
  expect((await syncNow(db, config.dataDir, { maxAttempts: 1 })).ok).toBe(true);
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

/** The applicant on the phone page: look up with the code and the last 4 digits, choose the slot starting at `start`. */
async function pickOnPhone(receiptCode: string, mobile: string, start: string) {
  const post = async (p: string, f: Record<string, string>) => {
    const r = await fetch(`${hoUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(f).toString() });
    return { status: r.status, html: await r.text() };
  };
  const base = { c: receiptCode, d: mobile.slice(-4), lang: 'zh' };
  const page = await post('/r', base);
  const offerId = /name="o" value="([^"]+)"/.exec(page.html)?.[1];
  const choices = [...page.html.matchAll(/<label class="choice"[^>]*><input type="radio"[^>]*value="([^"]+)"[^>]*><span><span class="when">([^<]*)</g)].map((m) => ({ slotId: m[1]!, when: m[2]! }));
  expect(
    choices,
    page.html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 600),
  ).toHaveLength(3);
  const chosen = choices.find((c) => c.when.endsWith(start))!;
  const r = await post('/r/pick', { ...base, o: offerId!, s: chosen.slotId });
  expect(r.status).toBe(200);
  expect(r.html).toContain('时间已约好');
}

test('offer three slots, the applicant picks one on the phone, the next sync books it: the console shows waiting, then the booking', async ({ page }) => {
  test.setTimeout(240_000);
  const mobile = '13811117777';
  const a = await takeInterview(kiosk, { name: '张伟', mobile, packId: 'retail-sales', availability: ['sat-morning', 'sat-afternoon'] });
  const m = managerPages(page);
  const rpc = bridgeRpc(kiosk);
  await page.goto(kiosk.launchUrl);
  await expect(page.locator('[data-screen="attract"]')).toBeVisible();
  await m.longPressCorner();
  await m.expectScreen('manager-setup');
  await page.getByTestId('setup-store-name').fill('静安寺店');
  await page.getByTestId('setup-store-id').fill('S-E2E');
  await page.getByTestId('setup-manager-name').fill('王经理');
  await page.getByTestId('setup-pin').fill(PIN);
  await page.getByTestId('setup-pin2').fill(PIN);
  await page.getByTestId('setup-submit').click();
  await m.expectScreen('manager-dashboard');

  const day = new Date(Date.now() + 9 * 86_400_000);
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await page.getByTestId('tab-settings').click();
  for (const start of ['10:00', '14:00', '15:00']) {
    await page.getByTestId('slot-date').fill(date);
    await page.getByTestId('slot-start').fill(start);
    await page.getByTestId('slot-place').fill('二楼办公室');
    await page.getByTestId('slot-add').click();
    await expect(page.getByTestId('slot-list').locator('li', { hasText: `${date} ${start}` })).toBeVisible();
  }

  // Second interview, offering all three times.
  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${a.interviewId}"]`).click();
  await m.expectScreen('manager-applicant');
  await page.getByTestId('decide-hold').click();
  await page.getByTestId('slot-mode-offer').click();
  const boxes = page.getByTestId('offer-slots').locator('input[type=checkbox]');
  await expect(boxes).toHaveCount(3);
  await page.getByTestId('decide-reason').fill('请区域经理再面一次');
  await boxes.nth(0).check();
  // One time is not a choice: confirming waits for a second.
  await expect(page.getByTestId('decide-confirm')).toBeDisabled();
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await expect(page.getByTestId('offer-slots')).toContainText('已勾选 3 个');
  await page.getByTestId('decision').scrollIntoViewIfNeeded();
  await m.shoot('second-round-offer-choose');
  await page.getByTestId('decide-confirm').click();
  const offered = page.getByTestId('second-round-offer');
  await expect(offered).toContainText('二次面试：已提供 3 个时间，等待应聘者在结果页面上选一个');
  await expect(offered.locator('li')).toHaveText([`${date} 10:00 · 二楼办公室`, `${date} 14:00 · 二楼办公室`, `${date} 15:00 · 二楼办公室`]);
  await expect(page.getByTestId('second-round-booking')).toHaveCount(0);
  await m.shoot('second-round-offered');

  // Each offered time is kept for the applicant: Settings shows it, and it cannot be removed.
  await page.getByTestId('tab-settings').click();
  const row = page.getByTestId('slot-list').locator('li', { hasText: `${date} 14:00` });
  await expect(row).toContainText('已约 0 / 1 · 1 个为待选的应聘者保留');
  await expect(row.getByRole('button')).toHaveCount(0);

  // The applicant looks the result up at the kiosk (another screen of it): the offered times, and a QR to the phone page to choose.
  const lk = await page.context().newPage();
  await lk.goto(kiosk.launchUrl);
  await lk.getByTestId('lookup').click();
  const keys = lk.getByTestId('lookup-keypad');
  for (const d of mobile) await keys.locator(`[data-key="${d}"]`).click();
  await lk.getByTestId('lookup-code').click();
  for (const c of a.receiptCode.replace(/-/g, '')) await keys.locator(`[data-key="${c}"]`).click();
  await lk.getByTestId('lookup-submit').click();
  await expect(lk.getByTestId('lookup-result')).toHaveAttribute('data-status', 'secondInterview');
  await expect(lk.getByTestId('lookup-second-offered').locator('li')).toHaveText([`${date} 10:00 · 二楼办公室`, `${date} 14:00 · 二楼办公室`, `${date} 15:00 · 二楼办公室`]);
  await expect(lk.getByTestId('lookup-result')).toContainText('用手机扫这个二维码选时间');
  await expect(lk.getByTestId('lookup-second-qr')).toBeVisible();
  await managerPages(lk).shoot('second-round-offer-lookup');
  await lk.close();
  // The applicant's screen locked the console; the manager unlocks it again.
  await page.goto(kiosk.launchUrl);
  await m.longPressCorner();
  await m.expectScreen('manager-pin');
  await m.typePin(PIN);
  await m.expectScreen('manager-dashboard');

  // The kiosk syncs; the applicant picks 14:00 on the phone page; the next sync books it.
  const round = await rpc<{ ok: boolean; pushedBatches: number; ackedRecords: number; error: string | null }>('sync:now', {});
  expect(round.ok, JSON.stringify(round)).toBe(true);
  await pickOnPhone(a.receiptCode, mobile, '14:00');
  expect((await rpc<{ ok: boolean }>('sync:now', {})).ok).toBe(true);

  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${a.interviewId}"]`).click();
  await expect(page.getByTestId('second-round-booking')).toHaveText(`二次面试：${date} 14:00 · 二楼办公室（应聘者自己选的）`);
  await expect(page.getByTestId('second-round-offer')).toHaveCount(0);
  await m.shoot('second-round-picked');
  await page.getByTestId('manager-lang').click();
  await expect(page.getByTestId('second-round-booking')).toHaveText(`Second interview: ${date} 14:00 · 二楼办公室 (chosen by the applicant)`);
  await m.shoot('second-round-picked-en');

  // The two times not chosen are free again.
  await page.getByTestId('tab-settings').click();
  for (const [start, text] of [
    ['10:00', '0 of 1 booked'],
    ['14:00', '1 of 1 booked'],
    ['15:00', '0 of 1 booked'],
  ] as const) {
    const li = page.getByTestId('slot-list').locator('li', { hasText: `${date} ${start}` });
    await expect(li).toContainText(text);
    await expect(li).not.toContainText('kept for');
  }
});
