/**
 * Server-rendered HTML for the console: escaping, the page frame (navigation by role, language
 * switch, sign-out form with its CSRF token) and small building blocks. No inline script or
 * style anywhere: the CSP allows only this origin's static files; data for charts travels in
 * <script type="application/json"> blocks, which the browser never executes.
 */
import { roleAllows, type Role } from '../auth/admins.js';
import type { Lang, MessageKey, T } from './i18n/index.js';

export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Marks a string as already-safe HTML. */
export type Html = { readonly html: string };
export const raw = (html: string): Html => ({ html });
const render = (v: unknown): string => (v && typeof v === 'object' && 'html' in v ? (v as Html).html : Array.isArray(v) ? v.map(render).join('') : esc(v));
/** Template tag: interpolated values are escaped unless they are Html (or arrays of it). */
export const html = (parts: TemplateStringsArray, ...values: unknown[]): Html => raw(parts.reduce((acc, p, i) => acc + p + (i < values.length ? render(values[i]) : ''), ''));

/** JSON for a <script type="application/json"> block: nothing in it can close the element. */
export const jsonBlock = (id: string, data: unknown): Html =>
  raw(`<script type="application/json" id="${esc(id)}">${JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}</script>`);

export type PageCtx = { lang: Lang; t: T; user: { username: string; displayName: string; role: Role } | null; csrf: string; path: string };

const NAV: { href: string; key: MessageKey; role: Role }[] = [
  { href: '/console/funnel', key: 'nav.funnel', role: 'viewer' },
  { href: '/console/fleet', key: 'nav.fleet', role: 'viewer' },
  { href: '/console/applicants', key: 'nav.applicants', role: 'hr' },
  { href: '/console/notifications', key: 'nav.notifications', role: 'hr' },
  { href: '/console/stores', key: 'nav.stores', role: 'admin' },
  { href: '/console/models', key: 'nav.models', role: 'admin' },
  { href: '/console/tokens', key: 'nav.tokens', role: 'admin' },
  { href: '/console/users', key: 'nav.users', role: 'admin' },
  { href: '/console/audit', key: 'nav.audit', role: 'admin' },
];

export const csrfField = (ctx: PageCtx): Html => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** A POST form with the CSRF token; `confirm` asks first (console.js). */
export const postForm = (ctx: PageCtx, action: string, inner: Html, opts: { confirm?: string; className?: string } = {}): Html =>
  html`<form method="post" action="${action}" class="${opts.className ?? 'inline'}"${opts.confirm ? raw(` data-confirm="${esc(opts.confirm)}"`) : ''}>${csrfField(ctx)}${inner}</form>`;

export function page(ctx: PageCtx, title: string, body: Html, opts: { scripts?: string[]; flash?: { kind: 'ok' | 'error'; text: string } | null } = {}): string {
  const { t, user } = ctx;
  const other: Lang = ctx.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const nav = user ? NAV.filter((n) => roleAllows(user.role, n.role)).map((n) => html`<a href="${n.href}"${ctx.path.startsWith(n.href) ? raw(' aria-current="page"') : ''}>${t(n.key)}</a>`) : [];
  const scripts = [...(opts.scripts ?? []), '/console/static/console.js'];
  return `<!doctype html>
<html lang="${ctx.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(t('app.title'))}</title>
<link rel="stylesheet" href="/console/static/console.css">
${scripts.map((s) => `<script src="${esc(s)}" defer></script>`).join('\n')}
</head>
<body>
<header class="top">
  <div class="brand">${esc(t('app.title'))}</div>
  <nav class="nav" aria-label="main">${nav.map((n) => n.html).join('')}</nav>
  <div class="me">
    <a class="lang" href="/console/lang?to=${other}&amp;back=${encodeURIComponent(ctx.path)}" hreflang="${other}" lang="${other}" title="${esc(t('nav.langLabel'))}">${esc(t('nav.lang'))}</a>
    ${user ? html`<a href="/console/account" class="who" title="${t('nav.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}">${user.displayName} · ${t(`role.${user.role}`)}</a>${postForm(ctx, '/console/logout', html`<button type="submit" class="link">${t('nav.signOut')}</button>`)}`.html : ''}
  </div>
</header>
<main>
<h1>${esc(title)}</h1>
${opts.flash ? `<p class="flash flash-${opts.flash.kind}" role="${opts.flash.kind === 'error' ? 'alert' : 'status'}">${esc(opts.flash.text)}</p>` : ''}
${body.html}
</main>
</body>
</html>`;
}

/** A table whose cells are strings (escaped) or Html; `numeric` columns are right-aligned. */
export function table(head: string[], rows: (string | number | Html)[][], opts: { numeric?: number[]; id?: string; caption?: string; foot?: (string | number | Html)[] } = {}): Html {
  const num = new Set(opts.numeric ?? []);
  const cell = (tag: 'td' | 'th', v: string | number | Html, i: number) => `<${tag}${num.has(i) ? ' class="num"' : ''}>${render(v)}</${tag}>`;
  return raw(
    `<div class="table-wrap"><table${opts.id ? ` id="${esc(opts.id)}"` : ''}>${opts.caption ? `<caption>${esc(opts.caption)}</caption>` : ''}` +
      (head.some((h) => h !== '') ? `<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>` : '') +
      `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody>` +
      (opts.foot ? `<tfoot><tr>${opts.foot.map((c, i) => cell('th', c, i)).join('')}</tr></tfoot>` : '') +
      `</table></div>`,
  );
}

export const select = (name: string, label: string, options: { value: string; label: string }[], current: string | undefined): Html =>
  html`<label>${label}<select name="${name}">${options.map((o) => html`<option value="${o.value}"${o.value === (current ?? '') ? raw(' selected') : ''}>${o.label}</option>`)}</select></label>`;

/** Short local date-time (UTC, as stored), e.g. 2026-05-04 09:30. */
export const when = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

export function ago(ms: number | null, t: T): string {
  if (ms === null) return t('fleet.never');
  const m = Math.round(ms / 60_000);
  const txt = m < 60 ? `${m} min` : m < 48 * 60 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;
  return t('fleet.ago', { t: txt });
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string | undefined): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A date field that reads the same in every browser language: plain text, YYYY-MM-DD (Chromium's
 * <input type="date"> shows mm/dd/yyyy or yyyy/mm/dd depending on its own locale, not the page's).
 * The pattern lets the browser refuse a wrong shape before sending; the server checks again.
 */
export const dateInput = (name: string, label: string, value: string | undefined, t: T): Html =>
  html`<label>${label}<input type="text" name="${name}" value="${value ?? ''}" inputmode="numeric" maxlength="10" autocomplete="off" placeholder="${t('common.datePlaceholder')}" pattern="\\d{4}-\\d{2}-\\d{2}" title="${t('common.dateHint')}" class="date"></label>`;

/** The page's flash for from/to fields that are filled in but not dates (they are then ignored). */
export function dateProblem(q: { from?: string | undefined; to?: string | undefined }, t: T): { kind: 'error'; text: string } | null {
  const bad = [q.from, q.to].filter((v): v is string => !!v && !isIsoDate(v));
  if (bad.length) return { kind: 'error', text: t('common.badDate', { value: bad[0]!.slice(0, 20) }) };
  if (isIsoDate(q.from) && isIsoDate(q.to) && q.from > q.to) return { kind: 'error', text: t('common.dateOrder') };
  return null;
}
