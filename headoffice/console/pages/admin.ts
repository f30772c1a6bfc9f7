/** Tokens & integrations, accounts, my account, the action log, and the sign-in page. */
import { listTokens, SCOPES } from '../../admin.js';
import { listAdmins, ROLES, type Admin } from '../../auth/admins.js';
import { listAudit } from '../../auth/consoleAudit.js';
import type { HoStore } from '../../store/types.js';
import { html, page, postForm, raw, table, when, type PageCtx } from '../html.js';

type Flash = { kind: 'ok' | 'error'; text: string } | null;

export async function renderTokensPage(
  ctx: PageCtx,
  store: HoStore,
  origin: string,
  extra: { flash?: Flash; issued?: { name: string; token: string; expiresAt: string } | null } = {},
): Promise<string> {
  const { t } = ctx;
  const tokens = await listTokens(store);
  const state = (k: (typeof tokens)[number]) => (k.revoked_at ? t('tokens.state.revoked', { at: when(k.revoked_at) }) : k.expired ? t('tokens.state.expired') : t('tokens.state.active'));
  const rows = tokens.map((k) => [
    html`<strong>${k.name}</strong><br><code class="small">${k.id}</code>`,
    k.scopes,
    when(k.created_at),
    when(k.expires_at),
    String(k.feed_cursor),
    state(k),
    k.revoked_at
      ? ''
      : postForm(ctx, '/console/tokens/revoke', html`<input type="hidden" name="id" value="${k.id}"><button type="submit" class="danger">${t('tokens.revoke')}</button>`, {
          confirm: t('tokens.revokeConfirm', { name: k.name }),
        }),
  ]);
  const curl = `curl -H "Authorization: Bearer $TOKEN" "${origin}/v1/feed?limit=100"
curl -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
     -d '{"cursor":"<nextCursor>"}' ${origin}/v1/feed/ack`;
  const body = html`<p class="intro">${t('tokens.intro')}</p>
  ${extra.issued ? html`<div class="secret" role="status"><p>${t('tokens.issued', { name: extra.issued.name })}</p><p><code data-testid="new-token">${extra.issued.token}</code></p><p class="muted small">${t('common.expires')}: ${when(extra.issued.expiresAt)}</p></div>` : ''}
  ${tokens.length ? table([t('tokens.col.name'), t('tokens.col.scopes'), t('common.created'), t('common.expires'), t('tokens.col.cursor'), t('tokens.col.state'), ''], rows, { id: 'tokens-table' }) : html`<p class="empty">${t('tokens.none')}</p>`}
  <div class="cols">
    <section class="panel"><h2>${t('tokens.issue')}</h2>
      ${postForm(
        ctx,
        '/console/tokens/issue',
        html`<label>${t('tokens.name')}<input name="name" required maxlength="80"></label>
        <fieldset><legend>${t('tokens.scopes')}</legend>${SCOPES.map((s) => html`<label class="check"><input type="checkbox" name="scopes" value="${s}"${s === 'feed:read' ? raw(' checked') : ''}> <code>${s}</code> — ${t(`tokens.scope.${s}`)}</label>`)}</fieldset>
        <label>${t('tokens.ttl')}<input name="ttlDays" type="number" min="1" max="3650" value="90"></label>
        <button type="submit">${t('tokens.submit')}</button>`,
        { className: 'stack' },
      )}
    </section>
    <section class="panel"><h2>${t('tokens.feed')}</h2><p class="muted">${t('tokens.feedIntro')}</p>
      <p><code>GET ${origin}/v1/feed?after=&lt;cursor&gt;&amp;limit=100&amp;store=&lt;id&gt;&amp;status=&lt;status&gt;</code></p>
      <pre class="code" data-testid="curl">${curl}</pre>
      <p class="muted small">OpenAPI: <a href="/v1/openapi.json">${origin}/v1/openapi.json</a></p>
    </section>
  </div>`;
  return page(ctx, t('tokens.title'), body, { flash: extra.flash ?? null });
}

