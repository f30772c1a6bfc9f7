import { answerSet } from './fixtures/answerSets';
import { expect, startKiosk, test } from './fixtures/kiosk';
import { applicantPages, PORTRAIT } from './pages/applicantPages';

/** The journey's side paths: knock-outs, human interview, practice, idle reset, resume, manager corner. */
const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

test.use({ viewport: PORTRAIT });

async function toProfile(ap: ReturnType<typeof applicantPages>, lang: 'zh-CN' | 'en', packId: string, mode: 'start' | 'practice' = 'start') {
  if (mode === 'start') await ap.attract.start();
  else await ap.attract.practice();
  await ap.language.pick(lang);
  await ap.openings.pick(packId);
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();
}

test('knock-out: the reasons are explained; stopping offers a human interview, which is stored', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await toProfile(ap, 'zh-CN', 'retail-sales');
  await ap.profile.contact('孙七', '13700001111');
  await ap.profile.next();
  await ap.profile.tickDays(['mon', 'tue']); // no weekend: the retail pack needs Saturday and Sunday
  await ap.profile.next();
  await ap.profile.experience([/收银/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('no'); // not yet 16
  await ap.profile.next();

  await ap.expectScreen('knockout');
  await expect(ap.knockout.reasons()).toHaveCount(2);
  await expect(page.locator('[data-rule="weekend-shifts"]')).toContainText('周六和周日');
  await expect(page.locator('[data-rule="min-age-16"]')).toContainText('16周岁');
  await ap.shoot('20-knockout');
  await ap.knockout.stop();
  await ap.expectScreen('declined');
  await ap.shoot('21-declined');
  await page.getByTestId('human').click();
  await ap.expectScreen('human');
  await page.getByTestId('name').fill('孙七');
  await page.getByTestId('mobile').fill('13700001111');
  await page.getByTestId('human-submit').click();
  await ap.expectScreen('human-done');
  await ap.shoot('23-human-done');

  const db = kiosk.openDb();
  try {
    const iv = db.prepare('SELECT id, status, knockout_proceed, knockout_json FROM interviews').get() as { id: string; status: string; knockout_proceed: number; knockout_json: string };
    expect(iv).toMatchObject({ status: 'abandoned', knockout_proceed: 0 });
    expect(
      (JSON.parse(iv.knockout_json) as { ruleId: string; passed: boolean }[])
        .filter((c) => !c.passed)
        .map((c) => c.ruleId)
        .sort(),
    ).toEqual(['min-age-16', 'weekend-shifts']);
    expect(db.prepare('SELECT interview_id, pack_id, name, mobile, lang FROM human_requests').all()).toEqual([
      { interview_id: iv.id, pack_id: 'retail-sales', name: '孙七', mobile: '13700001111', lang: 'zh-CN' },
    ]);
  } finally {
    db.close();
  }
});

test('knock-out: continuing anyway goes on to the questions (a manager decides)', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'en' });
  await page.goto(kiosk.launchUrl);
  await toProfile(ap, 'en', 'warehouse-sorter');
  await ap.profile.contact('Zhou Ba', '15000002222');
  await ap.profile.next();
  await ap.profile.tickCells(['sat-morning']); // warehouse needs 3 nights
  await ap.profile.next();
  await ap.profile.experience([/Warehouse/], '30');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.expectScreen('knockout');
  await expect(page.locator('[data-rule="night-availability"]')).toContainText('3 night shifts');
  await ap.shoot('20-knockout');
  await ap.knockout.continue();
  await ap.expectScreen('device');
  const db = kiosk.openDb();
  try {
    expect(db.prepare('SELECT status, knockout_proceed FROM interviews').get()).toEqual({ status: 'in_progress', knockout_proceed: 1 });
  } finally {
    db.close();
  }
});

