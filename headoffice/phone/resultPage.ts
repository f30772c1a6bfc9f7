/**
 * The applicant's result page on the phone (docs/notify.md): receipt code + last 4 digits of
 * the mobile → status, feedback, next steps. Plain server-rendered HTML forms, no script at all
 * (CSP `default-src 'none'`, one same-origin stylesheet). An unknown code, wrong digits and an
 * interview that has not synced yet get the same page ("not in yet"). Lookups are limited per
 * receipt code (failures) and per source address (all lookups), as fixed-window counters.
 * No name is ever shown; no score either. When the store offered several second-round slots,
 * the page lists them as a form (radio buttons, POST /r/pick with the code and digits again);
 * head office takes one pick per decision (picks.ts).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultPolicy, optOut, readInterview, receiptCheck, receiptHash, type InterviewView } from '../notify/queue.js';
import { openingTitle, slotParts } from '../notify/templates.js';
import { acceptPick, openOffer, shownDecision, type PickRefusal } from './picks.js';
import type { HoStore } from '../store/types.js';
import { PHONE_CSS } from './phoneCss.js';
import { PHONE_STRINGS, type PhoneLang, type PhoneStrings } from './strings.js';

export type PhoneLimits = { perCodeFailures: number; perSource: number; windowMs: number };
export const DEFAULT_PHONE_LIMITS: PhoneLimits = { perCodeFailures: 5, perSource: 30, windowMs: 15 * 60_000 };

export const PHONE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => esc(v[k] ?? ''));
const langOf = (req: FastifyRequest, explicit: unknown): PhoneLang => {
  if (explicit === 'en') return 'en';
  if (explicit === 'zh' || explicit === 'zh-CN') return 'zh-CN';
  const al = String(req.headers['accept-language'] ?? '');
  return /^en/i.test(al) ? 'en' : 'zh-CN';
};
const normCode = (c: unknown) => (typeof c === 'string' ? c.replace(/[\s-]/g, '').toUpperCase().slice(0, 40) : '');
/** A 12-character result code shown as the kiosk prints it (ABCD-EFGH-JKMN); anything else as typed. */
const asPrinted = (code: string) => (/^[0-9A-Z]{12}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}` : code);
const normLast4 = (d: unknown) => (typeof d === 'string' ? d.replace(/\D/g, '').slice(0, 8) : '');

function page(t: PhoneStrings, lang: PhoneLang, body: string): string {
  const otherLang = lang === 'en' ? 'zh' : 'en';
  return `<!doctype html><html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(t.title)}</title><link rel="stylesheet" href="/r/style.css"></head>
<body><main><header><h1>${esc(t.title)}</h1><a class="lang" href="/r?lang=${otherLang}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${esc(t.other)}</a></header>
${body}</main></body></html>`;
}

function form(t: PhoneStrings, lang: PhoneLang, code: string): string {
  return `<p>${esc(t.intro)}</p>
<form method="post" action="/r" autocomplete="off">
<input type="hidden" name="lang" value="${lang === 'en' ? 'en' : 'zh'}">
<label for="c">${esc(t.code)}</label><input id="c" name="c" value="${esc(asPrinted(code))}" maxlength="40" autocapitalize="characters" spellcheck="false" required aria-describedby="ch"><small id="ch">${esc(t.codeHint)}</small>
<label for="d">${esc(t.last4)}</label><input id="d" name="d" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required>
<button type="submit">${esc(t.submit)}</button></form>`;
}

const notice = (kind: string, title: string, text: string) => `<section class="notice ${kind}" role="status"><h2>${esc(title)}</h2><p>${text}</p></section>`;

const langField = (lang: PhoneLang) => `<input type="hidden" name="lang" value="${lang === 'en' ? 'en' : 'zh'}">`;
const again = (hidden: { code: string; last4: string }) => `<input type="hidden" name="c" value="${esc(hidden.code)}"><input type="hidden" name="d" value="${esc(hidden.last4)}">`;

/** The slots offered to choose from: one radio button per slot (a whole-row target), and one button. */
function offerForm(t: PhoneStrings, lang: PhoneLang, offer: NonNullable<ReturnType<typeof openOffer>>, hidden: { code: string; last4: string }): string {
  const choices = offer.slots
    .map((s, i) => {
      const p = slotParts(s, lang);
      return `<label class="choice" for="s${i}"><input type="radio" id="s${i}" name="s" value="${esc(s.slotId)}" required><span><span class="when">${esc(p.when)}</span><span class="place">${esc(p.place)}</span></span></label>`;
    })
    .join('');
  return `<section class="offer"><h2 id="offer-h">${esc(t.offerTitle)}</h2><p>${esc(t.offerText)}</p>
