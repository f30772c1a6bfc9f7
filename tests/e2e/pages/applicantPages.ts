import { expect, type Page } from '@playwright/test';
import { pinyin } from 'pinyin-pro';
import { LANDSCAPE, PORTRAIT, shootBoth } from '../fixtures/kiosk';

/**
 * Page objects for the applicant journey, one per screen. Screens mark themselves with
 * data-screen, so every step first waits for the right screen before touching it.
 */
export { LANDSCAPE, PORTRAIT };

export function applicantPages(page: Page, opts: { shotPrefix?: string } = {}) {
  const screen = (name: string) => page.locator(`[data-screen="${name}"]`);
  const expectScreen = async (name: string) => {
    await expect(screen(name)).toBeVisible();
  };

  /** Screenshot in portrait and landscape, and check nothing spills out of the viewport. */
  async function shoot(name: string) {
    if (!opts.shotPrefix) return;
    await shootBoth(page, `${opts.shotPrefix}-${name}`, async (where) => {
      await expectNoOverflow(page, where);
      await expectTouchTargets(page, where);
    });
  }

  return {
    screen,
    expectScreen,
    shoot,
    attract: {
      async start() {
        await expectScreen('attract');
        await page.getByTestId('start').click();
      },
      async practice() {
        await expectScreen('attract');
        await page.getByTestId('practice').click();
      },
    },
    language: {
      async pick(lang: 'zh-CN' | 'en') {
        await expectScreen('language');
        await page.getByTestId(lang === 'en' ? 'lang-en' : 'lang-zh').click();
      },
    },
    openings: {
      async pick(packId: string) {
        await expectScreen('openings');
        await page.getByTestId(`opening-${packId}`).click();
      },
    },
    notice: {
      async accept(opts2: { camera: boolean }) {
        await expectScreen('notice');
        await page.getByTestId('consent-data').click();
        if (opts2.camera) await page.getByTestId('consent-camera').click();
      },
      begin: () => page.getByTestId('begin').click(),
      human: () => page.getByTestId('human').click(),
    },
    profile: {
      async contact(name: string, mobile: string) {
        await expectScreen('profile-contact');
        await page.getByTestId('name').fill(name);
        await page.getByTestId('mobile').fill(mobile);
      },
      next: () => page.getByTestId('next').click(),
      async tickDays(days: string[]) {
        await expectScreen('profile-availability');
        for (const d of days) await page.locator('.avail-day').nth(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(d)).click();
      },
      async tickCells(cells: string[]) {
        await expectScreen('profile-availability');
        for (const c of cells) await page.locator(`[data-cell="${c}"]`).click();
      },
      async experience(industryLabels: RegExp[], wage: string) {
        await expectScreen('profile-experience');
        for (const l of industryLabels) await page.locator('.chip', { hasText: l }).click();
        await page.getByTestId('wage').fill(wage);
      },
      async startDate(iso: string) {
        await expectScreen('profile-start');
        await page.locator(`[data-date="${iso}"]`).click();
      },
      async confirmAll(answer: 'yes' | 'no', overrides: Record<string, 'yes' | 'no'> = {}) {
        await expectScreen('profile-confirm');
        for (const rule of await page.locator('.yesno').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')!))) {
          await page.getByTestId(`confirm-${rule}-${overrides[rule] ?? answer}`).click();
        }
      },
    },
    knockout: {
      reasons: () => page.locator('.reason'),
      continue: () => page.getByTestId('knockout-continue').click(),
      stop: () => page.getByTestId('knockout-stop').click(),
    },
    device: {
      async done() {
        await expectScreen('device');
        await page.getByTestId('device-done').click();
      },
    },
    question: {
      id: () => screen('question').getAttribute('data-question'),
      ready: () => page.getByTestId('ready').click(),
      async typeAnswer(text: string) {
        await expect(page.getByTestId('answer')).toBeVisible();
        await page.getByTestId('answer').fill(text);
        await page.getByTestId('finish-answer').click();
      },
    },
    followUp: {
      text: () => page.getByTestId('followup-text'),
      original: () => page.getByTestId('followup-question'),
      async typeAnswer(text: string) {
        await expectScreen('follow-up');
        await page.getByTestId('answer').fill(text);
        await page.getByTestId('finish-answer').click();
      },
      async skip() {
        await expectScreen('follow-up');
        await page.getByTestId('skip').click();
      },
    },
    saved: {
      next: () => page.getByTestId('next-question').click(),
      retake: () => page.getByTestId('retake').click(),
    },
    skills: {
      start: () => page.getByTestId('skills-start').click(),
      item: () => page.getByTestId('skills-item').innerText(),
      /** Types on the on-screen keypad, key by key, like an applicant would. */
      async typeOnKeypad(s: string) {
        for (const ch of s) await page.locator(`[data-testid="skills-keypad"] [data-key="${ch}"]`).click();
      },
      next: () => page.getByTestId('skills-next').click(),
    },
    finish: {
      code: () => page.getByTestId('receipt-code').getAttribute('data-code'),
    },
    keyboard: (testId: string) => onScreenKeyboard(page, testId),
  };
}

