import { answerSet, packFollowUp, THIN } from './fixtures/answerSets';
import { expect, test, type KioskServer } from './fixtures/kiosk';
import { applicantPages, PORTRAIT } from './pages/applicantPages';
import { bridgeRpc, managerPages } from './pages/managerPages';

/**
 * The one follow-up to a thin answer, through the real screens, bridge, interview service and
 * scoring hook: a one-word answer gets exactly one follow-up (the pack's wording, nothing more),
 * answering or skipping it moves on, a good answer gets none, and the manager reads the
 * follow-up and its reply next to the answer, with the evidence the reply earned.
 */
const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PIN = '258036';

test.use({ viewport: PORTRAIT });

async function toQuestions(ap: ReturnType<typeof applicantPages>, lang: 'zh-CN' | 'en', packId: string, name: string, mobile: string) {
  await ap.attract.start();
  await ap.language.pick(lang);
  await ap.openings.pick(packId);
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();
  await ap.profile.contact(name, mobile);
  await ap.profile.next();
  await ap.profile.tickDays(ALL_DAYS);
  await ap.profile.next();
  await ap.profile.experience([lang === 'en' ? /Not worked yet/ : /还没工作过/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.device.done();
}

function followUpRows(kiosk: KioskServer) {
  const db = kiosk.openDb();
  try {
    return db.prepare('SELECT question_id, mode, text, answered_at FROM follow_ups ORDER BY asked_at').all() as {
      question_id: string;
      mode: string | null;
      text: string | null;
      answered_at: string | null;
    }[];
  } finally {
    db.close();
  }
}

function auditCount(kiosk: KioskServer, action: string): number {
  const db = kiosk.openDb();
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Answers the question on screen with the given text and goes on past the "saved" screen. */
async function answerQuestion(ap: ReturnType<typeof applicantPages>, text: string) {
  await ap.expectScreen('question');
  await ap.question.ready();
  await ap.question.typeAnswer(text);
  await ap.expectScreen('saved');
  await ap.saved.next();
}

test('zh: "好" gets exactly one follow-up; answering it moves on; the manager sees it with its evidence', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const packId = 'retail-sales';
  const strong = answerSet(packId, 'zh-CN', 'strong');
  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await toQuestions(ap, 'zh-CN', packId, '周小芳', '13600001234');

  // Question 1: one word.
  await ap.expectScreen('question');
  const q1 = (await ap.question.id())!;
  const q1Text = await page.getByTestId('question-text').innerText();
  await ap.question.ready();
  await ap.question.typeAnswer(THIN['zh-CN']);
  await ap.expectScreen('saved');
  await expect(page.getByTestId('next-question')).toHaveText('继续');
  await ap.saved.next();

  // The follow-up: the question small, the pack's follow-up large, its own timer, a clear skip.
  await ap.expectScreen('follow-up');
  await expect(ap.screen('follow-up')).toHaveAttribute('data-question', q1);
  await expect(ap.followUp.text()).toHaveText(packFollowUp(packId, q1)['zh-CN']);
  await expect(ap.followUp.original()).toContainText(q1Text);
  await expect(ap.followUp.original()).toContainText('关于第 1 题');
  await expect(page.getByTestId('skip')).toHaveText('跳过');
  await expect(page.getByTestId('answer-ring')).toContainText('90'); // the pack's 45 s, doubled for typing on the on-screen keyboard
  await expect(page.getByTestId('retake')).toHaveCount(0);
  await expect(page.locator('.topbar-progress')).toHaveText('第 1 题 / 共 6 题');
  // Nothing on screen but the pack's own wording and the screen's labels (no rubric words).
  const fuScreenText = await ap.screen('follow-up').innerText();
  expect(fuScreenText).not.toMatch(/道歉|安抚|指标|评分|关键词/);
  await ap.shoot('30-follow-up');

  // A double tap sends one answer.
  const reply = '我会先跟他说对不起，三天就开胶确实是我们的问题。然后请他到旁边坐下，仔细看看鞋底，给他换一双新的或者退款，最后留个电话，过几天回访问问他满意不满意。';
  await page.getByTestId('answer').fill(reply);
  await page.getByTestId('finish-answer').dblclick();

  // On to question 2 directly (no retake of a follow-up).
  await ap.expectScreen('question');
  const q2 = (await ap.question.id())!;
  expect(q2).not.toBe(q1);
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(followUpRows(kiosk)).toEqual([{ question_id: q1, mode: 'typed', text: reply, answered_at: expect.any(String) }]);
  expect(auditCount(kiosk, 'followup.answered')).toBe(1);

  // Good answers get no follow-up.
  await ap.question.ready();
  await ap.question.typeAnswer(strong[q2]!);
  await ap.expectScreen('saved');
  await expect(page.getByTestId('next-question')).toHaveText('下一题');
  await ap.saved.next();
  for (let i = 2; i < 6; i++) {
    await ap.expectScreen('question');
    await answerQuestion(ap, strong[(await ap.question.id())!]!);
  }
  await ap.expectScreen('finish');
  expect(followUpRows(kiosk)).toHaveLength(1);
  expect(auditCount(kiosk, 'followup.asked')).toBe(1);

  // The manager's view: the follow-up and the reply under answer 1, and evidence quoting the reply.
  const db = kiosk.openDb();
  const { id: interviewId } = db.prepare('SELECT id FROM interviews').get() as { id: string };
  db.close();
  await bridgeRpc(kiosk)('auth:setup', { storeName: '测试店', storeId: 'SH-T-01', managerName: '王经理', pin: PIN });
  await page.getByTestId('done').click();
  await expect(page.locator('[data-screen="attract"]')).toBeVisible();
  const m = managerPages(page);
  await m.longPressCorner();
  await m.expectScreen('manager-dashboard');
  await page.locator(`[data-interview="${interviewId}"]`).click();
  await m.expectScreen('manager-applicant');
  const a1 = page.locator(`[data-testid="answer"][data-question="${q1}"]`);
  await expect(a1.getByTestId('follow-up')).toContainText(`追问：${packFollowUp(packId, q1)['zh-CN']}`);
  await expect(a1.getByTestId('follow-up-answer')).toHaveText(reply);
  await expect(page.getByTestId('follow-up')).toHaveCount(1);
  const quotes = await page.locator('[data-testid="evidence"] .m-quote').allInnerTexts();
  const fromReply = quotes.map((q) => q.replace(/^「|」$/g, '')).filter((q) => q.length > 2 && reply.includes(q));
  expect(fromReply.length, `evidence quoting the follow-up reply among ${JSON.stringify(quotes)}`).toBeGreaterThan(0);
  // The answer's term in the score leads to that answer.
  await page.locator(`[data-testid="term-answer"][data-question="${q1}"]`).first().click();
  await expect(a1).toBeInViewport();
  await m.shoot('30-applicant-follow-up');
});

test('en: "Yes." gets exactly one follow-up; answered or skipped, the interview moves on; a retake that is no longer thin withdraws it', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const packId = 'warehouse-sorter';
  const strong = answerSet(packId, 'en', 'strong');
  const ap = applicantPages(page, { shotPrefix: 'en' });
  await page.goto(kiosk.launchUrl);
  await toQuestions(ap, 'en', packId, 'Chen Yu', '15800005678');

  // Question 1: "Yes." → one follow-up, answered.
  const q1 = (await ap.question.id())!;
  await ap.question.ready();
  await ap.question.typeAnswer(THIN.en);
  await ap.expectScreen('saved');
  await expect(page.getByTestId('next-question')).toHaveText('Continue');
  await ap.saved.next();
  await ap.expectScreen('follow-up');
  await expect(ap.followUp.text()).toHaveText(packFollowUp(packId, q1).en);
  await expect(ap.followUp.original()).toContainText('About question 1');
  await expect(page.getByTestId('skip')).toHaveText('Skip');
  await ap.shoot('30-follow-up');
  const reply = 'I would ask the loader to hold the cage, take the parcel out, scan it again and put it in the right chute, then tell my team lead.';
  await ap.followUp.typeAnswer(reply);

  // Question 2: "Yes." again → its own follow-up, skipped.
  await ap.expectScreen('question');
  const q2 = (await ap.question.id())!;
  expect(q2).not.toBe(q1);
  await ap.question.ready();
  await ap.question.typeAnswer(THIN.en);
  await ap.saved.next();
  await ap.expectScreen('follow-up');
  await expect(ap.screen('follow-up')).toHaveAttribute('data-question', q2);
  await ap.followUp.skip();

  // Question 3: "Yes.", then the one retake with a good answer: the follow-up is withdrawn.
  await ap.expectScreen('question');
  const q3 = (await ap.question.id())!;
  await ap.question.ready();
  await ap.question.typeAnswer(THIN.en);
  await ap.expectScreen('saved');
  await ap.saved.retake();
  await ap.question.ready();
  await ap.question.typeAnswer(strong[q3]!);
  await ap.expectScreen('saved');
  await expect(page.getByTestId('next-question')).toHaveText('Next question');
  await ap.saved.next();

  // Questions 4–6: good answers, no follow-ups.
  for (let i = 3; i < 6; i++) {
    await ap.expectScreen('question');
    await expect(page.locator('.topbar-progress')).toHaveText(`Question ${i + 1} of 6`);
    await answerQuestion(ap, strong[(await ap.question.id())!]!);
  }
  await ap.expectScreen('skills-intro');
  expect(followUpRows(kiosk)).toEqual([
    { question_id: q1, mode: 'typed', text: reply, answered_at: expect.any(String) },
    { question_id: q2, mode: 'typed', text: '', answered_at: expect.any(String) },
  ]);
  expect(auditCount(kiosk, 'followup.asked')).toBe(3); // q1, q2, and q3's withdrawn one
  expect(auditCount(kiosk, 'followup.skipped')).toBe(1);

  // Finish (parcel numbers on the keypad), then the English console shows both follow-ups.
  await ap.skills.start();
  for (let i = 0; i < 10; i++) {
    await ap.expectScreen('skills');
    await ap.skills.typeOnKeypad(await ap.skills.item());
    await ap.skills.next();
  }
  await ap.expectScreen('finish');
  const db = kiosk.openDb();
  const { id: interviewId } = db.prepare('SELECT id FROM interviews').get() as { id: string };
  db.close();
  await bridgeRpc(kiosk)('auth:setup', { storeName: 'Test store', storeId: 'SH-T-02', managerName: 'Wang', pin: PIN });
  await page.getByTestId('done').click();
  const m = managerPages(page);
  await m.longPressCorner();
  await m.expectScreen('manager-dashboard');
  await page.getByTestId('manager-lang').click();
  await page.locator(`[data-interview="${interviewId}"]`).click();
  await m.expectScreen('manager-applicant');
  const a1 = page.locator(`[data-testid="answer"][data-question="${q1}"]`);
  const a2 = page.locator(`[data-testid="answer"][data-question="${q2}"]`);
  await expect(a1.getByTestId('follow-up')).toContainText(`Follow-up question: ${packFollowUp(packId, q1).en}`);
  await expect(a1.getByTestId('follow-up-answer')).toHaveText(reply);
  await expect(a2.getByTestId('follow-up-missing')).toHaveText('Skipped the follow-up');
  await expect(a2.getByTestId('answer-level')).toContainText('Too short: a word or two');
  await expect(page.getByTestId('follow-up')).toHaveCount(2);
  const quotes = await page.locator('[data-testid="evidence"] .m-quote').allInnerTexts();
  expect(
    quotes.map((q) => q.replace(/^“|”$/g, '')).some((q) => q.length > 3 && reply.includes(q)),
    JSON.stringify(quotes),
  ).toBe(true);
  // The English console has no Chinese in it (the applicant answered in English).
  expect(await page.locator('[data-screen="manager-applicant"]').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
});
