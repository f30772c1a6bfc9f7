/**
 * Notification templates: per store (or '*' for every store), per kind and language. A
 * template is plain text with {placeholders}; saving one checks it, so a gateway never gets a
 * message with a hole or a stray brace in it. Messages carry no answers and no scores.
 */
import { DEFAULT_SHIPPED, readShipped, shippedPackFile, type ShippedFiles } from '../shipped.js';
import type { Queryable } from '../store/types.js';

/**
 * decision-*: one message per decision (docs/notify.md). secondround-picked: the confirmation
 * once the applicant has chosen one of the second-round slots the store offered (phone page).
 */
export const NOTIFY_KINDS = ['decision-pass', 'decision-hold', 'decision-fail', 'secondround-picked'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];
export const NOTIFY_LANGS = ['zh-CN', 'en'] as const;
export type NotifyLang = (typeof NOTIFY_LANGS)[number];

/** Every placeholder a template may use, and the ones it must use. */
export const PLACEHOLDERS = ['store', 'opening', 'link', 'code', 'slot'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export const REQUIRED: Record<NotifyKind, readonly Placeholder[]> = {
  'decision-pass': ['store', 'opening', 'link'],
  'decision-hold': ['store', 'opening', 'link', 'slot'],
  'decision-fail': ['store', 'opening', 'link'],
  'secondround-picked': ['store', 'opening', 'link', 'slot'],
};

export const DEFAULT_TEMPLATES: Record<NotifyKind, Record<NotifyLang, string>> = {
  'decision-pass': {
    'zh-CN': '【{store}】你应聘的{opening}岗位已通过。门店会尽快与你联系安排首个班次。查看结果和反馈：{link}',
    en: '{store}: good news — your application for {opening} was accepted. The store will contact you to arrange your first shift. Result and feedback: {link}',
  },
  'decision-hold': {
    'zh-CN': '【{store}】感谢你应聘{opening}岗位，门店邀请你参加第二次面试：{slot}。查看详情：{link}',
    en: '{store}: thank you for applying for {opening}. The store invites you to a second interview: {slot}. Details: {link}',
  },
  'decision-fail': {
    'zh-CN': '【{store}】感谢你应聘{opening}岗位。很遗憾这次未能录用。查看反馈和后续建议：{link}',
    en: '{store}: thank you for applying for {opening}. This time the store will not go ahead with your application. Feedback and next steps: {link}',
  },
  'secondround-picked': {
    'zh-CN': '【{store}】你已选好{opening}岗位第二次面试的时间：{slot}。请按时到店，如需改时间请联系门店。查看详情：{link}',
    en: '{store}: your second interview for {opening} is booked: {slot}. Please come then; to change the time, contact the store. Details: {link}',
  },
};

const WEEKDAY: Record<NotifyLang, readonly string[]> = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** {slot}: the booked second-round slot in the applicant's language, or that the store will call to agree one. */
export function formatSlot(slot: { date: string; start: string; place: string } | null, lang: NotifyLang): string {
  if (!slot) return lang === 'en' ? 'the store will contact you to agree a time' : '门店会与你联系约时间';
  const p = slotParts(slot, lang);
  return lang === 'en' ? `${p.when}, ${slot.place}` : `${p.when}，${p.place}`;
}

/** {slot} while the applicant still has to choose among the `count` slots the store offered (the phone page, at {link}). */
export function formatOffer(count: number, lang: NotifyLang): string {
  return lang === 'en' ? `please choose one of the ${count} times the store offers on your result page (link below)` : `请在结果页面上从门店提供的 ${count} 个时间中选一个（链接见下）`;
}

/** The slot's day and time, and where, each as its own line (the phone page). */
export function slotParts(slot: { date: string; start: string; place: string }, lang: NotifyLang): { when: string; place: string } {
  const [y, m, d] = slot.date.split('-').map(Number) as [number, number, number];
  const wd = WEEKDAY[lang][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return lang === 'en' ? { when: `${wd} ${d} ${MONTH_EN[m - 1]} ${y} at ${slot.start}`, place: slot.place } : { when: `${m} 月 ${d} 日（${wd}）${slot.start}`, place: `地点：${slot.place}` };
}

export type TemplateCheck = { ok: true } | { ok: false; message: string };

/** Refuses unknown placeholders, missing required ones, stray braces, empty or overlong text. */
export function checkTemplate(kind: string, lang: string, body: string): TemplateCheck {
  if (!(NOTIFY_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `unknown template kind "${kind}" (one of ${NOTIFY_KINDS.join(', ')})` };
  if (!(NOTIFY_LANGS as readonly string[]).includes(lang)) return { ok: false, message: `unknown language "${lang}" (zh-CN or en)` };
  if (body.trim().length === 0) return { ok: false, message: `${kind} ${lang}: the template is empty` };
  if (body.length > 500) return { ok: false, message: `${kind} ${lang}: the template is ${body.length} characters; keep it under 500 (SMS)` };
  const used = new Set<string>();
  const stripped = body.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
    used.add(name);
    return '';
  });
  if (/[{}]/.test(stripped)) return { ok: false, message: `${kind} ${lang}: unbalanced { or } in the template; placeholders look like {store}` };
  const unknown = [...used].filter((u) => !(PLACEHOLDERS as readonly string[]).includes(u));
  if (unknown.length > 0) return { ok: false, message: `${kind} ${lang}: unknown placeholder(s) ${unknown.map((u) => `{${u}}`).join(', ')}; allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` };
  const missing = REQUIRED[kind as NotifyKind].filter((r) => !used.has(r));
  if (missing.length > 0) return { ok: false, message: `${kind} ${lang}: missing required placeholder(s) ${missing.map((m) => `{${m}}`).join(', ')}` };
  return { ok: true };
}

export function renderTemplate(body: string, values: Record<Placeholder, string>): string {
  return body.replace(/\{([a-zA-Z]+)\}/g, (_m, name: string) => values[name as Placeholder] ?? '');
}

/** Saves a checked template; throws with the check's message otherwise. */
export async function setTemplate(q: Queryable, storeId: string, kind: string, lang: string, body: string): Promise<void> {
  const c = checkTemplate(kind, lang, body);
  if (!c.ok) throw new Error(`template refused: ${c.message}`);
  if (!/^(\*|[A-Za-z0-9._-]{1,40})$/.test(storeId)) throw new Error('store: letters, digits, . _ - (or * for every store)');
  await q.run(
    `INSERT INTO ho_notify_templates (store_id, kind, lang, body, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (store_id, kind, lang) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    [storeId, kind, lang, body, new Date().toISOString()],
  );
}

/** The store's own template, else the all-stores one, else the built-in default. */
export async function templateFor(q: Queryable, storeId: string, kind: NotifyKind, lang: NotifyLang): Promise<string> {
  const row = await q.get<{ body: string }>(`SELECT body FROM ho_notify_templates WHERE kind = ? AND lang = ? AND store_id IN (?, '*') ORDER BY CASE WHEN store_id = '*' THEN 1 ELSE 0 END LIMIT 1`, [
    kind,
    lang,
    storeId,
  ]);
  return row?.body ?? DEFAULT_TEMPLATES[kind][lang];
}

export type StoreSettings = { storeId: string; nameZh: string | null; nameEn: string | null; resultUrl: string | null };

export async function storeSettings(q: Queryable, storeId: string): Promise<StoreSettings> {
  const r = await q.get<{ name_zh: string | null; name_en: string | null; result_url: string | null }>('SELECT name_zh, name_en, result_url FROM ho_notify_stores WHERE store_id = ?', [storeId]);
  return { storeId, nameZh: r?.name_zh ?? null, nameEn: r?.name_en ?? null, resultUrl: r?.result_url ?? null };
}

export async function setStoreSettings(q: Queryable, s: StoreSettings): Promise<void> {
  if (s.resultUrl !== null && !/^https?:\/\/[^\s]+$/.test(s.resultUrl)) throw new Error('--result-url must be an http(s) URL, e.g. https://ho.example/r');
  await q.run(
    `INSERT INTO ho_notify_stores (store_id, name_zh, name_en, result_url, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (store_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, result_url = excluded.result_url, updated_at = excluded.updated_at`,
    [s.storeId, s.nameZh, s.nameEn, s.resultUrl, new Date().toISOString()],
  );
}

/** The opening's title from the latest published pack of that id, else the shipped pack, else the pack id. */
export async function openingTitle(q: Queryable, packId: string, lang: NotifyLang, shipped: ShippedFiles = DEFAULT_SHIPPED): Promise<string> {
  // The pack head office published last (kiosks run it), else the one shipped with the software.
  const row = await q.get<{ content: Buffer | string }>(`SELECT content FROM ho_downlink WHERE kind = 'pack' AND name = ? ORDER BY version DESC LIMIT 1`, [packId]);
  const raw = row ? (Buffer.isBuffer(row.content) ? row.content.toString('utf8') : String(row.content)) : readShipped(shippedPackFile(shipped, packId));
  return (raw !== null && titleIn(raw, lang)) || packId;
}

/** A job pack's opening title in one language (packs hold it as opening.title), or null. */
function titleIn(packJson: string, lang: NotifyLang): string | null {
  try {
    const t = (JSON.parse(packJson) as { opening?: { title?: Record<string, unknown> } }).opening?.title?.[lang];
    return typeof t === 'string' && t.trim() ? t.trim() : null;
  } catch {
    return null; // not JSON: the caller falls back to the id
  }
}

/** The phone page link for a result code (null without a configured result URL). */
export const resultLink = (resultUrl: string | null, code: string | null, lang: NotifyLang): string | null =>
  resultUrl && code ? `${resultUrl}${resultUrl.includes('?') ? '&' : '?'}c=${encodeURIComponent(code)}&lang=${lang === 'en' ? 'en' : 'zh'}` : null;