<form method="post" action="/r/pick" class="plain">${langField(lang)}${again(hidden)}<input type="hidden" name="o" value="${esc(offer.offerId)}">
<fieldset aria-labelledby="offer-h">${choices}</fieldset><button type="submit">${esc(t.offerButton)}</button></form></section>`;
}

async function resultHtml(store: HoStore, t: PhoneStrings, lang: PhoneLang, v: InterviewView, nowMs: number, holdMs: number, hidden: { code: string; last4: string }): Promise<string> {
  const c = v.completed!;
  const opening = await openingTitle(store, c.interview.packId, lang);
  // A decision counts here once it could no longer be undone (the notifier's hold), so the page never shows what a message would not say.
  const d = shownDecision(v, nowMs, holdMs);
  const st = d === 'pass' ? t.statusPass : d === 'fail' ? t.statusFail : d === 'hold' ? t.statusReview : t.statusReceived;
  const next = d === 'pass' ? t.nextPass : d === 'fail' ? t.nextFail : d === 'hold' ? t.nextReview : t.nextReceived;
  // The slot booked with the decision in force: by the manager, or the one the applicant picked (booked once the kiosk next syncs; its place is held already).
  const booked = d === 'hold' ? (v.secondRound ?? v.pick?.slot ?? null) : null;
  const isOwnPick = booked !== null && (v.pick !== null || v.secondRoundBy === 'applicant');
  const offer = booked ? null : openOffer(v, nowMs, holdMs);
  const canChoose = offer !== null && offer.slots.length > 0;
  const steps = [`<li>${esc(booked ? (isOwnPick ? t.secondRoundPicked : t.secondRoundBooked) : canChoose ? t.nextOffer : next)}</li>`];
  if (d === 'pass' && v.shiftStart) steps.unshift(`<li>${fill(t.firstShift, { date: v.shiftStart })}</li>`);
  const sp = booked ? slotParts(booked, lang) : null;
  const slot = sp
    ? `<section class="slot"><h2>${esc(t.secondRoundTitle)}</h2><p class="when">${esc(sp.when)}</p><p class="place">${esc(sp.place)}</p></section>`
    : canChoose
      ? offerForm(t, lang, offer, hidden)
      : '';
  const statusText = booked ? t.statusReviewBooked : canChoose ? t.statusReviewOffer : st.text;
  const fb = c.score?.feedback ?? null;
  const list = (title: string, items: readonly Record<string, string>[]) => (items.length === 0 ? '' : `<h3>${esc(title)}</h3><ul>${items.map((x) => `<li>${esc(x[lang] ?? '')}</li>`).join('')}</ul>`);
  const feedback = fb
    ? `<section class="feedback"><h2>${esc(t.feedback)}</h2>${list(t.strengths, fb.strengths)}${list(t.suggestions, fb.suggestions)}${list(t.skills, fb.skills)}${fb.note ? `<p>${esc(fb.note[lang])}</p>` : ''}</section>`
    : '';
  const stop =
    v.consent?.granted && !v.optedOut
      ? `<section class="stop"><h2>${esc(t.stopTitle)}</h2><p>${esc(t.stopText)}</p><form method="post" action="/r/stop">${langField(lang)}${again(hidden)}<button type="submit" class="secondary">${esc(t.stopButton)}</button></form></section>`
      : '';
  return `<section class="status" data-status="${d ?? 'received'}"><p class="label">${esc(t.status)}</p><h2>${esc(st.title)}</h2><p>${fill(statusText, { opening })}</p></section>
