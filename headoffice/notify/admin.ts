/** Admin view of notifications: list per store with status, resend one, counts for `stats`. */
import type { HoStore, Queryable } from '../store/types.js';

export type NotificationListItem = {
  id: string;
  storeId: string;
  interviewId: string;
  kind: string;
  lang: string;
  channel: string;
  /** queued | sending | sent | failed (will retry) | dead (gave up) | cancelled | erased */
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  cancelReason: string | null;
  /** The number with all but the last 4 digits hidden; null once erased. */
  to: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
};

const mask = (m: string | null) => (m === null ? null : `${'*'.repeat(Math.max(0, m.length - 4))}${m.slice(-4)}`);

export async function listNotifications(q: Queryable, filter: { store?: string | undefined; status?: string | undefined; limit?: number } = {}): Promise<NotificationListItem[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.store) (where.push('store_id = ?'), params.push(filter.store));
  if (filter.status) (where.push('status = ?'), params.push(filter.status));
  const rows = await q.all<{
    id: string;
    store_id: string;
    interview_id: string;
    kind: string;
    lang: string;
    channel: string;
    status: string;
    attempts: number;
    last_status: number | null;
    last_error: string | null;
    cancel_reason: string | null;
    recipient: string | null;
    created_at: string;
    sent_at: string | null;
    next_attempt_ms: number;
  }>(
    `SELECT id, store_id, interview_id, kind, lang, channel, status, attempts, last_status, last_error, cancel_reason, recipient, created_at, sent_at, next_attempt_ms
     FROM ho_notifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    [...params, filter.limit ?? 500],
  );
  return rows.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    interviewId: r.interview_id,
    kind: r.kind,
    lang: r.lang,
    channel: r.channel,
    status: r.status,
    attempts: Number(r.attempts),
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: r.last_error,
    cancelReason: r.cancel_reason,
    to: mask(r.recipient),
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.status === 'queued' || r.status === 'failed' ? new Date(Number(r.next_attempt_ms)).toISOString() : null,
  }));
}

export type ResendResult = { ok: true; id: string; status: 'queued' } | { ok: false; message: string };

/**
 * Puts a dead or failed notification back in the queue now, with a fresh attempt count. The
 * idempotency key stays the same, so a gateway that did get an earlier attempt drops the copy.
 */
export async function resendNotification(store: HoStore, id: string): Promise<ResendResult> {
  const n = await store.get<{ status: string; recipient: string | null }>('SELECT status, recipient FROM ho_notifications WHERE id = ?', [id]);
  if (!n) return { ok: false, message: `no notification ${id} (see: notifications --store <id>)` };
  if (n.status === 'sent') return { ok: false, message: `notification ${id} was already delivered; the gateway would drop a second copy with the same idempotency key` };
  if (n.status === 'erased' || n.recipient === null) return { ok: false, message: `notification ${id} was erased on the applicant's request; it cannot be sent` };
  if (n.status === 'cancelled') return { ok: false, message: `notification ${id} was cancelled (decision undone or replaced, or consent withdrawn); it is not sent` };
  if (n.status !== 'dead' && n.status !== 'failed') return { ok: false, message: `notification ${id} is ${n.status}; only dead or failed ones can be resent` };
  const now = Date.now();
  await store.run(
    `UPDATE ho_notifications SET status = 'queued', attempts = 0, next_attempt_ms = ?, not_before_ms = CASE WHEN not_before_ms < ? THEN not_before_ms ELSE ? END, updated_at = ?
     WHERE id = ? AND status IN ('dead', 'failed')`,
    [now, now, now, new Date(now).toISOString(), id],
  );
  return { ok: true, id, status: 'queued' };
}

export type NotificationCounts = { queued: number; sending: number; sent: number; failed: number; dead: number; cancelled: number; erased: number };

export async function notificationCounts(q: Queryable, storeId?: string): Promise<NotificationCounts> {
  const rows = await q.all<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM ho_notifications ${storeId ? 'WHERE store_id = ?' : ''} GROUP BY status`, storeId ? [storeId] : []);
  const c: NotificationCounts = { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0, cancelled: 0, erased: 0 };
  for (const r of rows) if (r.status in c) c[r.status as keyof NotificationCounts] = Number(r.n);
  return c;
}
