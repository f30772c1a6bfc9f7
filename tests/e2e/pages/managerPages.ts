import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { packValue, unpackValue } from '../../../electron/services/db/compactJson.js';
import { LANDSCAPE, PORTRAIT, shootBoth, type KioskServer } from '../fixtures/kiosk';
import { expectMinTextSize } from '../fixtures/textChecks';
import { expectTouchTargets } from './applicantPages';

export { LANDSCAPE, PORTRAIT };

/** Calls the real contract over the bridge's HTTP, with the per-launch secret from launchUrl. */
export function bridgeRpc(kiosk: KioskServer) {
  const secret = decodeURIComponent(new URL(kiosk.launchUrl).hash.replace(/^#s=/, ''));
  return async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`${kiosk.url}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret }, body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.code} ${body.error?.message}`);
    return body.value as T;
  };
}

type Step = { step: string; question?: { id: string }; followUp?: { questionId: string }; test?: { id: string; items: string[] }; checks?: unknown[] };
type State = { interviewId: string; next: Step };

/** One complete typed interview through the applicant contract (what the applicant screens send). */
export async function takeInterview(kiosk: KioskServer, p: { name: string; mobile: string; packId: string; availability: string[] }) {
  const rpc = bridgeRpc(kiosk);
  let s = await rpc<State>('interview:start', { packId: p.packId, lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, talentPool: true, noticeVersion: 'e2e' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const confirmations = Object.fromEntries(['min-age-16', 'min-age-18', 'lift-15kg', 'lift'].map((k) => [k, true]));
  s = await rpc<State>('interview:profile', {
    interviewId: s.interviewId,
    profile: { name: p.name, mobile: p.mobile, availability: p.availability, industries: ['retail'], expectedWageYuan: 25, earliestStart: start },
    confirmations,
  });
  if (s.next.step === 'knockout') s = await rpc<State>('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  let n = 0;
  while (s.next.step === 'question' || s.next.step === 'followUp') {
    // An answer the scorer finds thin gets one follow-up; this applicant skips it.
    if (s.next.step === 'followUp') {
      s = await rpc<State>('interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp!.questionId, mode: 'typed', text: '', durationMs: 3000 });
      continue;
    }
    n++;
    const text = `第${n}题：顾客投诉时我先道歉，认真听，然后在10分钟内解决问题，最后回访确认。`;
    s = await rpc<State>('interview:answer', { interviewId: s.interviewId, questionId: s.next.question!.id, mode: 'typed', text, isRetake: false, latencyMs: 1500, durationMs: 42_000 });
  }
  while (s.next.step === 'skills') {
    s = await rpc<State>('interview:skills', { interviewId: s.interviewId, testId: s.next.test!.id, responses: s.next.test!.items.map((answer) => ({ answer, ms: 3000 })) });
  }
  const done = await rpc<{ receiptCode: string }>('interview:finish', { interviewId: s.interviewId });
  return { interviewId: s.interviewId, receiptCode: done.receiptCode };
}

/**
 * Gives the interview a "recommend" band. With the scoring service installed, its stored row is
 * kept and only the band is pinned (so the test is deterministic); without it, the documented
 * scores table is created — printed loudly, never silently.
 */
export function pinRecommendation(kiosk: KioskServer, interviewId: string) {
  const key = fs.readFileSync(path.join(kiosk.dataDir, 'kiosk.key'), 'utf8').trim();
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key}'"`);
  db.pragma('busy_timeout = 5000');
  try {
    const row = db.prepare('SELECT result FROM scores WHERE interview_id = ?').get(interviewId) as { result: Buffer | null } | undefined;
    if (row?.result) {
      const r = unpackValue<Record<string, unknown>>(row.result)!;
      db.prepare(`UPDATE scores SET status = 'scored', result = ? WHERE interview_id = ?`).run(packValue({ ...r, band: 'recommend' }), interviewId);
      process.stderr.write('[manager e2e] real score present; band pinned to recommend\n');
    } else {
      const result = {
        overall: 78,
        band: 'recommend',
        competencies: [
          {
            id: 'communication',
            score: 78,
            contributions: [
              { feature: 'indicator: 道歉/apologise', contribution: 14.2, evidence: ['我先道歉，认真听'] },
              { feature: 'specificity: time', contribution: 6.1, evidence: ['10分钟内'] },
            ],
          },
        ],
      };
      db.prepare(`INSERT INTO scores (interview_id, status, reason, model_version, result, created_at) VALUES (?, 'scored', NULL, 'e2e-model@1', ?, ?)`).run(
        interviewId,
        packValue(result),
        new Date().toISOString(),
      );
    }
  } finally {
    db.close();
  }
}

export function managerPages(page: Page) {
  const screen = (name: string) => page.locator(`[data-screen="${name}"]`);
  return {
    screen,
    async expectScreen(name: string) {
      await expect(screen(name)).toBeVisible();
    },
    /** The discreet way in: a 3-second press in the top-left corner of any applicant screen. */
    async longPressCorner() {
      const box = await page.getByTestId('manager-corner').boundingBox();
      if (!box) throw new Error('manager corner not found');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.waitForTimeout(3300);
      await page.mouse.up();
    },
    async typePin(pin: string) {
      for (const d of pin) await page.getByTestId('pin-keypad').locator(`[data-key="${d}"]`).click();
      await page.getByTestId('pin-ok').click();
    },
    /** Portrait and landscape screenshots of the current screen. */
    async shoot(name: string) {
      // Console pages scroll vertically by design; nothing may stick out sideways, and every
      // button is a real touch target.
      await shootBoth(page, `manager-${name}`, async (where) => {
        await expectNoSidewaysOverflow(page, where);
        await expectTouchTargets(page, where);
        // Console text at least 18.7 px (the result lookup is the applicant's screen, not the console).
        if (await page.getByTestId('manager').count()) await expectMinTextSize(page, where);
      });
    },
  };
}

/** Nothing visible extends past the left or right edge of the viewport. */
export async function expectNoSidewaysOverflow(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const w = window.innerWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > w + 1) out.push(`document ${document.documentElement.scrollWidth} wide`);
    for (const el of Array.from(document.querySelectorAll('button, input, textarea, select, h1, h2, p, table'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.m-table-wrap')) continue;
      if (r.right > w + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 30)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out;
  });
  expect(problems, `sideways overflow on ${where}`).toEqual([]);
}
