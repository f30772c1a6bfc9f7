import { answerSet } from './fixtures/answerSets';
import { expect, test, type KioskServer } from './fixtures/kiosk';
import { applicantPages, PORTRAIT } from './pages/applicantPages';

/**
 * Double taps (issue 14, item 5): every button on the main path is double-tapped, and each double
 * tap does exactly what one tap does — one screen further, never two; no error shown before the
 * person did anything; no skipped skills item; one interview, one answer per question.
 */
const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

test.use({ viewport: PORTRAIT });

function count(kiosk: KioskServer, table: string): number {
  const db = kiosk.openDb();
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('double taps on every button of the main path move one step each (zh, warehouse sorter with its parcel test)', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const ap = applicantPages(page);
  const noError = async () => {
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expect(page.locator('.field-msg-bad')).toHaveCount(0);
  };
  const twice = async (testId: string, next: string) => {
    await page.getByTestId(testId).dblclick();
    await ap.expectScreen(next);
    await noError();
  };
  await page.goto(kiosk.launchUrl);
  await ap.expectScreen('attract');
  await twice('start', 'language');
  await twice('lang-zh', 'openings');
  await twice('opening-warehouse-sorter', 'notice');
  await page.getByTestId('consent-data').click();
  await twice('begin', 'profile-contact');
  expect(count(kiosk, 'interviews')).toBe(1);

  await page.getByTestId('name').fill('王小明');
  await page.getByTestId('mobile').fill('13800138000');
  await twice('next', 'profile-availability');
  for (const d of ALL_DAYS) await page.locator('.avail-day').nth(ALL_DAYS.indexOf(d)).click();
  await twice('next', 'profile-experience');
  await page.locator('.chip', { hasText: /仓库/ }).click();
  await twice('next', 'profile-start');
  await page.locator(`[data-date="${localIso()}"]`).click();
  await twice('next', 'profile-confirm');
  for (const rule of await page.locator('.yesno').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')!))) await page.getByTestId(`confirm-${rule}-yes`).click();
  await twice('next', 'device');
  await twice('device-done', 'question');

  const strong = answerSet('warehouse-sorter', 'zh-CN', 'strong');
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    await expect(page.locator('.topbar-progress')).toHaveText(`第 ${i + 1} 题 / 共 6 题`);
    const qid = (await ap.question.id())!;
    seen.push(qid);
    await page.getByTestId('ready').dblclick();
    await expect(ap.screen('question')).toHaveAttribute('data-phase', 'answer');
    // The second tap did not land on whatever sits where "ready" was (a key, the text box).
    await expect(page.getByTestId('answer')).toHaveValue('');
    await page.getByTestId('answer').fill(strong[qid]!);
    await twice('finish-answer', 'saved');
    await twice('next-question', i < 5 ? 'question' : 'skills-intro');
  }
  expect(new Set(seen).size).toBe(6);
  expect(count(kiosk, 'answers')).toBe(6);

  await twice('skills-start', 'skills');
  const typed: string[] = [];
  for (let i = 0; i < 10; i++) {
    await expect(page.locator('[data-screen="skills"]')).toHaveAttribute('data-item', String(i));
    // An empty answer cannot be sent by accident: "next" waits for input (skipping is its own button).
    await expect(page.getByTestId('skills-next')).toBeDisabled();
    const label = await ap.skills.item();
    typed.push(label);
    await ap.skills.typeOnKeypad(label);
    await page.getByTestId('skills-next').dblclick();
    if (i < 9) await expect(page.locator('[data-screen="skills"]')).toHaveAttribute('data-item', String(i + 1));
    await noError();
  }
  await ap.expectScreen('finish');
  const db = kiosk.openDb();
  try {
    const row = db.prepare('SELECT items_json, correct, total FROM skills_results').get() as { items_json: string; correct: number; total: number };
    expect(row).toMatchObject({ correct: 10, total: 10 });
    expect((JSON.parse(row.items_json) as { answer: string }[]).map((x) => x.answer)).toEqual(typed);
    expect(db.prepare('SELECT count(*) AS n FROM interviews').get()).toEqual({ n: 1 });
  } finally {
    db.close();
  }
  await twice('done', 'attract');
  await noError();
});