${slot}${feedback}<section class="next"><h2>${esc(t.nextSteps)}</h2><ul>${steps.join('')}</ul></section>${stop}
<p><a href="/r?lang=${lang === 'en' ? 'en' : 'zh'}">${esc(t.back)}</a></p>`;
}

const REFUSAL: Record<PickRefusal, 'pickTaken' | 'pickGone' | 'pickNotOffered' | 'pickPast' | 'pickNone'> = {
  taken: 'pickTaken',
  gone: 'pickGone',
  notOffered: 'pickNotOffered',
  past: 'pickPast',
  none: 'pickNone',
};

export type PhoneOptions = { now?: () => number; limits?: Partial<PhoneLimits>; holdMs?: number };

export function registerPhoneRoutes(app: FastifyInstance, store: HoStore, opts: PhoneOptions = {}): void {
  const now = opts.now ?? Date.now;
  const limits = { ...DEFAULT_PHONE_LIMITS, ...opts.limits };
  const holdMs = opts.holdMs ?? defaultPolicy.holdMs;
  const keyOf = (kind: 'code' | 'src', v: string) => `${kind}:${crypto.createHash('sha256').update(`phone-limit\n${v}`).digest('hex').slice(0, 40)}`;

  /** Seconds to wait when the counter is at its limit; else null. */
  const blocked = async (key: string, max: number): Promise<number | null> => {
    const r = await store.get<{ window_start_ms: number; count: number }>('SELECT window_start_ms, count FROM ho_lookup_limits WHERE key = ?', [key]);
    if (!r) return null;
    const end = Number(r.window_start_ms) + limits.windowMs;
    return now() < end && Number(r.count) >= max ? Math.ceil((end - now()) / 1000) : null;
  };
  const bump = async (key: string) => {
    const t = now();
    await store.run(
      `INSERT INTO ho_lookup_limits (key, window_start_ms, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET count = CASE WHEN ho_lookup_limits.window_start_ms + ? <= ? THEN 1 ELSE ho_lookup_limits.count + 1 END,
         window_start_ms = CASE WHEN ho_lookup_limits.window_start_ms + ? <= ? THEN ? ELSE ho_lookup_limits.window_start_ms END`,
      [key, t, limits.windowMs, t, limits.windowMs, t, t],
    );
  };

  const send = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PHONE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(html);

  /** Checks limits, then code + digits. null: the page was already answered (limited). */
  const lookup = async (req: FastifyRequest, reply: FastifyReply, t: PhoneStrings, lang: PhoneLang) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const code = normCode(b.c);
    const last4 = normLast4(b.d);
    const srcKey = keyOf('src', req.ip);
    const codeKey = keyOf('code', code);
    const wait = (await blocked(srcKey, limits.perSource)) ?? (await blocked(codeKey, limits.perCodeFailures));
    if (wait !== null) {
      await send(
        reply.header('retry-after', String(wait)),
        429,
        page(t, lang, notice('limited', t.limited.title, fill(t.limited.text, { minutes: String(Math.max(1, Math.ceil(wait / 60))) })) + form(t, lang, code)),
      );
      return null;
    }
    await bump(srcKey);
    // The kiosk writes its codes grouped 4-4-4 (ABCD-EFGH-JKMN) and head office hashes them as written;
    // the applicant may type them with or without the dashes (normCode drops them): try both forms.
    let r: { check_hash: string; interview_id: string } | undefined;
    let codeForm = code;
    for (const f of code && last4.length === 4 ? (code.length === 12 ? [`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`, code] : [code]) : []) {
      r = await store.get<{ check_hash: string; interview_id: string }>('SELECT check_hash, interview_id FROM ho_receipts WHERE code_hash = ?', [receiptHash(f)]);
      codeForm = f;
      if (r) break;
    }
    const match = r !== undefined && crypto.timingSafeEqual(Buffer.from(r.check_hash), Buffer.from(receiptCheck(codeForm, last4)));
    const v = match && r ? await readInterview(store, r.interview_id) : null;
    if (!v?.completed) {
      if (code) await bump(codeKey);
      await send(reply, 200, page(t, lang, notice('notin', t.notIn.title, esc(t.notIn.text)) + form(t, lang, code)));
      return null;
    }
    return { code, last4, interviewId: r!.interview_id, view: v };
  };

  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.get('/r/style.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PHONE_CSS));
    scope.get('/r', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const lang = langOf(req, q.lang);
      const t = PHONE_STRINGS[lang];
      return send(reply, 200, page(t, lang, form(t, lang, normCode(q.c))));
    });
    scope.post('/r', async (req, reply) => {
      const lang = langOf(req, (req.body as Record<string, unknown> | undefined)?.lang);
      const t = PHONE_STRINGS[lang];
      const found = await lookup(req, reply, t, lang);
      if (!found) return reply;
      return send(reply, 200, page(t, lang, await resultHtml(store, t, lang, found.view, now(), holdMs, found)));
    });
    scope.post('/r/stop', async (req, reply) => {
      const lang = langOf(req, (req.body as Record<string, unknown> | undefined)?.lang);
      const t = PHONE_STRINGS[lang];
      const found = await lookup(req, reply, t, lang);
      if (!found) return reply;
      await store.tx((q) => optOut(q, found.interviewId), { serial: true });
      return send(reply, 200, page(t, lang, notice('stopped', t.stopTitle, esc(t.stopped)) + `<p><a href="/r?lang=${lang === 'en' ? 'en' : 'zh'}">${esc(t.back)}</a></p>`));
    });
    // The applicant's choice among offered second-round slots: code and digits again, then one pick per decision.
    scope.post('/r/pick', async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const lang = langOf(req, b.lang);
      const t = PHONE_STRINGS[lang];
      const found = await lookup(req, reply, t, lang);
      if (!found) return reply;
      const str = (x: unknown) => (typeof x === 'string' ? x.slice(0, 128) : '');
      const r = await acceptPick(store, { interviewId: found.interviewId, offerId: str(b.o), slotId: str(b.s) }, { nowMs: now(), holdMs });
      // The page as it now stands (the pick shows as the booked slot; a refusal shows the latest state).
      const v = (await readInterview(store, found.interviewId)) ?? found.view;
      const view = await resultHtml(store, t, lang, v, now(), holdMs, found);
      if (r.ok) {
        const sp = slotParts(r.slot, lang);
        // Chinese sentences follow each other without a space.
        const told = v.consent?.granted && !v.optedOut ? `${lang === 'en' ? ' ' : ''}${esc(t.pickedNotified)}` : '';
        return send(reply, 200, page(t, lang, notice('picked', t.picked.title, fill(t.picked.text, { when: sp.when, place: sp.place }) + told) + view));
      }
      const words = t[REFUSAL[r.reason]];
      return send(reply, 409, page(t, lang, notice('refused', words.title, esc(words.text)) + view));
    });
  });
}

const html = { '200': { description: 'text/html (same page for an unknown code, wrong digits and an interview not synced yet)' }, '429': { description: 'text/html, Retry-After: too many lookups' } };
/** OpenAPI entries for the routes above (headoffice/openapi.ts merges them). */
export const phoneOpenApiPaths = {
  '/r': {
    get: { summary: 'Phone result page: the lookup form (?c=<receipt code>&lang=zh|en)', responses: { '200': { description: 'text/html' } } },
    post: { summary: 'Phone result page: look up status, feedback and next steps by receipt code + last 4 digits (form post)', responses: html },
  },
  '/r/stop': { post: { summary: 'Phone result page: withdraw consent to result messages (code + last 4 digits again)', responses: html } },
  '/r/pick': {
    post: {
      summary: 'Phone result page: choose one of the second-round slots the store offered (code + last 4 digits again, o = offer id, s = slot id); one pick per decision',
      responses: { ...html, '409': { description: 'text/html: refused (already chosen, offer no longer stands, slot not offered or passed, none chosen), with the page as it stands' } },
    },
  },
  '/r/style.css': { get: { summary: 'The phone page stylesheet', responses: { '200': { description: 'text/css' } } } },
} as const;
