/** Kiosks page: the fleet, "needs attention" filter, enrollment codes and revocation (admin). */
import { roleAllows } from '../../auth/admins.js';
import { fleetStatus, type FleetKiosk } from '../../hr/fleet.js';
import type { HoStore } from '../../store/types.js';
import { ago, html, page, postForm, raw, table, when, type Html, type PageCtx } from '../html.js';

export type FleetFlash = { kind: 'ok' | 'error'; text: string } | null;
/** A secret shown once in the answer to the POST that made it (never in a URL). */
export type EnrollShown = { storeId: string; code: string; expiresAt: string } | null;

export async function renderFleetPage(ctx: PageCtx, store: HoStore, q: { attention?: string }, extra: { flash?: FleetFlash; enrolled?: EnrollShown } = {}): Promise<string> {
  const { t } = ctx;
  const all = await fleetStatus(store);
  const onlyAttention = q.attention === '1';
  const shown = onlyAttention ? all.filter((k) => k.attention.length > 0) : all;
  const isAdmin = ctx.user !== null && roleAllows(ctx.user.role, 'admin');
  const state = (k: FleetKiosk): Html =>
    k.revokedAt
      ? html`<span class="badge badge-muted">${t('fleet.revoked', { at: when(k.revokedAt) })}</span>${k.replacedBy ? html` <span class="muted">${t('fleet.replacedBy', { id: k.replacedBy })}</span>` : ''}`
      : k.attention.length
        ? html`${k.attention.map((a) => html`<span class="badge badge-warn" data-attention="${a}">${a === 'refused-records' ? t('fleet.attention.refused-records', { n: k.refusedRecords }) : t(`fleet.attention.${a}`)}</span> `)}`
        : html`<span class="badge badge-ok">${t('fleet.ok')}</span>`;
  const versions = (k: FleetKiosk): Html =>
    k.versions.length ? html`<ul class="plain">${k.versions.map((v) => html`<li>${v.kind} ${v.name} v${v.version} <span class="muted">${v.state}</span></li>`)}</ul>` : html`<span class="muted">—</span>`;
  const actions = (k: FleetKiosk): Html =>
    isAdmin && !k.revokedAt
      ? postForm(ctx, '/console/fleet/revoke', html`<input type="hidden" name="kioskId" value="${k.id}"><button type="submit" class="danger">${t('fleet.revoke')}</button>`, { confirm: t('fleet.revokeConfirm', { id: k.id }) })
      : raw('');
  const head = [t('fleet.col.kiosk'), t('fleet.col.store'), t('fleet.col.lastSeen'), t('fleet.col.lastBatch'), t('fleet.col.versions'), t('fleet.col.lastError'), t('fleet.col.state'), ...(isAdmin ? [t('fleet.col.actions')] : [])];
  const rows = shown.map((k) => [
    html`<strong>${k.label}</strong><br><code class="small">${k.id}</code>`,
    k.storeId,
    html`${ago(k.silentMs, t)}<br><span class="muted small">${when(k.lastSeenAt)}</span>`,
    when(k.lastBatchAt),
    versions(k),
    k.lastError ? html`<span class="error-text">${k.lastError}</span>` : '—',
    state(k),
    ...(isAdmin ? [actions(k)] : []),
  ]);
  const attentionCount = all.filter((k) => k.attention.length > 0).length;
  const enroll = isAdmin
    ? html`<section class="panel"><h2>${t('fleet.enroll.title')}</h2><p class="muted">${t('fleet.enroll.intro')}</p>
      ${extra.enrolled ? html`<p class="secret" role="status" data-testid="enroll-code">${t('fleet.enroll.code', { store: extra.enrolled.storeId, code: extra.enrolled.code, until: when(extra.enrolled.expiresAt) })}</p>` : ''}
      ${postForm(ctx, '/console/fleet/enroll-code', html`<label>${t('fleet.enroll.store')}<input name="storeId" required pattern="[A-Za-z0-9_\\-]{1,64}" maxlength="64"></label>
        <label>${t('fleet.enroll.ttl')}<input name="ttlHours" type="number" min="1" max="720" value="72"></label>
        <label>${t('fleet.enroll.replaces')}<select name="replaces"><option value="">—</option>${all.filter((k) => !k.revokedAt).map((k) => html`<option value="${k.id}">${k.storeId} · ${k.label} (${k.id})</option>`)}</select></label>
        <button type="submit">${t('fleet.enroll.submit')}</button>`, { className: 'stack' })}</section>`
    : '';
  const body = html`<p class="intro">${t('fleet.intro')}</p>
    <p class="filters"><span>${t('fleet.count', { n: all.length, a: attentionCount, r: all.filter((k) => k.revokedAt).length })}</span>
      ${onlyAttention ? html`<a href="/console/fleet">${t('fleet.showAll')}</a>` : html`<a href="/console/fleet?attention=1" class="button">${t('fleet.onlyAttention')}</a>`}</p>
    ${shown.length ? table(head, rows, { id: 'fleet-table' }) : html`<p class="empty">${t('fleet.empty')}</p>`}
    ${enroll}`;
  return page(ctx, t('fleet.title'), body, { flash: extra.flash ?? null });
}