export async function renderUsersPage(ctx: PageCtx, store: HoStore, flash: Flash = null): Promise<string> {
  const { t } = ctx;
  const admins = await listAdmins(store);
  const now = new Date().toISOString();
  const state = (a: Admin) => (a.disabledAt ? t('users.state.disabled') : a.lockedUntil && a.lockedUntil > now ? t('users.state.locked', { until: when(a.lockedUntil) }) : t('users.state.active'));
  const update = (a: Admin) =>
    postForm(
      ctx,
      '/console/users/update',
      html`<input type="hidden" name="id" value="${a.id}">
    <select name="role" aria-label="${t('users.col.role')}">${ROLES.map((r) => html`<option value="${r}"${r === a.role ? raw(' selected') : ''}>${t(`role.${r}`)}</option>`)}</select>
    <button type="submit" name="op" value="role">${t('users.setRole')}</button>
    ${a.disabledAt ? html`<button type="submit" name="op" value="enable">${t('users.enable')}</button>` : html`<button type="submit" name="op" value="disable" class="danger">${t('users.disable')}</button>`}
    ${a.lockedUntil && a.lockedUntil > now ? html`<button type="submit" name="op" value="unlock">${t('users.unlock')}</button>` : ''}`,
      { className: 'row' },
    );
  const body = html`<p class="intro">${t('users.intro')}</p>
  ${table(
    [t('users.col.user'), t('users.col.role'), t('users.col.lastLogin'), t('users.col.state'), ''],
    admins.map((a) => [html`<strong>${a.displayName}</strong><br><code class="small">${a.username}</code>`, t(`role.${a.role}`), when(a.lastLoginAt), state(a), update(a)]),
    { id: 'users-table' },
  )}
  <section class="panel"><h2>${t('users.create')}</h2>
    ${postForm(
      ctx,
      '/console/users/create',
      html`<label>${t('users.username')}<input name="username" required maxlength="40" autocomplete="off"></label>
      <label>${t('users.displayName')}<input name="displayName" maxlength="80"></label>
      <label>${t('users.col.role')}<select name="role">${ROLES.map((r) => html`<option value="${r}">${t(`role.${r}`)}</option>`)}</select></label>
      <label>${t('users.password')}<input name="password" type="password" required minlength="12" autocomplete="new-password"></label>
      <button type="submit">${t('users.submit')}</button>`,
      { className: 'stack' },
    )}
  </section>`;
  return page(ctx, t('users.title'), body, { flash });
}

export function renderAccountPage(ctx: PageCtx, flash: Flash = null): string {
  const { t } = ctx;
  const body = html`<section class="panel narrow"><h2>${t('account.change')}</h2>
    ${postForm(
      ctx,
      '/console/account/password',
      html`<label>${t('account.current')}<input name="current" type="password" required autocomplete="current-password"></label>
      <label>${t('account.new')}<input name="password" type="password" required minlength="12" autocomplete="new-password"></label>
      <button type="submit">${t('account.submit')}</button>`,
      { className: 'stack' },
    )}</section>`;
  return page(ctx, t('account.title'), body, { flash });
}

export async function renderAuditPage(ctx: PageCtx, store: HoStore): Promise<string> {
  const { t } = ctx;
  const rows = (await listAudit(store, { limit: 300 })).map((e) => [
    when(e.at),
    e.username,
    e.action,
    e.target ?? '',
    html`<span class="badge ${e.outcome === 'ok' ? 'badge-ok' : 'badge-warn'}">${e.outcome}</span>`,
    e.detail,
    e.ip,
  ]);
  return page(
    ctx,
    t('audit.title'),
    html`<p class="intro">${t('audit.intro')}</p>${table([t('audit.col.at'), t('audit.col.user'), t('audit.col.action'), t('audit.col.target'), t('audit.col.outcome'), t('audit.col.detail'), t('audit.col.ip')], rows, { id: 'audit-table' })}`,
  );
}

export function renderLoginPage(ctx: PageCtx, loginCsrf: string, next: string, message: { kind: 'ok' | 'error'; text: string } | null): string {
  const { t } = ctx;
  const body = html`<section class="panel narrow login"><p>${t('login.intro')}</p>
    <form method="post" action="/console/login" class="stack">
      <input type="hidden" name="_csrf" value="${loginCsrf}"><input type="hidden" name="next" value="${next}">
      <label>${t('login.username')}<input name="username" required maxlength="80" autocomplete="username" autofocus></label>
      <label>${t('login.password')}<input name="password" type="password" required maxlength="200" autocomplete="current-password"></label>
      <button type="submit">${t('login.submit')}</button>
    </form></section>`;
  return page(ctx, t('login.title'), body, { flash: message });
}
