/** Kiosks page: the fleet, "needs attention" filter, enrollment codes and revocation (admin). */
import { roleAllows } from '../../auth/admins.js';
import { fleetStatus, LAG_ATTENTION_MS, type FleetKiosk } from '../../hr/fleet.js';
import { listRegions, listStores, storeLabel } from '../../hr/stores.js';
import type { HoStore } from '../../store/types.js';
import { ago, html, page, postForm, raw, select, table, when, type Html, type PageCtx } from '../html.js';
import type { T } from '../i18n/index.js';

export type FleetFlash = { kind: 'ok' | 'error'; text: string } | null;
/** A secret shown once in the answer to the POST that made it (never in a URL). */
export type EnrollShown = { storeId: string; code: string; expiresAt: string } | null;

/** "3 h 20 min" / "2 d 4 h": the sync lag as a person reads it. */
export function duration(ms: number, t: T): string {
  const m = Math.floor(ms / 60_000);
  if (m < 1) return t('fleet.lag.none');
  if (m < 60) return t('fleet.lag.min', { m });
  if (m < 48 * 60) return m % 60 ? t('fleet.lag.h', { h: Math.floor(m / 60), m: m % 60 }) : t('fleet.lag.hOnly', { h: m / 60 });
  return t('fleet.lag.d', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

export type FleetQuery = { attention?: string; region?: string };

export async function renderFleetPage(ctx: PageCtx, store: HoStore, q: FleetQuery, extra: { flash?: FleetFlash; enrolled?: EnrollShown } = {}): Promise<string> {
  const { t, lang } = ctx;
  const regions = await listRegions(store);
  const region = q.region && regions.includes(q.region) ? q.region : undefined;
  const all = await fleetStatus(store, { region });
  const meta = new Map((await listStores(store)).map((m) => [m.storeId, m]));
  const onlyAttention = q.attention === '1';
  const shown = onlyAttention ? all.filter((k) => k.attention.length > 0) : all;
  const isAdmin = ctx.user !== null && roleAllows(ctx.user.role, 'admin');
  const state = (k: FleetKiosk): Html =>
    k.revokedAt
      ? html`<span class="badge badge-muted">${t('fleet.revoked', { at: when(k.revokedAt) })}</span>${k.replacedBy ? html` <span class="muted">${t('fleet.replacedBy', { id: k.replacedBy })}</span>` : ''}`
      : k.attention.length
        ? html`${k.attention.map((a) => html`<span class="badge badge-warn" data-attention="${a}">${a === 'refused-records' ? t('fleet.attention.refused-records', { n: k.refusedRecords }) : a === 'sync-lag' ? t('fleet.attention.sync-lag', { lag: duration(k.syncLagMs ?? 0, t) }) : t(`fleet.attention.${a}`)}</span> `)}`
        : html`<span class="badge badge-ok">${t('fleet.ok')}</span>`;
  const notReported = html`<span class="muted">${t('fleet.notReported')}</span>`;
  const sync = (k: FleetKiosk): Html =>
    html`<div data-testid="sync-lag">${k.syncLagMs !== null ? html`<strong>${duration(k.syncLagMs, t)}</strong>` : k.pendingRecords !== null ? t('fleet.lag.none') : notReported}</div>
      ${k.pendingRecords ? html`<div class="muted small">${t('fleet.pending', { n: k.pendingRecords })}</div>` : ''}
      <div class="muted small">${t('fleet.lastBatch', { at: when(k.lastBatchAt) })}</div>`;
  const inUse = (k: FleetKiosk): Html => {
    const packs = k.packs.map((p) => html`<li>${t('fleet.pack', { id: p.id, v: p.version })}</li>`);
    const models = k.scoringModels.map((m) => html`<li>${t('fleet.model', { v: m.modelVersion })}</li>`);
    const downlink = k.versions.map((v) => html`<li>${t('fleet.downlink', { kind: v.kind, name: v.name, v: v.version })} <span class="muted">${v.state}</span></li>`);
    const items = [...packs, ...models, ...downlink];
    return items.length ? html`<ul class="plain small" data-testid="in-use">${items}</ul>` : k.hasDetails ? raw('—') : notReported;
  };
  const installed = (k: FleetKiosk): Html =>
    !k.hasDetails
      ? notReported
      : k.installedModels.length
        ? html`<ul class="plain small" data-testid="installed">${k.installedModels.map((m) => html`<li>${t(m.kind === 'speech' ? 'fleet.speech' : 'fleet.face', { name: m.name, lang: m.lang ?? '' })}${m.isValid ? '' : html` <span class="error-text">${t('fleet.modelBroken')}</span>`}</li>`)}</ul>`
        : html`<span class="error-text">${t('fleet.noModels')}</span>`;
  const errors = (k: FleetKiosk): Html =>
    k.errors.length
      ? html`<ul class="plain small errors" data-testid="errors">${k.errors.slice(0, 3).map((e, i) => html`<li><span class="muted">${when(e.at)}</span> <span class="${i === 0 && k.lastError === e.message ? 'error-text' : ''}">${e.message}</span></li>`)}</ul>`
      : k.lastError
        ? html`<span class="error-text">${k.lastError}</span>`
        : raw('—');
  const actions = (k: FleetKiosk): Html =>
    isAdmin && !k.revokedAt
      ? postForm(ctx, '/console/fleet/revoke', html`<input type="hidden" name="kioskId" value="${k.id}"><button type="submit" class="danger">${t('fleet.revoke')}</button>`, {
          confirm: t('fleet.revokeConfirm', { id: k.id }),
        })
      : raw('');
  const head = [
    t('fleet.col.kiosk'),
    t('fleet.col.store'),
    t('fleet.col.lastSeen'),
    t('fleet.col.sync'),
    t('fleet.col.versions'),
    t('fleet.col.installed'),
    t('fleet.col.lastError'),
    t('fleet.col.state'),
    ...(isAdmin ? [t('fleet.col.actions')] : []),
  ];
  const rows = shown.map((k) => [
    html`<strong>${k.label}</strong><br><code class="small">${k.id}</code>${k.appVersion ? html`<br><span class="muted small">${t('fleet.app', { v: k.appVersion })}</span>` : ''}`,
    html`${storeLabel(meta.get(k.storeId), k.storeId, lang)}${k.region ? html`<br><span class="muted small" data-testid="region">${k.region}</span>` : ''}`,
    html`${ago(k.silentMs, t)}<br><span class="muted small">${when(k.lastSeenAt)}</span>`,
    sync(k),
    inUse(k),
    installed(k),
    errors(k),
    state(k),
    ...(isAdmin ? [actions(k)] : []),
  ]);
  const attentionCount = all.filter((k) => k.attention.length > 0).length;
  const enroll = isAdmin
    ? html`<section class="panel"><h2>${t('fleet.enroll.title')}</h2><p class="muted">${t('fleet.enroll.intro')}</p>
      ${extra.enrolled ? html`<p class="secret" role="status" data-testid="enroll-code">${t('fleet.enroll.code', { store: extra.enrolled.storeId, code: extra.enrolled.code, until: when(extra.enrolled.expiresAt) })}</p>` : ''}
      ${postForm(
        ctx,
        '/console/fleet/enroll-code',
        html`<label>${t('fleet.enroll.store')}<input name="storeId" required pattern="[A-Za-z0-9_\\-]{1,64}" maxlength="64"></label>
        <label>${t('fleet.enroll.ttl')}<input name="ttlHours" type="number" min="1" max="720" value="72"></label>
        <label>${t('fleet.enroll.replaces')}<select name="replaces"><option value="">—</option>${all.filter((k) => !k.revokedAt).map((k) => html`<option value="${k.id}">${k.storeId} · ${k.label} (${k.id})</option>`)}</select></label>
        <button type="submit">${t('fleet.enroll.submit')}</button>`,
        { className: 'stack' },
      )}</section>`
    : '';
  const body = html`<p class="intro">${t('fleet.intro')}</p>
    <form method="get" action="/console/fleet" class="filters">
      ${select('region', t('common.region'), [{ value: '', label: t('common.all') }, ...regions.map((r) => ({ value: r, label: r }))], region)}
      <label class="check"><input type="checkbox" name="attention" value="1"${onlyAttention ? raw(' checked') : ''}> ${t('fleet.onlyAttention')}</label>
      <button type="submit">${t('common.apply')}</button> <a href="/console/fleet">${t('common.reset')}</a>
    </form>
    <p class="filters"><span>${t('fleet.count', { n: all.length, a: attentionCount, r: all.filter((k) => k.revokedAt).length })}</span>
      ${onlyAttention ? html`<a href="/console/fleet${region ? `?region=${encodeURIComponent(region)}` : ''}">${t('fleet.showAll')}</a>` : attentionCount ? html`<a href="/console/fleet?attention=1${region ? `&region=${encodeURIComponent(region)}` : ''}">${t('fleet.showAttention', { a: attentionCount })}</a>` : ''}</p>
    <p class="muted small">${t('fleet.attentionRule', { lag: duration(LAG_ATTENTION_MS, t) })}</p>
    ${shown.length ? table(head, rows, { id: 'fleet-table' }) : html`<p class="empty">${t('fleet.empty')}</p>`}
    ${enroll}`;
  return page(ctx, t('fleet.title'), body, { flash: extra.flash ?? null });
}
