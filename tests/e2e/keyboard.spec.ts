import { answerSet } from './fixtures/answerSets';
import { expect, test, type KioskServer } from './fixtures/kiosk';
import { applicantPages, PORTRAIT } from './pages/applicantPages';
import { unpackValue } from '../../electron/services/db/compactJson.js';

/**
 * The on-screen keyboard (issue 14, item 1): a touch kiosk has no physical keyboard, so the name
 * and a whole Chinese answer are typed with taps on keys and on the pinyin candidate bar only —
 * no page.keyboard, no fill — and the answer is stored as typed and scored. Typed answers get
 * twice the time, and the applicant may ask once for a minute more.
 */
const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

test.use({ viewport: PORTRAIT });

function dbRows<T>(kiosk: KioskServer, sql: string): T[] {
  const db = kiosk.openDb();
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function profileAndDevice(ap: ReturnType<typeof applicantPages>) {
  await ap.profile.tickDays(ALL_DAYS);
  await ap.profile.next();
  await ap.profile.experience([/没做过兼职|还没工作过/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.device.done();
}

test('zh: name and a whole answer typed with taps on the on-screen keyboard only; stored as typed and scored', async ({ page, kiosk }) => {
  test.setTimeout(300_000);
  const packId = 'retail-sales';
  const strong = answerSet(packId, 'zh-CN', 'strong');
  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await ap.attract.start();
  await ap.language.pick('zh-CN');
  await ap.openings.pick(packId);
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();

  // Name: pinyin + candidates; mobile on its keypad.
  await ap.expectScreen('profile-contact');
  const nameKb = ap.keyboard('name-keyboard');
  await expect(nameKb.root).toHaveAttribute('data-mode', 'pinyin');
  await nameKb.key('w').click();
  await nameKb.key('a').click();
  await nameKb.key('n').click();
  await nameKb.key('g').click();
  await expect(nameKb.root.getByTestId('ime-composition')).toHaveText('wang');
  await ap.shoot('45-keyboard-name');
  await nameKb.root.locator('[data-testid="ime-candidate"][data-text="王"]').click();
  await nameKb.typeChinese('小芳');
  await expect(page.getByTestId('name')).toHaveValue('王小芳');
  // Delete and retype one character: backspace works on the text, not only on the pinyin.
  await nameKb.key('{bksp}').click();
  await expect(page.getByTestId('name')).toHaveValue('王小');
  await nameKb.typeChinese('芳');
  for (const d of '13600001234') await page.locator(`.keypad [data-key="${d}"]`).click();
  await expect(page.getByTestId('mobile')).toHaveValue('13600001234');
  await ap.profile.next();
  await profileAndDevice(ap);

  // Question 1, typed end to end on the keyboard.
  await ap.expectScreen('question');
  const q1 = (await ap.question.id())!;
  await ap.question.ready();
  await expect(ap.screen('question')).toHaveAttribute('data-mode', 'type');
  // Typing gets twice the pack's 90 s.
  await expect(page.getByTestId('answer-ring')).toContainText(/1[78]\d/);
  const kb = ap.keyboard('answer-keyboard');
  const target = strong[q1]!;
  const half = target.slice(0, 20);
  await kb.typeChinese(half);
  await expect(page.getByTestId('answer')).toHaveValue(half);
  // Mid-word, for the screenshots: pinyin in the bar with its candidates.
  await kb.key('g').click();
  await kb.key('u').click();
  await kb.key('k').click();
  await kb.key('e').click();
  await expect(kb.root.locator('[data-testid="ime-candidate"][data-text="顾客"]')).toBeVisible();
  await ap.shoot('46-keyboard-answer');
  for (let i = 0; i < 4; i++) await kb.key('{bksp}').click();
  await expect(kb.root.getByTestId('ime-candidate')).toHaveCount(0);
  await expect(page.getByTestId('answer')).toHaveValue(half);
  await kb.typeChinese(target.slice(20));
  await expect(page.getByTestId('answer')).toHaveValue(target);
  await page.getByTestId('finish-answer').click();
  await ap.expectScreen('saved');
  expect(dbRows<{ question_id: string; mode: string; text: string }>(kiosk, 'SELECT question_id, mode, text FROM answers')).toEqual([{ question_id: q1, mode: 'typed', text: target }]);
  await ap.saved.next();

  // The rest of the interview (the typing was the point above).
  for (let i = 1; i < 6; i++) {
    await ap.expectScreen('question');
    await ap.question.ready();
    await ap.question.typeAnswer(strong[(await ap.question.id())!]!);
    await ap.expectScreen('saved');
    await ap.saved.next();
  }
  await ap.expectScreen('finish');
  const [score] = dbRows<{ status: string; result: Buffer }>(kiosk, 'SELECT status, result FROM scores');
  expect(score?.status).toBe('scored');
  const a1 = unpackValue<{ answers: { questionId: string; level: number; gate: string | null }[] }>(score!.result)!.answers.find((a) => a.questionId === q1);
  expect(a1, 'the keyboard-typed answer is scored').toMatchObject({ gate: null });
  expect(a1!.level).toBeGreaterThanOrEqual(4);
  expect(dbRows<{ name: string }>(kiosk, 'SELECT name FROM applicants')).toEqual([{ name: '王小芳' }]);
});

test('en: QWERTY with shift and digits; typed answers get twice the time and one extra minute on request', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  await page.clock.install();
  const ap = applicantPages(page, { shotPrefix: 'en' });
  await page.goto(kiosk.launchUrl);
  await ap.attract.start();
  await ap.language.pick('en');
  await ap.openings.pick('warehouse-sorter');
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();
  await ap.expectScreen('profile-contact');
  const nameKb = ap.keyboard('name-keyboard');
  await expect(nameKb.root).toHaveAttribute('data-mode', 'english');
  await expect(nameKb.key('{123}')).toHaveCount(0); // names: letters only
  await nameKb.key('{shift}').click();
  await nameKb.key('C').click();
  for (const k of 'hen') await nameKb.key(k).click();
  await nameKb.key('{space}').click();
  await nameKb.key('{shift}').click();
  await nameKb.key('Y').click();
  await nameKb.key('u').click();
  await expect(page.getByTestId('name')).toHaveValue('Chen Yu');
  for (const d of '15800005678') await page.locator(`.keypad [data-key="${d}"]`).click();
  await ap.profile.next();
  await ap.profile.tickDays(ALL_DAYS);
  await ap.profile.next();
  await ap.profile.experience([/No part-time|Not worked yet/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.device.done();

  await ap.expectScreen('question');
  await ap.question.ready();
  const ring = page.getByTestId('answer-ring');
  const seconds = async () => Number(/\d+/.exec(await ring.innerText())![0]);
  const kb = ap.keyboard('answer-keyboard');
  await expect(kb.root).toHaveAttribute('data-mode', 'english');
  for (const k of 'i check ') await kb.key(k === ' ' ? '{space}' : k).click();
  await kb.key('{123}').click();
  await kb.key('2').click();
  await kb.key('{letters}').click();
  await kb.key('{space}').click();
  for (const k of 'times') await kb.key(k).click();
  await kb.key('.').click();
  await expect(page.getByTestId('answer')).toHaveValue('i check 2 times.');
  const total = await seconds();
  expect(total).toBeGreaterThan(150); // twice the pack's answer time
  await expect(page.getByTestId('more-time')).toHaveCount(0);

  // Run the clock down (tapping keys now and then, as a typing applicant does) to 30 s left.
  for (const step of [60, 60, total - 150]) {
    await page.clock.fastForward(step * 1000);
    await kb.key('{shift}').click();
  }
  await expect(page.getByTestId('more-time')).toBeVisible();
  await ap.shoot('47-more-time');
  await page.getByTestId('more-time').click();
  await expect(page.getByTestId('more-time')).toHaveCount(0);
  expect(await seconds()).toBeGreaterThan(80);
  for (const step of [60, 40]) {
    await page.clock.fastForward(step * 1000);
    await kb.key('{shift}').click();
  }
  await expect(page.getByTestId('time-up')).toBeVisible();
  await ap.shoot('48-time-up');
  // Asked once: not offered again; the text is kept and can be sent.
  await expect(page.getByTestId('more-time')).toHaveCount(0);
  await expect(page.getByTestId('answer')).toHaveValue('i check 2 times.');
  await page.getByTestId('finish-answer').click();
  await ap.expectScreen('saved');
  expect(dbRows<{ text: string }>(kiosk, 'SELECT text FROM answers')).toEqual([{ text: 'i check 2 times.' }]);
});
