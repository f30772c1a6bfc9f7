import { expect, LANDSCAPE, PORTRAIT, shootBoth, shot, test } from './fixtures/kiosk';
import { doubleText, expectHoldsAtDoubleText, expectMinTextSize } from './fixtures/textChecks';
import { expectTouchTargets } from './pages/applicantPages';
import { bridgeRpc, expectNoSidewaysOverflow, managerPages, pinRecommendation, takeInterview } from './pages/managerPages';

/**
 * Every manager screen in English (issue 19): each is scanned by axe-core in portrait and
 * landscape (0 critical / 0 serious), checked for sideways overflow and touch targets, and for
 * text under 18.7 px (item 6). Key screens are also checked with text at 200 % (item 7). The
 * knock-out a manager reads is the pack's short label (item 18). manager.spec photographs the
 * same screens in Chinese.
 */
test.use({ viewport: PORTRAIT });

const PIN = '258036';
const STAFF_PIN = '975318';
const WEEKEND = ['sat-morning', 'sat-afternoon', 'sun-morning', 'sun-afternoon', 'wed-evening'];

test('the whole console in English: axe, text size, overflow, and 200 % text on the main screens', async ({ page, kiosk }) => {
  test.setTimeout(420_000);
  const rpc = bridgeRpc(kiosk);
  // A: no weekend ticked (fails the retail weekend rule, goes on anyway); B: fits.
  const a = await takeInterview(kiosk, { name: '张伟', mobile: '13811112222', packId: 'retail-sales', availability: ['mon-evening', 'wed-evening'] });
  const b = await takeInterview(kiosk, { name: '李娜', mobile: '13933334444', packId: 'retail-sales', availability: WEEKEND });
  pinRecommendation(kiosk, a.interviewId);
  pinRecommendation(kiosk, b.interviewId);
  await rpc('interview:humanRequest', { interviewId: null, packId: 'retail-sales', name: '赵敏', mobile: '13755556666', lang: 'en' });
  const m = managerPages(page);

  const shoot = async (name: string) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await shootBoth(page, `manager-en-${name}`, async (where) => {
      await expectNoSidewaysOverflow(page, where);
      await expectTouchTargets(page, where);
      await expectMinTextSize(page, where);
    });
  };
  const atDoubleText = async (name: string) => {
    const restore = await doubleText(page);
    const original = page.viewportSize() ?? PORTRAIT;
    for (const [label, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      await expectHoldsAtDoubleText(page, `manager ${name} ${label}`);
      await shot(page, `manager-en-200-${name}-${label}`);
    }
    await page.setViewportSize(original);
    await restore();
  };
  const english = async () => {
    await page.getByTestId('manager-lang').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  };

  // Setup, before any PIN exists: English can be chosen there too.
  await page.goto(kiosk.launchUrl);
  await m.longPressCorner();
  await m.expectScreen('manager-setup');
  await english();
  await expect(page.locator('[data-screen="manager-setup"] h1')).not.toContainText(/[\u4e00-\u9fff]/);
  await shoot('01-setup');
  await atDoubleText('setup');
  await page.getByTestId('setup-store-name').fill("Jing'an Temple");
  await page.getByTestId('setup-store-id').fill('SH-JA-01');
  await page.getByTestId('setup-manager-name').fill('Wang');
  await page.getByTestId('setup-pin').fill(PIN);
  await page.getByTestId('setup-pin2').fill(PIN);
  await page.getByTestId('setup-submit').click();
  await m.expectScreen('manager-dashboard');
  await rpc('auth:addUser', { name: 'Li', role: 'staff', pin: STAFF_PIN });

  // PIN: pick a person, a wrong PIN, then the right one.
  await page.getByTestId('manager-lock').click();
  await m.longPressCorner();
  await m.expectScreen('manager-pin');
  await english();
  await shoot('02-pin-people');
  await page.getByTestId('pin-person').filter({ hasText: 'Wang' }).click();
  await m.typePin('999991');
  await expect(page.getByTestId('pin-message')).toContainText('4');
  await shoot('03-pin-wrong');
  await atDoubleText('pin');
  await m.typePin(PIN);
  await m.expectScreen('manager-dashboard');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en'); // kept after unlocking

  await expect(page.getByTestId('dash-row')).toHaveCount(2);
  await shoot('04-dashboard');
  await atDoubleText('dashboard');
  await page.getByTestId('dash-search').fill('2222');
  await page.getByTestId('dash-search-go').click();
  await expect(page.getByTestId('dash-row')).toHaveCount(1);
  await shoot('05-dashboard-search');

  // A: the unmet weekend rule as the pack's manager label, then what was chosen.
  await page.getByTestId('dash-row').first().click();
  await m.expectScreen('manager-applicant');
  const weekend = page.getByTestId('knockouts').locator('[data-rule="weekend-shifts"]');
  await expect(weekend).toHaveAttribute('data-passed', 'false');
  await expect(weekend.getByTestId('ko-label')).toHaveText("Can't work weekends");
  await expect(weekend).toContainText('Days needed: Sat, Sun');
  await expect(page.getByTestId('knockouts')).not.toContainText('If weekends');
  await shoot('06-applicant');
  await atDoubleText('applicant');
  await page.getByTestId('decide-pass').click();
  await page.getByTestId('decide-confirm').click();
  await expect(page.getByTestId('decision-undo')).toBeVisible();
  await shoot('07-decided-pass');

  await page.getByTestId('tab-shifts').click();
  await m.expectScreen('manager-shifts');
  await page.getByTestId('shift-day').selectOption('mon');
  await page.getByTestId('shift-start').fill('17:00');
  await page.getByTestId('shift-end').fill('21:00');
  await page.getByTestId('shift-role').fill('Shelves');
  await page.getByTestId('shift-headcount').fill('1');
  await page.getByTestId('shift-add').click();
  await expect(page.getByTestId('shift-table').locator('tbody tr')).toHaveCount(1);
  await shoot('08-shifts');
  await atDoubleText('shifts');

  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${a.interviewId}"]`).click();
  await expect(page.getByTestId('shift-match')).toHaveCount(1);
  await shoot('09-shift-matching');
  await page.getByTestId('shift-match').first().getByTestId('shift-assign').click();
  await expect(page.getByTestId('shift-match').first()).toContainText(/Scheduled|scheduled|Assigned|assigned/);
  await shoot('10-scheduled');

  // The report in English, with the label too.
  await page.getByTestId('print-en').click();
  await m.expectScreen('manager-report');
  await expect(page.getByTestId('report-knockouts')).toContainText("Can't work weekends");
  await expect(page.getByTestId('report-knockouts')).not.toContainText('If weekends');
  await shoot('11-report');
  await page.getByTestId('report-close').click();

  // B against the recommendation: a reason is needed.
  await page.getByTestId('applicant-back').click();
  await page.locator(`[data-interview="${b.interviewId}"]`).click();
  await page.getByTestId('decide-fail').click();
  await expect(page.getByTestId('decide-confirm')).toBeDisabled();
  await shoot('12-override-needs-reason');
  await page.getByTestId('decide-reason').fill('Only half days at weekends');
  await page.getByTestId('decide-pool').check();
  await page.getByTestId('decide-confirm').click();
  await expect(page.getByTestId('current-decision')).toBeVisible();
  await shoot('13-decided-override');

  await page.getByTestId('tab-pool').click();
  await expect(page.getByTestId('pool-table').locator('tbody tr')).toHaveCount(1);
  await shoot('14-pool');
  await page.getByTestId('tab-requests').click();
  await expect(page.getByTestId('human-request')).toHaveCount(1);
  await shoot('15-requests');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('audit')).toBeVisible();
  await shoot('16-settings');
  await atDoubleText('settings');

  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${b.interviewId}"]`).click();
  await page.getByTestId('delete-open').click();
  await expect(page.getByTestId('delete-dialog')).toBeVisible();
  await shoot('17-delete-confirm');
  await atDoubleText('delete-confirm');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-dialog')).toHaveCount(0);

  // Staff: their own settings page.
  await page.getByTestId('manager-lock').click();
  await m.longPressCorner();
  await english();
  await page.getByTestId('pin-person').filter({ hasText: 'Li' }).click();
  await m.typePin(STAFF_PIN);
  await m.expectScreen('manager-dashboard');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('my-pin-current')).toBeVisible();
  await shoot('18-settings-staff');
});
