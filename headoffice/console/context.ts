/**
 * Per-request plumbing for the console: cookies, language, the session, the role guard, the
 * CSRF and origin checks on every POST, the security headers on every answer, and the audit
 * entry for refusals.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type Role } from '../auth/admins.js';
import { recordAudit, type AuditOutcome } from '../auth/consoleAudit.js';
import { isCsrfValid, readSession, type Session } from '../auth/sessions.js';
import type { HoStore } from '../store/types.js';
import { page, type PageCtx } from './html.js';
import { translator, type Lang } from './i18n/index.js';

export const SESSION_COOKIE = 'ho_session';
export const LANG_COOKIE = 'ho_lang';
export const LOGIN_CSRF_COOKIE = 'ho_login_csrf';

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export type ConsoleOptions = { cookieSecure: boolean };
export type Ctx = PageCtx & { session: Session | null; ip: string; req: FastifyRequest; reply: FastifyReply; store: HoStore; opts: ConsoleOptions };
export type Form = Record<string, string | string[]>;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] ??= decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      /* a malformed cookie is ignored */
    }
  }
  return out;
}

export function setCookie(reply: FastifyReply, opts: ConsoleOptions, name: string, value: string, maxAgeSeconds: number | null, httpOnly = true): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/console', 'SameSite=Strict'];
  if (httpOnly) parts.push('HttpOnly');
  if (opts.cookieSecure) parts.push('Secure');
  if (maxAgeSeconds !== null) parts.push(`Max-Age=${maxAgeSeconds}`);
  const prev = reply.getHeader('set-cookie');
  reply.header('set-cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), parts.join('; ')]);
}

export function langOf(req: FastifyRequest): Lang {
  const c = parseCookies(req.headers.cookie)[LANG_COOKIE];
  if (c === 'en' || c === 'zh-CN') return c;
  return /^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh-CN';
}

export const formValue = (f: Form | undefined, k: string): string => {
  const v = f?.[k];
  return (Array.isArray(v) ? v[0] : (v ?? '')).trim();
};
/** Untrimmed (passwords). */
export const formRaw = (f: Form | undefined, k: string): string => {
  const v = f?.[k];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const formValues = (f: Form | undefined, k: string): string[] => {
  const v = f?.[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export function securityHeaders(reply: FastifyReply): FastifyReply {
  return (
    reply
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on our own form posts.
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
  );
}

export async function baseCtx(req: FastifyRequest, reply: FastifyReply, store: HoStore, opts: ConsoleOptions): Promise<Ctx> {
  const lang = langOf(req);
  const session = await readSession(store, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  const path = req.url.split('?')[0] ?? '/console';
  return {
    lang,
    t: translator(lang),
    session,
    ip: req.ip,
    req,
    reply,
    store,
    opts,
    path,
    csrf: session?.csrfToken ?? '',
    user: session ? { username: session.admin.username, displayName: session.admin.displayName, role: session.admin.role } : null,
  };
}

export const audit = (ctx: Ctx, action: string, outcome: AuditOutcome, target: string | null = null, detail = '') =>
  recordAudit(ctx.store, { adminId: ctx.session?.admin.id ?? null, username: ctx.session?.admin.username ?? '-', action, target, outcome, detail, ip: ctx.ip });

export const sendPage = (ctx: Ctx, status: number, body: string) => securityHeaders(ctx.reply).code(status).type('text/html; charset=utf-8').send(body);

export const redirect = (reply: FastifyReply, to: string) => securityHeaders(reply).code(303).header('location', to).send();

/** Same-origin check for POSTs (besides the token): a browser always sends Origin on a form POST. */
function isSameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` when the request has a live session with at least `role` and, for a POST, a valid
 * CSRF token and origin. Otherwise: no session → 303 to sign-in; wrong role → 403 page; bad
 * token → 403 page. Refusals are audited.
 */
export async function guarded(ctx: Ctx, role: Role, fn: () => Promise<unknown>): Promise<unknown> {
  const { t, reply, req } = ctx;
  if (!ctx.session) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
    return redirect(reply, `/console/login${next}`);
  }
  if (!roleAllows(ctx.session.admin.role, role)) {
    await audit(ctx, 'open', 'refused', `${req.method} ${ctx.path}`, `role ${ctx.session.admin.role}, needs ${role}`);
    return sendPage(ctx, 403, page(ctx, t('err.forbiddenTitle'), { html: `<p class="flash flash-error">${escText(t('err.forbidden', { role: t(`role.${ctx.session.admin.role}`) }))}</p>` }));
  }
  if (req.method === 'POST') {
    const form = req.body as Form | undefined;
    if (!isSameOrigin(req) || !isCsrfValid(ctx.session.csrfToken, form?._csrf)) {
      await audit(ctx, 'csrf', 'refused', `${req.method} ${ctx.path}`, isSameOrigin(req) ? 'missing or wrong CSRF token' : `foreign origin ${String(req.headers.origin).slice(0, 100)}`);
      return sendPage(ctx, 403, page(ctx, t('err.forbiddenTitle'), { html: `<p class="flash flash-error">${escText(t('err.csrf'))}</p>` }));
    }
  }
  return fn();
}

const escText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
