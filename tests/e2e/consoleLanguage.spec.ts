/**
 * Issue 14, item 11: the manager console in its own language — a refused PIN at set-up by its
 * reason (not the service's English), audit entries as words ("做出决定", not "decision.made"),
 * and date and time fields as typed YYYY-MM-DD / 24-hour HH:MM (not the browser's "12/02/2026",
 * "09:00 AM"), in Chinese and in English.
 */
import { expect, test } from './fixtures/kiosk';
import { bridgeRpc, managerPages } from './pages/managerPages';

const PIN = '258036';

test('set-up refusal, audit log and date/time fields follow the console language', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  const m = managerPages(page);
  await page.goto(kiosk.launchUrl);
  await m.longPressCorner();
  await m.expectScreen('manager-setup');
  await page.getByTestId('setup-store-name').fill('静安寺店');
  await page.getByTestId('setup-store-id').fill('SH-JA-01');
  await page.getByTestId('setup-manager-name').fill('王经理');
  await page.getByTestId('setup-pin').fill('111111');
  await page.getByTestId('setup-pin2').fill('111111');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('setup-error')).toHaveText(/^请换一个密码/);
  // English console: the same refusal in English.
  await page.getByTestId('manager-lang').click();
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('setup-error')).toHaveText(/^Choose a different PIN/);
  await page.getByTestId('manager-lang').click();
  await page.getByTestId('setup-pin').fill(PIN);
  await page.getByTestId('setup-pin2').fill(PIN);
  await page.getByTestId('setup-submit').click();
  await m.expectScreen('manager-dashboard');

  // Dates as typed YYYY-MM-DD: a wrong shape is marked and does not filter.
  const date = page.getByTestId('dash-date');
  await expect(date).toHaveAttribute('type', 'text');
  await expect(date).toHaveAttribute('placeholder', '例如 2026-05-04');
  await date.fill('12/02/2026');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await date.fill('2026-12-02');
  await expect(date).toHaveAttribute('aria-invalid', 'false');

  // Times as 24-hour HH:MM; a shift saved with them; its removal is audited.
  await page.getByTestId('tab-shifts').click();
  await m.expectScreen('manager-shifts');
  const start = page.getByTestId('shift-start');
  await expect(start).toHaveAttribute('placeholder', '例如 09:00');
  await start.fill('9:00 AM');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await start.fill('18:00');
  await page.getByTestId('shift-end').fill('22:30');
  await page.getByTestId('shift-role').fill('理货');
  await page.getByTestId('shift-add').click();
  await expect(page.getByTestId('shift-table')).toContainText('18:00');
  await expect(page.getByTestId('shift-table')).toContainText('22:30');
  await m.shoot('40-shifts-24h');

  // Audit log: words in the console's language, never the codes.
  await page.getByTestId('tab-settings').click();
  const audit = page.getByTestId('audit');
  await expect(audit).toContainText('添加了班次');
  await expect(audit).toContainText('设置了这台机器');
  await expect(audit).not.toContainText(/[a-z]+\.[a-z]+/);
  await audit.scrollIntoViewIfNeeded();
  await m.shoot('41-settings-audit-words');
  await page.getByTestId('manager-lang').click();
  await expect(audit).toContainText('Shift added');
  await expect(audit).not.toContainText(/[a-z]+\.[a-z]+/);
  await m.shoot('42-settings-audit-words-en');
  expect((await bridgeRpc(kiosk)<{ recent: { action: string }[] }>('manager:audit', {})).recent.map((e) => e.action)).toContain('shift.added');
});