test('human interview from the notice: a wrong mobile is explained, the request is stored without an interview', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'en' });
  await page.goto(kiosk.launchUrl);
  await ap.attract.start();
  await ap.language.pick('en');
  await ap.openings.pick('delivery-rider');
  await ap.expectScreen('notice');
  await ap.notice.human();
  await ap.expectScreen('human');
  await page.getByTestId('name').fill('Wu Jiu');
  await page.getByTestId('mobile').fill('1230000');
  await page.getByTestId('human-submit').click();
  await expect(page.getByTestId('mobile-msg')).toHaveText('A mobile number has 11 digits.');
  await ap.shoot('22-human-form-error');
  await page.getByTestId('mobile').fill('');
  // The on-screen keypad alone is enough to enter a number.
  for (const d of '18612345678') await page.locator('.keypad [data-key="' + d + '"]').click();
  await expect(page.getByTestId('mobile')).toHaveValue('18612345678');
  await page.getByTestId('human-submit').click();
  await ap.expectScreen('human-done');
  await ap.shoot('23-human-done');
  const db = kiosk.openDb();
  try {
    expect(db.prepare('SELECT interview_id, pack_id, name, mobile, lang FROM human_requests').all()).toEqual([
      { interview_id: null, pack_id: 'delivery-rider', name: 'Wu Jiu', mobile: '18612345678', lang: 'en' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM interviews').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('practice mode asks nothing personal: no consent, no name or mobile, same questions, nothing stored; then the real interview for the same opening', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'zh-practice' });
  await page.goto(kiosk.launchUrl);
  await ap.attract.practice();
  const badge = page.getByTestId('practice-badge');
  await ap.language.pick('zh-CN');
  await expect(badge).toHaveText(/练习模式/);
  await ap.openings.pick('retail-sales');
  // Straight to the device check: no notice with save consents, no profile pages.
  await ap.device.done();
  await expect(badge).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await ap.expectScreen('question');
    await expect(badge).toBeVisible();
    if (i === 0) await ap.shoot('31-question');
    const qid = (await ap.question.id())!;
    await ap.question.ready();
    // Real answers to each question (a thin one would get a follow-up, tested in followUp.spec).
    await ap.question.typeAnswer(answerSet('retail-sales', 'zh-CN', 'strong')[qid]!);
    await ap.saved.next();
  }
  await ap.expectScreen('finish');
  await expect(badge).toBeVisible();
  await expect(ap.screen('finish')).toContainText('这是练习，什么都没有保存');
  await expect(page.getByTestId('receipt-code')).toHaveCount(0);
  // Back to the attract screen after 30 s, counted down where it can be seen.
  await expect(page.getByTestId('finish-countdown')).toHaveText(/^(30|29|28) 秒后自动回到首页$/);
  await ap.shoot('32-finish');
  for (const id of ['name', 'mobile', 'consent-data', 'consent-pool']) await expect(page.getByTestId(id)).toHaveCount(0);

  const db = kiosk.openDb();
  try {
    for (const table of ['interviews', 'applicants', 'answers', 'skills_results', 'human_requests', 'outbox']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  } finally {
    db.close();
  }

  // "Start the real interview": the same opening's notice and consent, no longer practice.
  await page.getByTestId('real-interview').click();
  await ap.expectScreen('notice');
  await expect(badge).toHaveCount(0);
  await expect(page.locator('#notice-title')).toContainText('导购');
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();
  await ap.expectScreen('profile-contact');
});

test('idle: "are you still there?", then a reset that leaves nothing of the applicant on screen', async ({ page }) => {
  const kiosk = await startKiosk({ env: { KIOSK_IDLE_SECONDS: '3' } });
  try {
    const ap = applicantPages(page, { shotPrefix: 'zh' });
    await page.clock.install();
    await page.goto(kiosk.launchUrl);
    await toProfile(ap, 'zh-CN', 'retail-sales');
    await ap.profile.contact('赵六六', '13912340000');
    // "Yes, continue" keeps everything as it was. (The page's clock is driven by the test.)
    await page.clock.runFor(4_000);
    await expect(page.getByTestId('idle-prompt')).toBeVisible();
    // The screen behind is hidden, not dimmed: nobody walking up can read the previous answer.
    expect(await page.locator('.modal-backdrop').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(246, 244, 239)');
    await ap.shoot('40-idle-prompt');
    await page.getByTestId('idle-continue').click();
    await expect(page.getByTestId('idle-prompt')).toHaveCount(0);
    await expect(page.getByTestId('name')).toHaveValue('赵六六');
    // Left alone: the prompt comes back and, 30 s later, the kiosk clears itself.
    await page.clock.runFor(4_000);
    await expect(page.getByTestId('idle-prompt')).toBeVisible();
    await expect(page.getByTestId('idle-prompt')).toContainText('30');
    await page.clock.runFor(31_000);
    await ap.expectScreen('attract');
    await expect(page.getByTestId('idle-prompt')).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain('赵六六');
    expect(html).not.toContain('13912340000');
    expect(await page.locator('input, textarea').count()).toBe(0);
    // Going through again starts from empty fields.
    await toProfile(ap, 'zh-CN', 'retail-sales');
    await expect(page.getByTestId('name')).toHaveValue('');
    await expect(page.getByTestId('mobile')).toHaveValue('');
    const db = kiosk.openDb();
    try {
      const rows = db.prepare('SELECT status FROM interviews ORDER BY started_at').all();
      expect(rows).toEqual([{ status: 'abandoned' }, { status: 'started' }]);
      const audit = db.prepare(`SELECT detail_json AS detail FROM audit_log WHERE action = 'interview.abandoned'`).all() as { detail: string }[];
      expect(audit.map((a) => a.detail).join()).toContain('idle');
    } finally {
      db.close();
    }
  } finally {
    await kiosk.cleanup();
  }
});

test('resume after a reload: continue at the first unanswered question, or start over', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await toProfile(ap, 'zh-CN', 'retail-sales');
  await ap.profile.contact('钱五', '13500004444');
  await ap.profile.next();
  await ap.profile.tickDays(ALL_DAYS);
  await ap.profile.next();
  await ap.profile.experience([/餐厅/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await ap.profile.next();
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.device.done();
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    await ap.expectScreen('question');
    ids.push((await ap.question.id())!);
    await ap.question.ready();
    await ap.question.typeAnswer(answerSet('retail-sales', 'zh-CN', 'strong')[ids[i]!]!);
    await expect(page.getByTestId('saved')).toBeVisible();
    if (i === 0) await ap.saved.next();
  }
  await page.reload();
  await ap.expectScreen('resume');
  await expect(ap.screen('resume')).toContainText('钱＊');
  await expect(ap.screen('resume')).not.toContainText('钱五');
  await expect(ap.screen('resume')).toContainText('第 3 题');
  await ap.shoot('50-resume');
  await page.getByTestId('resume-continue').click();
  await ap.device.done();
  await ap.expectScreen('question');
  expect(await ap.question.id()).not.toBe(ids[1]);
  await expect(page.locator('.topbar-progress')).toHaveText('第 3 题 / 共 6 题');

  await page.reload();
  await ap.expectScreen('resume');
  await page.getByTestId('resume-restart').click();
  await ap.expectScreen('attract');
  const db = kiosk.openDb();
  try {
    // Starting over ends that interview unused: its answers and the name go at once (issue 14, item 4).
    expect(db.prepare('SELECT status, applicant_id FROM interviews').get()).toEqual({ status: 'abandoned', applicant_id: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM applicants').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('stop, look-up and the manager corner', async ({ page, kiosk }) => {
  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await page.getByTestId('lookup').click();
  await ap.expectScreen('lookup');
  await ap.shoot('60-lookup');
  await page.getByTestId('stop').click();
  await ap.expectScreen('attract');

  await toProfile(ap, 'zh-CN', 'cashier');
  // Inside the interview (the profile screen is up once interview:start answered): stop asks first.
  await ap.expectScreen('profile-contact');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('confirm-stop')).toBeVisible();
  await ap.shoot('61-stop-confirm');
  await page.getByTestId('stop-yes').click();
  await ap.expectScreen('attract');
  const db = kiosk.openDb();
  try {
    expect(db.prepare('SELECT status FROM interviews').get()).toEqual({ status: 'abandoned' });
  } finally {
    db.close();
  }

  // A short tap in the corner does nothing; a 3-second press opens the manager console.
  await page.mouse.move(30, 30);
  await page.mouse.down();
  await page.waitForTimeout(500);
  await page.mouse.up();
  await ap.expectScreen('attract');
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await expect(ap.screen('attract')).toHaveCount(0);
});
