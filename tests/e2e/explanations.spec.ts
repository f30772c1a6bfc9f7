import path from 'node:path';
import { answerSet } from './fixtures/answerSets';
import { ARTIFACTS, expect, test, type KioskServer } from './fixtures/kiosk';
import { applicantPages, LANDSCAPE, PORTRAIT } from './pages/applicantPages';
import { bridgeRpc, managerPages } from './pages/managerPages';
import type { Page } from '@playwright/test';

/**
 * What the applicant and the manager read after a strong, a thin and a bad interview, in both
 * languages and both orientations: the finish screen (praise only when something was credited,
 * otherwise the kind honest note; the skills result; tips) and the manager's explanation (per
 * competency a summary, evidence by label with the applicant's words, the terms; each answer's
 * level, why it earned nothing, the follow-up). The interviews go through the applicant
 * contract; the finish screen is reached the way a restarted kiosk reaches it (resume).
 */
test.use({ viewport: PORTRAIT });

const PACK = 'warehouse-sorter';
const PIN = '258036';
type Lang = 'zh-CN' | 'en';
type Kind = 'strong' | 'thin' | 'bad';
type Step = { step: string; question?: { id: string }; followUp?: { questionId: string }; test?: { id: string; items: string[] } };
type State = { interviewId: string; next: Step };

