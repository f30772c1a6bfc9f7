/**
 * Notifications page (HR and admin, issue 16 item 5): applicant messages per store with their
 * delivery status, counts per status, and "send again" for a dead or failed one — the same
 * service function as the CLI `notifications resend` (same idempotency key, so a gateway that
 * did get an earlier attempt drops the copy). Numbers are masked; no message text is shown.
 */
import { listNotifications, notificationCounts, type NotificationCounts } from '../../notify/admin.js';
import { listStores, storeLabel } from '../../hr/stores.js';
import type { HoStore } from '../../store/types.js';
import { isMessageKey } from '../i18n/index.js';
import { html, page, postForm, select, table, when, type PageCtx } from '../html.js';

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'erased'] as const;
export type NotificationQuery = { store?: string; status?: string };

const BADGE: Record<string, string> = { sent: 'badge-ok', queued: 'badge-info', sending: 'badge-info', failed: 'badge-warn', dead: 'badge-warn', cancelled: 'badge-muted', erased: 'badge-muted' };

export async function renderNotificationsPage(ctx: PageCtx, store: HoStore, query: NotificationQuery, flash: { kind: 'ok' | 'error'; text: string } | null = null): Promise<string> {
  const { t, lang } = ctx;
  const storeFilter = query.store && /^[A-Za-z0-9._-]{1,64}$/.test(query.store) ? query.store : undefined;
  const statusFilter = (NOTIFICATION_STATUSES as readonly string[]).includes(query.status ?? '') ? query.status : undefined;
  const meta = new Map((await listStores(store)).map((m) => [m.storeId, m]));
  const seen = await store.all<{ store_id: string }>('SELECT DISTINCT store_id FROM ho_notifications ORDER BY store_id');
  const storeIds = [...new Set([...meta.keys(), ...seen.map((s) => s.store_id)])].sort();
  const counts: NotificationCounts = await notificationCounts(store, storeFilter);
  const list = await listNotifications(store, { store: storeFilter, status: statusFilter, limit: 200 });
  const statusLabel = (s: string) => {
    const k = `notifications.status.${s}`;
    return isMessageKey(k) ? t(k) : s;
  };
  const kindLabel = (k: string) => {
    const key = `notifications.kind.${k}`;
    return isMessageKey(key) ? t(key) : k;
  };
  const filters = html`<form method="get" action="/console/notifications" class="filters">
    ${select('store', t('common.store'), [{ value: '', label: t('common.all') }, ...storeIds.map((s) => ({ value: s, label: storeLabel(meta.get(s), s, lang) }))], storeFilter)}
    ${select('status', t('common.status'), [{ value: '', label: t('common.all') }, ...NOTIFICATION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))], statusFilter)}
    <button type="submit">${t('common.apply')}</button> <a href="/console/notifications">${t('common.reset')}</a>
  </form>`;
  const countLine = html`<ul class="counts" id="notification-counts">${NOTIFICATION_STATUSES.map(
    (s) =>
      html`<li><a href="/console/notifications?status=${s}${storeFilter ? `&store=${encodeURIComponent(storeFilter)}` : ''}"><span class="badge ${BADGE[s] ?? 'badge-muted'}">${statusLabel(s)}</span> <strong data-count="${s}">${String(counts[s])}</strong></a></li>`,
  )}</ul>`;
  const rows = list.map((n) => [
    when(n.createdAt),
    storeLabel(meta.get(n.storeId), n.storeId, lang),
    html`${kindLabel(n.kind)}<br><span class="muted small">${n.lang} · ${n.channel === 'wechat' ? t('notifications.wechat') : t('notifications.sms')} · ${n.to ?? t('notifications.erasedTo')}</span>`,
    html`<span class="badge ${BADGE[n.status] ?? 'badge-muted'}" data-status="${n.status}">${statusLabel(n.status)}</span>${n.cancelReason ? html`<br><span class="muted small">${n.cancelReason}</span>` : ''}`,
    String(n.attempts),
    n.lastError || n.lastStatus !== null
      ? html`${n.lastStatus !== null ? `HTTP ${n.lastStatus}` : ''}${n.lastError ? html`<br><span class="muted small">${n.lastError.slice(0, 160)}</span>` : ''}`
      : '—',
    n.status === 'sent' ? when(n.sentAt) : n.nextAttemptAt ? html`${t('notifications.next')} ${when(n.nextAttemptAt)}` : '—',
    html`<a href="/console/applicant?id=${encodeURIComponent(n.interviewId)}">${t('applicants.open')}</a>${
      n.status === 'dead' || n.status === 'failed'
        ? postForm(ctx, '/console/notifications/resend', html`<input type="hidden" name="id" value="${n.id}"><button type="submit">${t('notifications.resend')}</button>`, {
            confirm: t('notifications.resendConfirm'),
          })
        : ''
    }`,
  ]);
  const head = [
    t('notifications.col.created'),
    t('common.store'),
    t('notifications.col.message'),
    t('common.status'),
    t('notifications.col.attempts'),
    t('notifications.col.last'),
    t('notifications.col.when'),
    '',
  ];
  const body = html`<p class="intro">${t('notifications.intro')}</p>${filters}${countLine}
    ${rows.length ? table(head, rows, { id: 'notifications-table', numeric: [4] }) : html`<p class="empty">${t('notifications.empty')}</p>`}`;
  return page(ctx, t('notifications.title'), body, { flash });
}
