import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { decide } from '../../electron/services/manager/decisions.js';
import { expect, test } from './fixtures/kiosk';
import { managerPages, pinRecommendation, PORTRAIT, takeInterview } from './pages/managerPages';
import type { KioskServer } from './fixtures/kiosk';

/** The kiosk's encrypted database opened for writing, as a second console process would (WAL, busy timeout). */
function openWritable(kiosk: KioskServer) {
  const key = fs.readFileSync(path.join(kiosk.dataDir, 'kiosk.key'), 'utf8').trim();
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key}'"`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Second-round booking in the manager console (issue 16, item 4), through the real bridge and
 * services: the manager adds slots in Settings, books one with "second interview", the booking
 * shows on the applicant page and the slot counts as full; a slot taken meanwhile (by another
 * console) is refused with nothing decided; undo frees it. Screenshots in portrait and landscape.
 */
test.use({ viewport: PORTRAIT });

const PIN = '258036';
const WEEKEND = ['sat-morning', 'sat-afternoon', 'sun-morning'];

test('slots in Settings, a second interview booked on one, a taken slot refused, undo frees it', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  const a = await takeInterview(kiosk, { name: '张伟', mobile: '13811112222', packId: 'retail-sales', availability: WEEKEND });
  const b = await takeInterview(kiosk, { name: '李娜', mobile: '13933334444', packId: 'retail-sales', availability: WEEKEND });
  const c = await takeInterview(kiosk, { name: '赵敏', mobile: '13755556666', packId: 'retail-sales', availability: WEEKEND });
  pinRecommendation(kiosk, a.interviewId);
  pinRecommendation(kiosk, b.interviewId);
  const m = managerPages(page);
  await page.goto(kiosk.launchUrl);
  await expect(page.locator('[data-screen="attract"]')).toBeVisible();
  await m.longPressCorner();
  await m.expectScreen('manager-setup');
  await page.getByTestId('setup-store-name').fill('静安寺店');
  await page.getByTestId('setup-store-id').fill('SH-JA-01');
  await page.getByTestId('setup-manager-name').fill('王经理');
  await page.getByTestId('setup-pin').fill(PIN);
  await page.getByTestId('setup-pin2').fill(PIN);
  await page.getByTestId('setup-submit').click();
  await m.expectScreen('manager-dashboard');

  // Settings: two slots a week ahead; a past date is refused with the reason.
  const day = new Date(Date.now() + 7 * 86_400_000);
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await page.getByTestId('tab-settings').click();
  await m.expectScreen('manager-settings');
  const card = page.getByTestId('second-round-slots');
  await expect(card).toContainText('还没有时间');
  await page.getByTestId('slot-date').fill('2020-01-06');
  await page.getByTestId('slot-place').fill('二楼办公室');
  await page.getByTestId('slot-add').click();
  await expect(page.getByTestId('slot-error')).toContainText('这个日期已经过去了');
  for (const start of ['14:00', '15:00']) {
    await page.getByTestId('slot-date').fill(date);
    await page.getByTestId('slot-start').fill(start);
    await page.getByTestId('slot-add').click();
    await expect(page.getByTestId('slot-list').locator('li', { hasText: `${date} ${start}` })).toBeVisible();
  }
  await expect(page.getByTestId('slot-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('slot-list')).toContainText('已约 0 / 1');
  await card.scrollIntoViewIfNeeded();
  await m.shoot('second-round-slots');

  // A: second interview on 14:00.
  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${a.interviewId}"]`).click();
  await m.expectScreen('manager-applicant');
  await page.getByTestId('decide-hold').click();
  const slotSelect = page.getByTestId('decide-slot');
  await expect(slotSelect.locator('option')).toHaveCount(3);
  await slotSelect.selectOption({ label: `${date} 14:00 · 二楼办公室` });
  await page.getByTestId('decide-reason').fill('请区域经理再面一次');
  await page.getByTestId('decision').scrollIntoViewIfNeeded();
  await m.shoot('second-round-pick');
  await page.getByTestId('decide-confirm').click();
  await expect(page.getByTestId('second-round-booking')).toHaveText(`二次面试：${date} 14:00 · 二楼办公室`);
  await m.shoot('second-round-booked');

  // B: the 14:00 slot is shown as full; 15:00 is taken by another console while this one is open.
  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${b.interviewId}"]`).click();
  await page.getByTestId('decide-hold').click();
  await expect(slotSelect.locator('option', { hasText: `${date} 14:00` })).toBeDisabled();
  await expect(slotSelect.locator('option', { hasText: `${date} 14:00` })).toContainText('已满');
  await slotSelect.selectOption({ label: `${date} 15:00 · 二楼办公室` });
  await page.getByTestId('decide-reason').fill('请区域经理再面一次');
  {
    // Another console (the same decision service on the same database) books 15:00 for C meanwhile.
    const db = openWritable(kiosk);
    try {
      const slot = db.prepare(`SELECT id FROM second_round_slots WHERE start_time = '15:00'`).get() as { id: string };
      decide(db, 'another-manager', { interviewId: c.interviewId, decision: 'hold', reason: 'second round', slotId: slot.id }, new Date());
    } finally {
      db.close();
    }
  }
  await page.getByTestId('decide-confirm').click();
  await expect(page.getByTestId('decide-error')).toContainText('这个时间刚被约满或已删除，请另选一个时间；这次没有保存决定。');
  await expect(page.getByTestId('current-decision')).toHaveCount(0);
  // The list is read again: 15:00 now shows as full and the choice is cleared.
  await expect(slotSelect.locator('option', { hasText: `${date} 15:00` })).toBeDisabled();
  await expect(slotSelect).toHaveValue('');
  await m.shoot('second-round-clash');

  // Undo A's decision: its booking goes and that slot takes B.
  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${a.interviewId}"]`).click();
  await page.getByTestId('decision-undo').click();
  await expect(page.getByTestId('second-round-booking')).toHaveCount(0);
  await page.getByTestId('tab-dashboard').click();
  await page.locator(`[data-interview="${b.interviewId}"]`).click();
  await page.getByTestId('decide-hold').click();
  await expect(slotSelect.locator('option', { hasText: `${date} 15:00` })).toBeDisabled();
  await slotSelect.selectOption({ label: `${date} 14:00 · 二楼办公室` });
  await page.getByTestId('decide-reason').fill('请区域经理再面一次');
  await page.getByTestId('decide-confirm').click();
  await expect(page.getByTestId('second-round-booking')).toHaveText(`二次面试：${date} 14:00 · 二楼办公室`);
});