/** An interview up to (not through) its finish step; follow-ups are answered as such an applicant would. */
async function interviewUntilFinish(kiosk: KioskServer, lang: Lang, kind: Kind, name: string, mobile: string): Promise<string> {
  const rpc = bridgeRpc(kiosk);
  const answers = answerSet(PACK, lang, kind);
  let s = await rpc<State>('interview:start', { packId: PACK, lang, isPractice: false, consent: { data: true, camera: false, noticeVersion: 'e2e' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const nights = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [`${d}-morning`, `${d}-night`]);
  s = await rpc<State>('interview:profile', {
    interviewId: s.interviewId,
    profile: { name, mobile, availability: nights, industries: ['warehouse'], expectedWageYuan: 26, earliestStart: start },
    confirmations: { 'min-age-18': true, 'lift-15kg': true, lift: true },
  });
  if (s.next.step === 'knockout') s = await rpc<State>('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  let followUps = 0;
  while (s.next.step === 'question' || s.next.step === 'followUp') {
    if (s.next.step === 'followUp') {
      // thin: a shrug to the first follow-up, the rest skipped; bad: all skipped.
      const text = kind === 'thin' && followUps === 0 ? (lang === 'en' ? 'Not sure.' : '不知道') : '';
      followUps++;
      s = await rpc<State>('interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp!.questionId, mode: 'typed', text, durationMs: 8000 });
      continue;
    }
    const qid = s.next.question!.id;
    s = await rpc<State>('interview:answer', { interviewId: s.interviewId, questionId: qid, mode: 'typed', text: answers[qid]!, isRetake: false, latencyMs: 2000, durationMs: 50_000 });
  }
  while (s.next.step === 'skills') {
    const items = s.next.test!.items;
    // bad: half the parcel numbers wrong.
    s = await rpc<State>('interview:skills', {
      interviewId: s.interviewId,
      testId: s.next.test!.id,
      responses: items.map((answer, i) => ({ answer: kind === 'bad' && i % 2 ? answer.slice(0, -1) : answer, ms: 3000 })),
    });
  }
  expect(s.next.step).toBe('finish');
  return s.interviewId;
}

/**
 * The whole applicant page, top to bottom, screen by screen, in both orientations (the console
 * scrolls inside .m-root; a taller window would switch the landscape layout to portrait).
 */
async function shootWholePage(page: Page, name: string) {
  const root = page.locator('.m-root');
  for (const [label, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    const { scrollHeight, clientHeight } = await root.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
    const step = clientHeight - 120; // keep a strip of overlap (and room for the sticky top bar)
    for (let k = 0, top = 0; top < scrollHeight - 1 && k < 12; k++, top += step) {
      await root.evaluate((el, y) => el.scrollTo(0, y), top);
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${label}-p${k + 1}.png`) });
      if (top + clientHeight >= scrollHeight) break;
    }
    await root.evaluate((el) => el.scrollTo(0, 0));
  }
  await page.setViewportSize(PORTRAIT);
}

for (const lang of ['zh-CN', 'en'] as const) {
  const short = lang === 'en' ? 'en' : 'zh';
  test(`finish screen and manager explanation for a strong, a thin and a bad interview (${lang})`, async ({ page, kiosk }) => {
    test.setTimeout(300_000);
    const ap = applicantPages(page, { shotPrefix: short });
    const ids: Record<Kind, string> = { strong: '', thin: '', bad: '' };
    const people: Record<Kind, [string, string]> =
      lang === 'en'
        ? { strong: ['Amy Lin', '13600000001'], thin: ['Bo Xu', '13600000002'], bad: ['Cal He', '13600000003'] }
        : { strong: ['林强', '13600000001'], thin: ['徐薄', '13600000002'], bad: ['何差', '13600000003'] };

    for (const kind of ['strong', 'thin', 'bad'] as const) {
      ids[kind] = await interviewUntilFinish(kiosk, lang, kind, ...people[kind]);
      // A fresh load (as after a restart); the same URL again would only change the hash.
      await page.goto('about:blank');
      await page.goto(kiosk.launchUrl);
      await ap.expectScreen('resume');
      await page.getByTestId('resume-continue').click();
      await ap.expectScreen('finish');
      const feedback = page.getByTestId('feedback');
      await expect(feedback).toBeVisible();
      if (kind === 'strong') {
        await expect(page.getByTestId('feedback-strengths').locator('li')).not.toHaveCount(0);
        await expect(page.getByTestId('feedback-note')).toHaveCount(0);
      } else {
        // Nothing creditable: no praise at all, the kind honest line instead.
        await expect(page.getByTestId('feedback-strengths')).toHaveCount(0);
        await expect(page.getByTestId('feedback-note')).toBeVisible();
      }
      await expect(page.getByTestId('feedback-skills')).toContainText(kind === 'bad' ? (lang === 'en' ? '5 of 10' : '10 题答对 5 题') : lang === 'en' ? '10 of 10' : '10 题答对 10 题');
      if (kind !== 'strong') await expect(page.getByTestId('feedback-tips').locator('li')).not.toHaveCount(0);
      const text = await feedback.innerText();
      expect(text, 'finish feedback in one language').not.toMatch(lang === 'en' ? /[\u4e00-\u9fff]/ : /[A-Za-z]{3,}/);
      await ap.shoot(`40-finish-${kind}`);
      await page.getByTestId('done').click();
      await ap.expectScreen('attract');
    }

    // The manager reads all three in the interview's language.
    await bridgeRpc(kiosk)('auth:setup', { storeName: lang === 'en' ? 'Test store' : '测试店', storeId: 'SH-T-03', managerName: lang === 'en' ? 'Wang' : '王经理', pin: PIN });
    const m = managerPages(page);
    await m.longPressCorner();
    await m.expectScreen('manager-dashboard');
    if (lang === 'en') await page.getByTestId('manager-lang').click();
    for (const kind of ['strong', 'thin', 'bad'] as const) {
      await page.locator(`[data-interview="${ids[kind]}"]`).click();
      await m.expectScreen('manager-applicant');
      const comps = page.getByTestId('competency');
      await expect(comps).not.toHaveCount(0);
      // One plain summary per competency; the terms are there; no internal ids or feature names.
      await expect(page.locator('.m-summary')).toHaveCount(await comps.count());
      const explanation = (await comps.allInnerTexts()).join('\n');
      expect(explanation).not.toMatch(/ind:|spec:|sim\b|gate|baseline|clamp|[a-z]+-[a-z]+:|\b(wrong-chute|unsafe-stack|peak-pace|helped-team|night-shift)\b/);
      expect(explanation, 'explanation in the console language only').not.toMatch(lang === 'en' ? /[\u4e00-\u9fff]/ : /[A-Za-z]{2,}/);
      const answersText = await page.getByTestId('answers').innerText();
      expect(answersText).toContain(lang === 'en' ? 'level' : '级（共5级）');
      if (kind === 'strong') {
        await expect(page.locator('[data-testid="evidence"] [data-kind="strength"]')).not.toHaveCount(0);
        await expect(page.getByTestId('score')).toContainText(lang === 'en' ? 'Recommend' : '推荐');
      }
      if (kind === 'thin') {
        await expect(page.locator('[data-testid="evidence"] [data-kind="strength"]')).toHaveCount(0);
        // The last answer: "Yes." / "好" and its follow-up skipped.
        await expect(page.locator('[data-testid="answer-level"]').last()).toContainText(lang === 'en' ? 'Too short: a word or two' : '太短，只有一两个词');
        await expect(page.getByTestId('follow-up')).not.toHaveCount(0);
      }
      if (kind === 'bad') await expect(page.locator('[data-testid="evidence"] [data-kind="warning"]')).not.toHaveCount(0);
      await m.shoot(`40-${short}-explain-${kind}`);
      await shootWholePage(page, `manager-40-${short}-explain-${kind}`);
      if (kind === 'strong') {
        // The printed report says the same: the same block, the same evidence, the same answers.
        const onScreen = (await page.getByTestId('evidence').first().textContent()) ?? '';
        await page.getByTestId(lang === 'en' ? 'print-en' : 'print-zh').click();
        await m.expectScreen('manager-report');
        await expect(page.getByTestId('report').getByTestId('evidence').first()).toHaveText(onScreen);
        await expect(page.getByTestId('report').getByTestId('answer')).toHaveCount(6);
        await expect(page.getByTestId('report').getByTestId('term-answer')).toHaveCount(0); // no jumps on paper
        await shootWholePage(page, `manager-40-${short}-report-strong`);
        await page.getByTestId('report-close').click();
        await m.expectScreen('manager-applicant');
      }
      await page.getByTestId('applicant-back').click();
      await m.expectScreen('manager-dashboard');
    }
  });
}
