/**
 * The HR web console (issue 18), registered on the head-office server under /console. Pages are
 * rendered on the server; every action calls the same service functions as the HTTP API and
 * the CLI (admin.ts, fairness/candidates.ts, hr/*), behind a cookie session with roles, CSRF
 * tokens, lock-out and per-address sign-in limits, and is written to the console action log.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '../../core/logger.js';
import { issueEnrollmentCode, issueToken, revokeKiosk, revokeToken } from '../admin.js';
import { AdminInputError, authenticate, countAdmins, createAdmin, setDisabled, setPassword, setRole, unlockAdmin, verifyOwnPassword } from '../auth/admins.js';
import { recordAudit } from '../auth/consoleAudit.js';
import { createSession, endSession, isCsrfValid, randomToken, SESSION_MAX_MS } from '../auth/sessions.js';
import type { AuthLimiter } from '../authLimits.js';
import { approveCandidate, publishCandidate, refitCandidate, rejectCandidate } from '../fairness/candidates.js';
import { rollbackModel } from '../fairness/rollback.js';
import { problemOf } from '../hr/problems.js';
import { importStoresCsv, setStoreMeta } from '../hr/stores.js';
import type { HoStore } from '../store/types.js';
import { page } from './html.js';
import {
  audit,
  baseCtx,
  formRaw,
  formValue,
  formValues,
  guarded,
  LANG_COOKIE,
  LOGIN_CSRF_COOKIE,
  parseCookies,
  redirect,
  securityHeaders,
  sendPage,
  SESSION_COOKIE,
  setCookie,
  type ConsoleOptions,
  type Ctx,
  type Form,
} from './context.js';
import { renderAccountPage, renderAuditPage, renderLoginPage, renderTokensPage, renderUsersPage } from './pages/admin.js';
import { renderApplicantPage, renderApplicantsPage, type ApplicantQuery } from './pages/applicants.js';
import { renderFleetPage, type FleetQuery } from './pages/fleet.js';
import { renderStoresPage } from './pages/stores.js';
import { renderNotificationsPage, type NotificationQuery } from './pages/notifications.js';
import { resendNotification } from '../notify/admin.js';
import { funnelCsv, loadFunnel, renderFunnelPage, type FunnelQuery } from './pages/funnel.js';
import { renderModelsPage } from './pages/models.js';
import { isConsoleRoute, roleOfRoute } from './routeTable.js';

const log = createLogger('headoffice.console');
const here = path.dirname(fileURLToPath(import.meta.url));
const chartJs = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const STATIC: Record<string, { file: string; type: string }> = {
  '/console/static/console.css': { file: path.join(here, 'static', 'console.css'), type: 'text/css; charset=utf-8' },
  '/console/static/console.js': { file: path.join(here, 'static', 'console.js'), type: 'text/javascript; charset=utf-8' },
  '/console/static/chart.umd.min.js': { file: chartJs, type: 'text/javascript; charset=utf-8' },
};

const storesOf = (s: string): string[] | null => {
  const list = s
    .split(/[\s,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return list.length ? list : null;
};
const safeNext = (n: string | undefined) => (n && /^\/console(\/[A-Za-z0-9/_.?=&%-]*)?$/.test(n) && !n.startsWith('//') ? n : '/console/funnel');
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? '127.0.0.1'}`;

export function registerConsole(app: FastifyInstance, store: HoStore, limiter: AuthLimiter, opts: ConsoleOptions): void {
  const staticFiles = new Map(Object.entries(STATIC).map(([url, s]) => [url, { body: fs.readFileSync(s.file), type: s.type }]));

  void app.register(async (c) => {
    c.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      const form: Form = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = form[k];
        form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, form);
    });

    const route = (method: 'GET' | 'POST', url: string, fn: (ctx: Ctx) => Promise<unknown>) => {
      if (!isConsoleRoute(method, url)) throw new Error(`console route ${method} ${url} is missing from routeTable.ts`);
      const role = roleOfRoute(method, url);
      c.route({
        method,
        url,
        handler: async (req: FastifyRequest, reply: FastifyReply) => {
          const ctx = await baseCtx(req, reply, store, opts);
          return role === 'public' || role === null ? fn(ctx) : guarded(ctx, role, () => fn(ctx));
        },
      });
    };
    const q = (ctx: Ctx) => ctx.req.query as Record<string, string | undefined>;
    const form = (ctx: Ctx) => ctx.req.body as Form;
    const flashOk = (ctx: Ctx, text?: string) => ({ kind: 'ok' as const, text: text ?? ctx.t('common.done') });
    const flashErr = (ctx: Ctx, message: string) => ({ kind: 'error' as const, text: ctx.t('common.error', { message }) });

    /** Runs an action: audited ok / refused (with the service's words on the page) / failed. */
    const act = async <T>(ctx: Ctx, action: string, target: string | null, fn: () => Promise<T>, detail = ''): Promise<{ ok: true; value: T } | { ok: false; message: string; status: number }> => {
      try {
        const value = await fn();
        await audit(ctx, action, 'ok', target, detail);
        return { ok: true, value };
      } catch (e) {
        const problem = problemOf(e);
        if (problem === null) {
          log.error(`console action ${action} failed`, e);
          await audit(ctx, action, 'failed', target, (e as Error).message ?? '');
          return { ok: false, message: 'internal error (see the service log)', status: 500 };
        }
        await audit(ctx, action, 'refused', target, problem);
        return { ok: false, message: problem, status: 409 };
      }
    };

    for (const [url, f] of staticFiles) {
      route('GET', url, async (ctx) => ctx.reply.header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').type(f.type).send(f.body));
    }

    route('GET', '/console', async (ctx) => redirect(ctx.reply, ctx.session ? '/console/funnel' : '/console/login'));

    route('GET', '/console/lang', async (ctx) => {
      const to = q(ctx).to === 'en' ? 'en' : 'zh-CN';
      setCookie(ctx.reply, opts, LANG_COOKIE, to, 365 * 86_400, false);
      return redirect(ctx.reply, safeNext(q(ctx).back));
    });

    // ---- sign-in -------------------------------------------------------------------------
    const loginPage = async (ctx: Ctx, status: number, message: { kind: 'ok' | 'error'; text: string } | null) => {
      const token = randomToken();
      setCookie(ctx.reply, opts, LOGIN_CSRF_COOKIE, token, 3600);
      const none = (await countAdmins(store)) === 0 ? { kind: 'error' as const, text: ctx.t('login.noAdmins') } : null;
      return sendPage(ctx, status, renderLoginPage({ ...ctx, user: null }, token, safeNext(q(ctx).next ?? formValue(form(ctx), 'next')), message ?? none));
    };
    route('GET', '/console/login', async (ctx) => {
      if (ctx.session) return redirect(ctx.reply, safeNext(q(ctx).next));
      const m = q(ctx).m;
      return loginPage(ctx, 200, m === 'out' ? { kind: 'ok', text: ctx.t('login.signedOut') } : null);
    });
    route('POST', '/console/login', async (ctx) => {
      const f = form(ctx);
      const username = formValue(f, 'username').slice(0, 80);
      const refuse = (detail: string) => recordAudit(store, { adminId: null, username: username || '-', action: 'sign-in', outcome: 'refused', detail, ip: ctx.ip });
      const wait = await limiter.retryAfter(ctx.ip, 'console-login');
      if (wait !== null) {
        await refuse('address blocked after too many failed sign-ins');
        ctx.reply.header('retry-after', String(wait));
        return loginPage(ctx, 429, { kind: 'error', text: ctx.t('login.rateLimited', { seconds: wait }) });
      }
      if (!isCsrfValid(parseCookies(ctx.req.headers.cookie)[LOGIN_CSRF_COOKIE] ?? '', f?._csrf)) {
        await refuse('sign-in form without its CSRF token');
        return loginPage(ctx, 403, { kind: 'error', text: ctx.t('err.csrf') });
      }
      const r = await authenticate(store, username, formRaw(f, 'password'));
      if (!r.ok) {
        await limiter.recordFailure(ctx.ip, 'console-login');
        await recordAudit(store, { adminId: r.admin?.id ?? null, username: username || '-', action: 'sign-in', outcome: 'refused', detail: r.reason, ip: ctx.ip });
        const text =
          r.reason === 'locked'
            ? ctx.t('login.locked', { until: (r.lockedUntil ?? '').replace('T', ' ').slice(0, 16) + ' UTC' })
            : r.reason === 'disabled'
              ? ctx.t('login.disabled')
              : ctx.t('login.bad');
        return loginPage(ctx, 401, { kind: 'error', text });
      }
      const s = await createSession(store, r.admin.id, ctx.ip);
      setCookie(ctx.reply, opts, SESSION_COOKIE, s.token, Math.floor(SESSION_MAX_MS / 1000));
      setCookie(ctx.reply, opts, LOGIN_CSRF_COOKIE, '', 0);
      await recordAudit(store, { adminId: r.admin.id, username: r.admin.username, action: 'sign-in', outcome: 'ok', ip: ctx.ip });
      return redirect(ctx.reply, safeNext(formValue(f, 'next')));
    });
    route('POST', '/console/logout', async (ctx) => {
      await endSession(store, ctx.session!.tokenHash);
      await audit(ctx, 'sign-out', 'ok');
      setCookie(ctx.reply, opts, SESSION_COOKIE, '', 0);
      return redirect(ctx.reply, '/console/login?m=out');
    });

    // ---- funnel ------------------------------------------------------------------------------
    route('GET', '/console/funnel', async (ctx) => sendPage(ctx, 200, await renderFunnelPage(ctx, store, q(ctx) as FunnelQuery)));
    route('GET', '/console/funnel.csv', async (ctx) => {
      const { table } = await loadFunnel(store, q(ctx) as FunnelQuery, ctx.t, ctx.lang);
      await audit(ctx, 'export-funnel-csv', 'ok', null, new URLSearchParams(q(ctx) as Record<string, string>).toString().slice(0, 300));
      return securityHeaders(ctx.reply).type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="funnel.csv"').send(funnelCsv(table));
    });

    // ---- fleet -------------------------------------------------------------------------------
    route('GET', '/console/fleet', async (ctx) => sendPage(ctx, 200, await renderFleetPage(ctx, store, q(ctx) as FleetQuery)));
    route('POST', '/console/fleet/enroll-code', async (ctx) => {
      const f = form(ctx);
      const storeId = formValue(f, 'storeId');
      const ttl = Number(formValue(f, 'ttlHours') || 72);
      const replaces = formValue(f, 'replaces');
      const r = await act(ctx, 'enroll-code', storeId, async () => {
        if (!Number.isInteger(ttl) || ttl < 1 || ttl > 720) throw new AdminInputError('valid for: 1 to 720 hours');
        return issueEnrollmentCode(store, storeId, ttl, replaces ? { replaces } : {});
      });
      return sendPage(
        ctx,
        r.ok ? 200 : r.status,
        await renderFleetPage(ctx, store, {}, r.ok ? { enrolled: { storeId, code: r.value.code, expiresAt: r.value.expiresAt } } : { flash: flashErr(ctx, r.message) }),
      );
    });
    route('POST', '/console/fleet/revoke', async (ctx) => {
      const id = formValue(form(ctx), 'kioskId');
      const r = await act(ctx, 'kiosk-revoke', id, async () => {
        if (!(await revokeKiosk(store, id))) throw new AdminInputError(`kiosk ${id} is unknown or already revoked`);
      });
      return sendPage(ctx, r.ok ? 200 : r.status, await renderFleetPage(ctx, store, {}, { flash: r.ok ? flashOk(ctx, ctx.t('fleet.revoked.done', { id })) : flashErr(ctx, r.message) }));
    });

    // ---- stores -------------------------------------------------------------------------------
    const byOf = (ctx: Ctx) => `${ctx.session!.admin.displayName} (${ctx.session!.admin.username})`;
    route('GET', '/console/stores', async (ctx) => sendPage(ctx, 200, await renderStoresPage(ctx, store)));
    route('POST', '/console/stores/set', async (ctx) => {
      const f = form(ctx);
      const input = { storeId: formValue(f, 'storeId'), region: formValue(f, 'region'), nameZh: formValue(f, 'nameZh'), nameEn: formValue(f, 'nameEn') };
      const r = await act(ctx, 'store-set', input.storeId.slice(0, 64), () => setStoreMeta(store, input, byOf(ctx)), `region=${input.region.slice(0, 60)}`);
      return sendPage(ctx, r.ok ? 200 : r.status, await renderStoresPage(ctx, store, r.ok ? flashOk(ctx, ctx.t('stores.saved', { id: input.storeId })) : flashErr(ctx, r.message)));
    });
    route('POST', '/console/stores/import', async (ctx) => {
      const csv = formRaw(form(ctx), 'csv').slice(0, 60_000);
      const r = await act(ctx, 'stores-import', null, () => importStoresCsv(store, csv, byOf(ctx)));
      return sendPage(
        ctx,
        r.ok ? 200 : r.status,
        await renderStoresPage(ctx, store, r.ok ? flashOk(ctx, ctx.t('stores.imported', { n: r.value.imported })) : flashErr(ctx, r.message), r.ok ? '' : csv),
      );
    });

    // ---- notifications (issue 16): the CLI's `notifications resend`, audited -------------------
    route('GET', '/console/notifications', async (ctx) => sendPage(ctx, 200, await renderNotificationsPage(ctx, store, q(ctx) as NotificationQuery)));
    route('POST', '/console/notifications/resend', async (ctx) => {
      const id = formValue(form(ctx), 'id').slice(0, 64);
      const r = await act(ctx, 'notification-resend', id, async () => {
        const res = await resendNotification(store, id);
        if (!res.ok) throw new AdminInputError(res.message);
        return res;
      });
      return sendPage(ctx, r.ok ? 200 : r.status, await renderNotificationsPage(ctx, store, {}, r.ok ? flashOk(ctx, ctx.t('notifications.resent', { id })) : flashErr(ctx, r.message)));
    });

    // ---- applicants -------------------------------------------------------------------------
    route('GET', '/console/applicants', async (ctx) => sendPage(ctx, 200, await renderApplicantsPage(ctx, store, q(ctx) as ApplicantQuery)));
    route('GET', '/console/applicant', async (ctx) => {
      const id = String(q(ctx).id ?? '').slice(0, 128);
      const r = id ? await renderApplicantPage(ctx, store, id) : null;
      await audit(ctx, 'view-applicant', r ? 'ok' : 'refused', id, r ? (r.isErased ? 'erased' : '') : 'not found');
      if (!r) return sendPage(ctx, 404, page(ctx, ctx.t('err.notFound'), { html: '' }));
      return sendPage(ctx, r.status, r.html);
    });

    // ---- models -------------------------------------------------------------------------------
    const modelAction = (url: string, action: string, fn: (ctx: Ctx, f: Form, by: string) => Promise<unknown>) =>
      route('POST', url, async (ctx) => {
        const f = form(ctx);
        const by = `${ctx.session!.admin.displayName} (${ctx.session!.admin.username})`;
        const r = await act(ctx, action, formValue(f, 'id') || formValue(f, 'pack') || null, () => fn(ctx, f, by));
        return sendPage(ctx, r.ok ? 200 : r.status, await renderModelsPage(ctx, store, r.ok ? flashOk(ctx) : flashErr(ctx, r.message)));
      });
    route('GET', '/console/models', async (ctx) => sendPage(ctx, 200, await renderModelsPage(ctx, store)));
    modelAction('/console/models/refit', 'model-refit', (_c, f, by) => refitCandidate(store, formValue(f, 'pack'), { by, reason: formValue(f, 'reason') }));
    modelAction('/console/models/approve', 'model-approve', (_c, f, by) => approveCandidate(store, formValue(f, 'id'), by, formValue(f, 'reason')));
    modelAction('/console/models/reject', 'model-reject', (_c, f, by) => rejectCandidate(store, formValue(f, 'id'), by, formValue(f, 'reason')));
    modelAction('/console/models/publish', 'model-publish', (_c, f, by) => publishCandidate(store, formValue(f, 'id'), by, { stores: storesOf(formValue(f, 'stores')) }));
    modelAction('/console/models/rollback', 'model-rollback', (_c, f, by) => rollbackModel(store, formValue(f, 'pack'), by, formValue(f, 'reason'), { stores: storesOf(formValue(f, 'stores')) }));

    // ---- tokens -------------------------------------------------------------------------------
    route('GET', '/console/tokens', async (ctx) => sendPage(ctx, 200, await renderTokensPage(ctx, store, originOf(ctx.req))));
    route('POST', '/console/tokens/issue', async (ctx) => {
      const f = form(ctx);
      const name = formValue(f, 'name').slice(0, 80);
      const ttlDays = Number(formValue(f, 'ttlDays') || 90);
      const r = await act(ctx, 'token-issue', name, async () => {
        if (!name) throw new AdminInputError('give the token a name');
        return issueToken(store, name, formValues(f, 'scopes'), { ttlDays });
      });
      return sendPage(
        ctx,
        r.ok ? 200 : r.status,
        await renderTokensPage(ctx, store, originOf(ctx.req), r.ok ? { issued: { name, token: r.value.token, expiresAt: r.value.expiresAt } } : { flash: flashErr(ctx, r.message) }),
      );
    });
    route('POST', '/console/tokens/revoke', async (ctx) => {
      const id = formValue(form(ctx), 'id');
      const r = await act(ctx, 'token-revoke', id, async () => {
        if (!(await revokeToken(store, id))) throw new AdminInputError(`token ${id} is unknown or already revoked`);
      });
      return sendPage(ctx, r.ok ? 200 : r.status, await renderTokensPage(ctx, store, originOf(ctx.req), { flash: r.ok ? flashOk(ctx) : flashErr(ctx, r.message) }));
    });

    // ---- accounts -----------------------------------------------------------------------------
    route('GET', '/console/users', async (ctx) => sendPage(ctx, 200, await renderUsersPage(ctx, store)));
    route('POST', '/console/users/create', async (ctx) => {
      const f = form(ctx);
      const r = await act(ctx, 'account-create', formValue(f, 'username'), () =>
        createAdmin(store, {
          username: formValue(f, 'username'),
          displayName: formValue(f, 'displayName') || undefined,
          role: formValue(f, 'role'),
          password: formRaw(f, 'password'),
          createdBy: ctx.session!.admin.username,
        }),
      );
      return sendPage(ctx, r.ok ? 200 : r.status, await renderUsersPage(ctx, store, r.ok ? flashOk(ctx) : flashErr(ctx, r.message)));
    });
    route('POST', '/console/users/update', async (ctx) => {
      const f = form(ctx);
      const id = formValue(f, 'id');
      const op = formValue(f, 'op');
      const r = await act(ctx, `account-${op || 'update'}`, id, async () => {
        const done =
          op === 'role'
            ? await setRole(store, id, formValue(f, 'role'))
            : op === 'disable'
              ? await setDisabled(store, id, true)
              : op === 'enable'
                ? await setDisabled(store, id, false)
                : op === 'unlock'
                  ? await unlockAdmin(store, id)
                  : false;
        if (!done) throw new AdminInputError('no such account or action');
      });
      return sendPage(ctx, r.ok ? 200 : r.status, await renderUsersPage(ctx, store, r.ok ? flashOk(ctx) : flashErr(ctx, r.message)));
    });
    route('GET', '/console/account', async (ctx) => sendPage(ctx, 200, renderAccountPage(ctx)));
    route('POST', '/console/account/password', async (ctx) => {
      const f = form(ctx);
      const me = ctx.session!.admin;
      if (!(await verifyOwnPassword(store, me.id, formRaw(f, 'current')))) {
        await audit(ctx, 'password-change', 'refused', me.username, 'wrong current password');
        return sendPage(ctx, 400, renderAccountPage(ctx, { kind: 'error', text: ctx.t('account.wrong') }));
      }
      const r = await act(ctx, 'password-change', me.username, () => setPassword(store, me.id, formRaw(f, 'password'), ctx.session!.tokenHash));
      return sendPage(ctx, r.ok ? 200 : r.status, renderAccountPage(ctx, r.ok ? flashOk(ctx, ctx.t('account.changed')) : flashErr(ctx, r.message)));
    });
    route('GET', '/console/audit', async (ctx) => sendPage(ctx, 200, await renderAuditPage(ctx, store)));
  });
}