const ZH_PUNCTUATION = '，。？！、';
const ZH_SYMBOLS = '：；“”（）…';

/**
 * Types on the on-screen keyboard with taps only, as an applicant would: Chinese by its pinyin
 * (two syllables at a time) and a tap on the word or character in the candidate bar, paging with
 * "more" when it is further along; punctuation and symbols from their keys. Never page.keyboard.
 */
export function onScreenKeyboard(page: Page, testId: string) {
  const root = page.getByTestId(testId);
  const key = (k: string) => root.locator(`[data-skbtn="${k.replace(/"/g, '\\"')}"]`);
  const mode = () => root.getAttribute('data-mode');
  async function toMode(want: 'pinyin' | 'english' | 'digits') {
    if ((await mode()) === want) return;
    if (want === 'digits') await key('{123}').click();
    else if ((await mode()) === 'digits') await key('{letters}').click();
    if ((await mode()) !== want) await key(want === 'pinyin' ? '{pinyin}' : '{english}').click();
    await expect(root).toHaveAttribute('data-mode', want);
  }
  /** Taps the candidate that is the longest start of `rest` (at most `max` characters); returns its length. */
  async function pickFor(rest: string, max: number): Promise<number> {
    for (let turn = 0; turn < 40; turn++) {
      const texts = await root.getByTestId('ime-candidate').evaluateAll((els) => els.map((e) => e.getAttribute('data-text') ?? ''));
      const best = texts.filter((c) => c.length <= max && rest.startsWith(c)).sort((a, b) => b.length - a.length)[0];
      if (best) {
        await root.locator(`[data-testid="ime-candidate"][data-text="${best}"]`).click();
        return best.length;
      }
      if ((await root.getByTestId('ime-more').count()) === 0) break;
      await root.getByTestId('ime-more').click();
    }
    throw new Error(`no candidate on the bar for "${rest.slice(0, 4)}"`);
  }
  return {
    root,
    key,
    async typeChinese(text: string) {
      let rest = text;
      let composed = 0; // characters of `rest` whose pinyin is already in the composition
      while (rest.length > 0) {
        const ch = rest[0]!;
        if (/[\u4e00-\u9fff]/.test(ch)) {
          await toMode('pinyin');
          if (composed === 0) {
            const run = /^[\u4e00-\u9fff]{1,2}/.exec(rest)![0];
            for (const syllable of pinyin(run, { toneType: 'none', type: 'array', v: true })) for (const letter of syllable) await key(letter).click();
            composed = run.length;
          }
          const n = await pickFor(rest, composed);
          rest = rest.slice(n);
          composed -= n;
          continue;
        }
        if (ZH_PUNCTUATION.includes(ch)) await toMode('pinyin');
        else if (ZH_SYMBOLS.includes(ch) || /[0-9]/.test(ch)) await toMode('digits');
        if (ch === ' ') await key('{space}').click();
        else await key(ch).click();
        rest = rest.slice(1);
      }
    },
  };
}

/** Fails when the page scrolls as a whole or a visible element pokes out of the viewport. */
export async function expectNoOverflow(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const { innerWidth: w, innerHeight: h } = window;
    const doc = document.documentElement;
    if (doc.scrollWidth > w + 1 || doc.scrollHeight > h + 1) out.push(`document ${doc.scrollWidth}x${doc.scrollHeight}`);
    for (const el of Array.from(document.querySelectorAll('button, input, textarea, h1, h2, p, .card, .keypad, .avail, .camera, .qr'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Long reading lists may scroll; controls (grids, keypads, yes/no) must be fully on screen.
      if (el.closest('.notice-body, .cards, .feedback, .reasons')) continue;
      const clip = el.parentElement?.closest('.scroll, .panel, .finish-grid')?.getBoundingClientRect();
      const isClipped = clip !== undefined && (r.bottom > clip.bottom + 1 || r.top < clip.top - 1);
      if (isClipped || r.right > w + 1 || r.bottom > h + 1 || r.left < -1)
        out.push(
          `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').slice(0, 30)}" at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
    }
    return out;
  });
  expect(problems, `overflow on ${where}`).toEqual([]);
}

/** Every visible button is at least 64 px in both directions (the kiosk's touch target). */
export async function expectTouchTargets(page: Page, where: string) {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button'))
      .map((b) => ({ b, r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 63.5 || r.height < 63.5))
      .map(({ b, r }) => `"${(b.textContent ?? '').slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  expect(small, `small touch targets on ${where}`).toEqual([]);
}
