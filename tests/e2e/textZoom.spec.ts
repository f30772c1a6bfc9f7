import { answerSet } from './fixtures/answerSets';
import { expect, LANDSCAPE, PORTRAIT, shot, test } from './fixtures/kiosk';
import { doubleText, expectHoldsAtDoubleText } from './fixtures/textChecks';
import { applicantPages } from './pages/applicantPages';

/**
 * Text at 200 % on the applicant's key screens (issue 19, item 7; the manager's are checked in
 * managerEnglish.spec): with the root font size doubled, in portrait and landscape, nothing
 * sticks out sideways, no button label is cut off and every control can be scrolled to.
 * English, whose words are the longest. Screenshots: tests/artifacts/screenshots/en-200-*.
 */
test.use({ viewport: PORTRAIT });

const localIso = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('the applicant journey holds at 200 % text (en, warehouse sorter with its parcel test)', async ({ page, kiosk }) => {
  test.setTimeout(300_000);
  const ap = applicantPages(page);
  const at200 = async (name: string) => {
    const restore = await doubleText(page);
    for (const [label, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      await expectHoldsAtDoubleText(page, `${name} ${label}`);
      await shot(page, `en-200-${name}-${label}`);
    }
    await page.setViewportSize(PORTRAIT);
    await restore();
  };

  await page.goto(kiosk.launchUrl);
  await ap.expectScreen('attract');
  await at200('attract');
  await ap.attract.start();
  await ap.expectScreen('language');
  await at200('language');
  await ap.language.pick('en');
  await ap.expectScreen('openings');
  await at200('openings');
  await ap.openings.pick('warehouse-sorter');
  await ap.expectScreen('notice');
  await at200('notice');
  await ap.notice.accept({ camera: false });
  await ap.notice.begin();
  await ap.expectScreen('profile-contact');
  await at200('profile-contact');
  await ap.profile.contact('Wu Jiu', '13800138000');
  await ap.profile.next();
  await ap.expectScreen('profile-availability');
  await at200('profile-availability');
  await ap.profile.tickDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  await ap.profile.next();
  await ap.expectScreen('profile-experience');
  await at200('profile-experience');
  await ap.profile.experience([/Warehouse|warehouse/], '');
  await ap.profile.next();
  await ap.profile.startDate(localIso());
  await at200('profile-start');
  await ap.profile.next();
  await ap.expectScreen('profile-confirm');
  await at200('profile-confirm');
  await ap.profile.confirmAll('yes');
  await ap.profile.next();
  await ap.expectScreen('device');
  await at200('device');
  await ap.device.done();

  const strong = answerSet('warehouse-sorter', 'en', 'strong');
  for (let i = 0; i < 6; i++) {
    await ap.expectScreen('question');
    if (i === 0) await at200('question-ready');
    const qid = (await ap.question.id())!;
    await ap.question.ready();
    await expect(page.getByTestId('answer')).toBeVisible();
    if (i === 0) await at200('question-answer');
    await ap.question.typeAnswer(strong[qid]!);
    await ap.expectScreen('saved');
    if (i === 0) await at200('saved');
    await ap.saved.next();
  }
  await ap.expectScreen('skills-intro');
  await at200('skills-intro');
  await ap.skills.start();
  await ap.expectScreen('skills');
  await at200('skills');
  for (let i = 0; i < 10; i++) {
    await ap.skills.typeOnKeypad(await ap.skills.item());
    await ap.skills.next();
  }
  await ap.expectScreen('finish');
  await at200('finish');
});
