/**
 * An HR admin at head office, in Chromium: signs in, reads the funnel with a filter, finds the
 * kiosk that never synced under "needs attention", approves and publishes the refitted model
 * (which the store's kiosk then applies on its next sync), revokes a kiosk, sees an erased
 * applicant as erased — then every page in zh-CN and en at 1440×900 and 1024×768, screenshots
 * under tests/artifacts/headoffice/, with no CSP violation on any page.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pushPending } from '../../electron/services/sync/push.js';
import { getIdentity } from '../../electron/services/sync/state.js';
import { syncNow } from '../../electron/services/sync/syncService.js';
import { cleanupTempDirs, completeInterview } from '../integration/sync/harness.js';
import { ADMIN, seedHeadOffice, type Seeded } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.resolve(here, '..', 'artifacts', 'headoffice');
const KIND = process.env.HO_E2E_STORE === 'pg' ? 'pg' : 'sqlite';

test.describe.configure({ mode: 'serial' });

let ho: Seeded;
const cspErrors: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(600_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  ho = await seedHeadOffice(KIND);
});
test.afterAll(async () => {
  await ho?.close();
  cleanupTempDirs();
});

function watchCsp(page: Page) {
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(`${page.url()}: ${m.text()}`);
  });
}

async function signIn(page: Page) {
  await page.goto(`${ho.url}/console`);
  await expect(page).toHaveURL(/\/console\/login/);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/console\/funnel/);
}

test('sign in, funnel with a filter and its chart', async ({ page }) => {
  watchCsp(page);
  await signIn(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('招聘漏斗');
  await page.locator('select[name=by]').selectOption('opening');
  await page.locator('select[name=store]').selectOption('S001');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/by=opening&store=S001/);
  const sorter = page.locator('#funnel-table tbody tr', { hasText: 'warehouse-sorter' });
  // 4 finished (one more was erased on request) + 1 abandoned start, counted under its opening.
  await expect(sorter.locator('td').nth(1)).toHaveText('5');
  await expect(sorter.locator('td').nth(2)).toHaveText('1');
  await expect(page.locator('#funnel-table')).not.toContainText('unknown');
  expect(await page.evaluate('typeof Chart === "function" && !!Chart.getChart("funnel-chart")')).toBe(true);
  await expect(page.getByRole('link', { name: '下载此表的 CSV' })).toHaveAttribute('href', /funnel\.csv\?by=opening&store=S001/);
});

test('fleet: the kiosk that never synced needs attention; revoking a kiosk stops its sync', async ({ page }) => {
  watchCsp(page);
  await signIn(page);
  await page.getByRole('link', { name: '终端', exact: true }).click();
  await page.getByRole('link', { name: '只看需要处理的' }).click();
  const rows = page.locator('#fleet-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('S002');
  await expect(rows.first()).toContainText('从未同步');
  page.once('dialog', (d) => void d.accept());
  await rows.first().getByRole('button', { name: '吊销' }).click();
  await expect(page.getByRole('status')).toContainText('已吊销');
  const id = getIdentity(ho.k2.db)!;
  completeInterview(ho.k2.db, { packId: 'warehouse-sorter' });
  const r = await pushPending(ho.k2.db, id, { maxAttempts: 1 });
  expect(r.ok).toBe(false);
  expect(String((r as { error?: string }).error)).toContain('revoked');
});

test('models: approve and publish the candidate to S001; the kiosk applies it on its next sync', async ({ page }) => {
  watchCsp(page);
  await signIn(page);
  await page.getByRole('link', { name: '评分模型' }).click();
  const card = page.locator(`details[data-candidate="${ho.candidateId}"]`);
  await expect(card).toHaveAttribute('data-status', 'awaiting_approval');
  await card.locator('form[action="/console/models/approve"] input[name="reason"]').fill('留出集 AUC 提升，不利影响检查通过');
  await card.getByRole('button', { name: '批准' }).click();
  await expect(page.locator(`details[data-candidate="${ho.candidateId}"]`)).toHaveAttribute('data-status', 'approved');
  await page.locator(`details[data-candidate="${ho.candidateId}"] input[name="stores"]`).fill('S001');
  await page.locator(`details[data-candidate="${ho.candidateId}"]`).getByRole('button', { name: '发布' }).click();
  await expect(page.locator(`details[data-candidate="${ho.candidateId}"]`)).toHaveAttribute('data-status', 'published');
  await expect(page.locator('#model-log')).toContainText('publish');
  const round = await syncNow(ho.k1.db, ho.k1.dataDir, { maxAttempts: 2 });
  expect(round.ok).toBe(true);
  const active = ho.k1.db.prepare(`SELECT version FROM sync_downlink WHERE kind = 'scoringModel' AND name = 'cashier' AND state = 'active'`).get() as { version: number } | undefined;
  expect(active?.version).toBe(1);
  await page.reload();
  await expect(page.locator('#models-in-use')).toContainText('cashier v1');
});

test('applicants: a synced record with answers and score; an erased applicant shows as erased', async ({ page }) => {
  watchCsp(page);
  await signIn(page);
  await page.getByRole('link', { name: '应聘者' }).click();
  await page.getByLabel('姓名、回执码或面试编号').fill(ho.keptName);
  await page.getByRole('button', { name: '筛选' }).click();
  await page.getByRole('link', { name: '查看' }).first().click();
  await expect(page.getByTestId('score')).toBeVisible();
  await expect(page.locator('.answers')).toContainText('收银');
  await page.goto(`${ho.url}/console/applicants?status=erased`);
  await page.getByRole('link', { name: '查看' }).first().click();
  await expect(page.getByTestId('erased')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('王删除');
});

const PAGES: [string, string][] = [
  ['funnel', '/console/funnel?by=week'],
  ['funnel-store-opening', '/console/funnel'],
  ['fleet', '/console/fleet'],
  ['applicants', '/console/applicants'],
  ['applicant', '/console/applicant?id=KEPT'],
  ['applicant-scored', '/console/applicant?id=SCORED'],
  ['applicant-erased', '/console/applicant?id=ERASED'],
  ['models', '/console/models'],
  ['tokens', '/console/tokens'],
  ['users', '/console/users'],
  ['audit', '/console/audit'],
  ['account', '/console/account'],
];

test('every page in zh-CN and en at 1440×900 and 1024×768 (screenshots), without CSP violations', async ({ page }) => {
  watchCsp(page);
  for (const [w, h] of [[1440, 900], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.context().clearCookies();
    await page.goto(`${ho.url}/console/lang?to=zh-CN&back=/console/login`);
    await page.screenshot({ path: path.join(SHOTS, `login-zh-${w}x${h}.png`), fullPage: true });
    await signIn(page);
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.goto(`${ho.url}/console/lang?to=${lang}&back=/console/funnel`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      for (const [name, url] of PAGES) {
        await page.goto(ho.url + url.replace('KEPT', ho.keptInterview).replace('ERASED', ho.erasedInterview).replace('SCORED', ho.scoredInterview));
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // No horizontal scrolling of the whole page (wide tables scroll inside their box).
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), `${name} ${lang} ${w}`).toBe(true);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${lang === 'zh-CN' ? 'zh' : 'en'}-${w}x${h}.png`), fullPage: true });
      }
    }
  }
  expect(cspErrors).toEqual([]);
});
