import type { Locator, Page } from '@playwright/test';
import { answerSet } from './fixtures/answerSets';
import { expect, test } from './fixtures/kiosk';
import { bridgeRpc, takeInterview } from './pages/managerPages';
import { PORTRAIT } from './pages/applicantPages';

/**
 * Keyboard only (issue 19): no mouse, no touch. Tab, Shift+Tab, Enter, Space, Escape and typed
 * characters, as a physical keyboard or a switch device sends them. Each new screen must put
 * focus on its heading (or the screen itself), and every control must be reached in a few Tabs.
 */
test.use({ viewport: PORTRAIT });

const MAX_TABS = 40;
const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Presses Tab until `target` has focus; fails if it takes more than `max` presses. Returns the count. */
async function tabTo(page: Page, target: Locator, max = MAX_TABS, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<number> {
  await expect(target).toBeVisible();
  // A field that took focus when its screen opened is already there.
  if (await target.evaluate((el) => el === document.activeElement)) return 0;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`not reached by ${max} Tabs: ${target.toString()}`);
}

/** After a screen change, focus sits in the new screen (its heading, the screen, or its first field), never on the body. */
async function expectFocusAtTop(page: Page, screen: string) {
  const s = page.locator(`[data-screen="${screen}"]`);
  await expect(s).toBeVisible();
  await expect.poll(() => s.evaluate((el) => document.activeElement !== null && (el === document.activeElement || el.contains(document.activeElement)))).toBe(true);
}

async function press(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

test('the applicant journey by keyboard alone: notice, profile, questions, parcel test, finish', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const id = (t: string) => page.getByTestId(t);
  await page.goto(kiosk.launchUrl);
  await expectFocusAtTop(page, 'attract');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  await press(page, id('start'));
  await expectFocusAtTop(page, 'language');
  await press(page, id('lang-zh'));
  await expectFocusAtTop(page, 'openings');
  await press(page, id('opening-warehouse-sorter'));

  await expectFocusAtTop(page, 'notice');
  await press(page, id('consent-data'), 'Space');
  await expect(id('consent-data')).toHaveAttribute('aria-checked', 'true');
  await press(page, id('consent-pool'), 'Space');
  await press(page, id('begin'));

  await expectFocusAtTop(page, 'profile-contact');
  await tabTo(page, id('name'));
  await page.keyboard.type('王小明');
  await tabTo(page, id('mobile'));
  await page.keyboard.type('13800138000');
  await press(page, id('next'));

  // Availability: per-day groups of toggle buttons; Space toggles and the state is exposed.
  await expectFocusAtTop(page, 'profile-availability');
  const sunNight = page.locator('[data-cell="sun-night"]');
  for (const d of ['周一全天', '周二全天', '周三全天', '周四全天', '周五全天', '周六全天']) await press(page, page.getByRole('button', { name: d }), 'Space');
  await press(page, sunNight, 'Space');
  await expect(sunNight).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('group', { name: '周日' })).toBeVisible();
  await press(page, id('next'));

  await expectFocusAtTop(page, 'profile-experience');
  await press(page, page.locator('.chip', { hasText: '仓库' }), 'Space');
  await press(page, id('next'));
  await expectFocusAtTop(page, 'profile-start');
  await press(page, page.locator(`[data-date="${localIso()}"]`), 'Space');
  await press(page, id('next'));

  // Yes/no: each pair is a group named by its question.
  await expectFocusAtTop(page, 'profile-confirm');
  for (const rule of await page.locator('.yesno').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')!))) {
    await press(page, id(`confirm-${rule}-yes`), 'Space');
  }
  await press(page, id('next'));

  await expectFocusAtTop(page, 'device');
  await press(page, id('device-done'));

  // Questions: think, answer by typing, saved, next. The stop dialog traps focus and Escape keeps going.
  const answers = answerSet('warehouse-sorter', 'zh-CN', 'strong');
  let isStopChecked = false;
  for (let guard = 0; guard < 20; guard++) {
    const screen = await page.locator('[data-screen]').first().getAttribute('data-screen');
    if (screen === 'question') {
      const qid = (await page.locator('[data-screen="question"]').getAttribute('data-question'))!;
      await expectFocusAtTop(page, 'question');
      if (!isStopChecked) {
        // The top bar sits before the screen: back from the heading.
        await tabTo(page, id('stop'), MAX_TABS, 'Shift+Tab');
        await page.keyboard.press('Enter');
        await expect(id('confirm-stop')).toBeVisible();
        await expect(id('stop-no')).toBeFocused();
        for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
        expect(await id('confirm-stop').evaluate((el) => el.contains(document.activeElement))).toBe(true);
        await page.keyboard.press('Escape');
        await expect(id('confirm-stop')).toHaveCount(0);
        await expect(id('stop')).toBeFocused();
        isStopChecked = true;
      }
      await press(page, id('ready'));
      await tabTo(page, id('answer'));
      await page.keyboard.type(answers[qid]!);
      await press(page, id('finish-answer'));
      await expect(id('saved')).toBeVisible();
      await press(page, id('next-question'));
    } else if (screen === 'follow-up') {
      await press(page, id('skip'));
    } else if (screen === 'skills-intro') break;
    else await page.waitForTimeout(200);
  }

  // The parcel test by typed keys: the on-screen keypad listens to the keyboard, Enter goes on.
  await expectFocusAtTop(page, 'skills-intro');
  await press(page, id('skills-start'));
  for (let i = 0; i < 10; i++) {
    await expect(page.locator('[data-screen="skills"]')).toBeVisible();
    const item = await id('skills-item').innerText();
    await page.keyboard.type(item.toLowerCase());
    await expect(id('skills-input')).toContainText(item);
    await page.keyboard.press('Enter');
    if (i < 9) await expect(id('skills-item')).not.toHaveText(item);
  }
  await expectFocusAtTop(page, 'finish');
  await expect(id('receipt-code')).toBeVisible();
  await tabTo(page, page.locator('[data-testid="feedback"]'));
});

test('the console by keyboard alone: shortcut, typed PIN, open an applicant from the dashboard, back', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  const rpc = bridgeRpc(kiosk);
  await rpc('auth:setup', { storeName: '静安寺店', storeId: 'SH-JA-01', managerName: '王经理', pin: '258036' });
  await takeInterview(kiosk, { name: '张伟', mobile: '13811112222', packId: 'retail-sales', availability: ['sat-morning', 'sun-morning'] });
  const id = (t: string) => page.getByTestId(t);
  await page.goto(kiosk.launchUrl);
  await expectFocusAtTop(page, 'attract');
  await page.keyboard.press('Control+Alt+m');
  await expectFocusAtTop(page, 'manager-pin');
  await page.keyboard.type('258036');
  await expect(id('pin-count')).toHaveText('已输入6位');
  await page.keyboard.press('Enter');
  await expectFocusAtTop(page, 'manager-dashboard');
  const tabs = await tabTo(page, id('dash-open'));
  await page.keyboard.press('Enter');
  await expectFocusAtTop(page, 'manager-applicant');
  await expect(id('applicant-name')).toHaveText('张伟');
  // English console: the document's language follows.
  await press(page, id('manager-lang'));
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  await press(page, page.getByRole('button', { name: /Back/ }));
  await expectFocusAtTop(page, 'manager-dashboard');
  expect(tabs).toBeLessThan(MAX_TABS);
});
