import { answerSet } from './fixtures/answerSets';
import { expect, test } from './fixtures/kiosk';
import { applicantPages, PORTRAIT } from './pages/applicantPages';

/**
 * "More time", once, on every timed screen (issue 19, item 8): typed answers had it
 * (keyboard.spec); the skills test and the finish screen's return-to-start countdown offer it
 * too, as a button, so a keyboard or switch user is not timed out. The page's clock is driven
 * by the test.
 */
test.use({ viewport: PORTRAIT });

test('the parcel test and the finish screen each give one more minute when asked; then time runs out as before', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const ap = applicantPages(page, { shotPrefix: 'zh-practice' });
  await page.clock.install();
  await page.goto(kiosk.launchUrl);
  await ap.attract.practice();
  await ap.language.pick('zh-CN');
  await ap.openings.pick('warehouse-sorter');
  await ap.device.done();
  const strong = answerSet('warehouse-sorter', 'zh-CN', 'strong');
  for (let i = 0; i < 6; i++) {
    await ap.expectScreen('question');
    const qid = (await ap.question.id())!;
    await ap.question.ready();
    await ap.question.typeAnswer(strong[qid]!);
    await ap.saved.next();
  }

  // Skills: not offered while there is plenty of time.
  await ap.expectScreen('skills-intro');
  await ap.skills.start();
  await ap.expectScreen('skills');
  const ring = page.getByTestId('skills-ring');
  const seconds = async () => Number(/\d+/.exec(await ring.innerText())![0]);
  const limit = await seconds();
  // Time passes while the applicant works (a touch now and then keeps the idle prompt away).
  const work = async (ms: number) => {
    for (let done = 0; done < ms; done += 30_000) {
      await page.clock.fastForward(Math.min(30_000, ms - done));
      await page.getByTestId('skills-input').click();
    }
  };
  expect(limit).toBeGreaterThan(60);
  await expect(page.getByTestId('more-time')).toHaveCount(0);
  await ap.skills.typeOnKeypad(await ap.skills.item());
  await ap.skills.next();
  await expect(ap.screen('skills')).toHaveAttribute('data-item', '1');

  // 25 s left: offered; asked: a minute on top of what was left, and only once.
  await work((limit - 25) * 1000);
  await expect(page.getByTestId('more-time')).toBeVisible();
  await expect(page.getByTestId('more-time')).toHaveText('再给我1分钟');
  await ap.shoot('50-skills-more-time');
  const before = await seconds();
  await page.getByTestId('more-time').click();
  await expect(page.getByTestId('more-time')).toHaveCount(0);
  await expect.poll(seconds).toBeGreaterThanOrEqual(before + 55);
  // Past the original limit the test is still running, and the answer typed then counts.
  await work(40_000);
  await expect(ap.screen('skills')).toHaveAttribute('data-item', '1');
  await ap.skills.typeOnKeypad(await ap.skills.item());
  await ap.skills.next();
  await expect(ap.screen('skills')).toHaveAttribute('data-item', '2');
  await expect(page.getByTestId('more-time')).toHaveCount(0); // once only
  // Then it ends as before: what was answered is sent, the rest counts as unanswered.
  await page.clock.fastForward(60_000);
  await ap.expectScreen('finish');

  // Finish: 30 s back to the start, a minute more once.
  const countdown = page.getByTestId('finish-countdown');
  const left = async () => Number(/\d+/.exec(await countdown.innerText())![0]);
  await expect(countdown).toHaveText(/^(30|29|28) 秒后自动回到首页$/);
  await expect(page.getByTestId('more-time')).toBeVisible();
  await page.clock.fastForward(20_000);
  expect(await left()).toBeLessThanOrEqual(10);
  await page.getByTestId('more-time').focus();
  const leftBefore = await left();
  await page.keyboard.press('Enter'); // by keyboard: no tap on the screen needed
  await expect(page.getByTestId('more-time')).toHaveCount(0);
  await expect.poll(left).toBeGreaterThanOrEqual(leftBefore + 55);
  await ap.shoot('51-finish-more-time');
  await page.clock.fastForward(50_000);
  await ap.expectScreen('finish');
  await page.clock.fastForward(25_000);
  await ap.expectScreen('attract');
});
