/**
 * Issue 14, item 9: a half-typed reply to a follow-up survives a reload like a question's draft
 * (kept per interview and question in sessionStorage), and is gone once sent.
 */
import { THIN } from './fixtures/answerSets';
import { expect, test } from './fixtures/kiosk';
import { applicantPages } from './pages/applicantPages';
import { bridgeRpc } from './pages/managerPages';

type State = { interviewId: string; next: { step: string; question?: { id: string }; followUp?: { questionId: string } } };

test('a half-typed follow-up reply is back after a reload, and dropped once sent', async ({ page, kiosk }) => {
  test.setTimeout(120_000);
  const rpc = bridgeRpc(kiosk);
  let s = await rpc<State>('interview:start', { packId: 'retail-sales', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'e2e' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const all = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [`${d}-morning`, `${d}-afternoon`, `${d}-evening`]);
  s = await rpc<State>('interview:profile', {
    interviewId: s.interviewId,
    profile: { name: '周小芳', mobile: '13600009876', availability: all, industries: ['retail'], expectedWageYuan: 24, earliestStart: start },
    confirmations: Object.fromEntries(['min-age-16', 'min-age-18', 'lift'].map((k) => [k, true])),
  });
  if (s.next.step === 'knockout') s = await rpc<State>('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  s = await rpc<State>('interview:answer', { interviewId: s.interviewId, questionId: s.next.question!.id, mode: 'typed', text: THIN['zh-CN'], isRetake: false, latencyMs: 1000, durationMs: 5000 });
  expect(s.next.step).toBe('followUp');

  const ap = applicantPages(page);
  const open = async () => {
    await page.goto('about:blank');
    await page.goto(kiosk.launchUrl);
    await ap.expectScreen('resume');
    await page.getByTestId('resume-continue').click();
    await ap.device.done();
    await ap.expectScreen('follow-up');
  };
  await open();
  await page.getByTestId('answer').fill('我会先问清楚顾客要找');
  await page.reload();
  await ap.expectScreen('resume');
  await page.getByTestId('resume-continue').click();
  await ap.device.done();
  await ap.expectScreen('follow-up');
  await expect(page.getByTestId('answer')).toHaveValue('我会先问清楚顾客要找');
  await page.getByTestId('answer').fill('我会先问清楚顾客要找什么，再带他去货架。');
  await page.getByTestId('finish-answer').click();
  await expect(page.locator('[data-screen="follow-up"]')).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('kiosk-draft:') && k.endsWith(':followUp')))).toEqual([]);
});
