/**
 * Issue 14, item 9: the camera check's oval is drawn around the face the model found (the fake
 * camera plays a recorded face), so "position good" is said with the oval on the face; before a
 * face is found the oval is the dashed target in the middle.
 */
import { expect, test } from './fixtures/kiosk';
import { applicantPages } from './pages/applicantPages';
import { bridgeRpc } from './pages/managerPages';

type State = { interviewId: string; next: { step: string } };

test('the guide oval follows the detected face in both orientations', async ({ page, kiosk }) => {
  test.setTimeout(150_000);
  const rpc = bridgeRpc(kiosk);
  let s = await rpc<State>('interview:start', { packId: 'retail-sales', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: true, noticeVersion: 'e2e' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const all = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [`${d}-morning`, `${d}-afternoon`, `${d}-evening`]);
  s = await rpc<State>('interview:profile', {
    interviewId: s.interviewId,
    profile: { name: '周小芳', mobile: '13600005432', availability: all, industries: ['retail'], expectedWageYuan: 24, earliestStart: start },
    confirmations: Object.fromEntries(['min-age-16', 'min-age-18', 'lift'].map((k) => [k, true])),
  });
  if (s.next.step === 'knockout') await rpc<State>('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });

  const ap = applicantPages(page, { shotPrefix: 'zh' });
  await page.goto(kiosk.launchUrl);
  await ap.expectScreen('resume');
  await page.getByTestId('resume-continue').click();
  await ap.expectScreen('device');
  const guide = page.getByTestId('face-guide');
  await expect(guide).toHaveAttribute('data-on-face', 'yes', { timeout: 60_000 });
  for (const size of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(600);
    // The oval's centre and size on screen, and the picture's box: the oval sits inside the picture.
    const [oval, video] = await Promise.all([page.getByTestId('face-oval').boundingBox(), page.locator('[data-testid="camera-check"] video').boundingBox()]);
    expect(oval!.x).toBeGreaterThanOrEqual(video!.x - 2);
    expect(oval!.x + oval!.width).toBeLessThanOrEqual(video!.x + video!.width + 2);
    expect(oval!.y + oval!.height / 2).toBeGreaterThan(video!.y);
    expect(oval!.y + oval!.height / 2).toBeLessThan(video!.y + video!.height);
    // "Position good" is only said with the oval on the face.
    const hint = await page.getByTestId('camera-check').getAttribute('data-hint');
    if (hint === 'face.hint.good') await expect(guide).toHaveAttribute('data-on-face', 'yes');
  }
  await page.setViewportSize({ width: 1080, height: 1920 });
  await ap.shoot('11-device-check-face-guide');
});
