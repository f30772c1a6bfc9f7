/**
 * Delivery through the configured webhook (docs/notify.md): JSON POST, body signed with
 * HMAC-SHA256, `Idempotency-Key` = the notification id (one per event, the same on every
 * retry), timeout, retries with exponential back-off and jitter, `dead` after maxAttempts or on
 * a 4xx the gateway means (a retry of the same body cannot help). Each attempt is logged.
 * A row is claimed with a lease before the POST, so two workers never send it at once and a
 * worker that died mid-send gives it back when the lease runs out.
 */
import crypto from 'node:crypto';
import { backoffMs } from '../../core/sync/protocol.js';
import { createLogger } from '../../core/logger.js';
import type { HoStore } from '../store/types.js';
import { readInterview, type InterviewView } from './queue.js';
import { formatOffer, formatSlot, openingTitle, renderTemplate, resultLink, storeSettings, templateFor, type NotifyKind, type NotifyLang } from './templates.js';

const log = createLogger('notify');

export type WebhookConfig = {
  url: string;
  secret: string;
  timeoutMs: number;
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
};
export const DEFAULT_WEBHOOK: Omit<WebhookConfig, 'url' | 'secret'> = { timeoutMs: 10_000, maxAttempts: 8, baseMs: 30_000, maxMs: 60 * 60_000 };

/** From the environment (NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET); null when not configured. */
export function webhookFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookConfig | null {
  if (!env.NOTIFY_WEBHOOK_URL) return null;
  if (!env.NOTIFY_WEBHOOK_SECRET || env.NOTIFY_WEBHOOK_SECRET.length < 16) throw new Error('NOTIFY_WEBHOOK_SECRET must be set (at least 16 characters) when NOTIFY_WEBHOOK_URL is');
  return { ...DEFAULT_WEBHOOK, url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET };
}

export const signatureHeader = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export type WebhookBody = {
  v: 1;
  id: string;
  idempotencyKey: string;
  event: NotifyKind;
  channel: string;
  to: string;
  lang: NotifyLang;
  text: string;
  storeId: string;
  link: string | null;
  createdAt: string;
};

type NRow = {
  id: string;
  event_key: string;
  store_id: string;
  interview_id: string;
  kind: NotifyKind;
  lang: NotifyLang;
  channel: string;
  recipient: string | null;
  body_text: string | null;
  attempts: number;
  created_at: string;
};

/** {link} without a phone page: where on the kiosk to look (the button's name on the start screen) and the code. */
export const LINK_FALLBACK: Record<NotifyLang, (code: string) => string> = {
  'zh-CN': (code) => `在门店自助机上点“查询结果”，输入查询码 ${code}`,
  en: (code) => `"Check my result" on the store kiosk, with your result code ${code}`,
};

/** The message text, rendered once (at the first attempt) from the store's template. */
async function renderText(store: HoStore, n: NRow): Promise<{ text: string; link: string | null } | null> {
  const v = await readInterview(store, n.interview_id);
  const iv = v?.completed?.interview;
  if (!v || !iv) return null;
  const s = await storeSettings(store, n.store_id);
  const storeName = (n.lang === 'en' ? s.nameEn : s.nameZh) ?? s.nameZh ?? s.nameEn ?? n.store_id;
  const link = resultLink(s.resultUrl, iv.receiptCode, n.lang);
  const text = renderTemplate(await templateFor(store, n.store_id, n.kind, n.lang), {
    store: storeName,
    opening: await openingTitle(store, iv.packId, n.lang),
    link: link ?? LINK_FALLBACK[n.lang](iv.receiptCode ?? ''),
    code: iv.receiptCode ?? '',
    slot: slotText(v, n.kind, n.lang),
  });
  return { text, link };
}

/**
 * {slot}: the slot booked with the decision in force (by the manager, or picked by the applicant
 * on the phone page); while the applicant still has offered slots to choose from, where to choose;
 * else that the store will call.
 */
function slotText(v: InterviewView, kind: NotifyKind, lang: NotifyLang): string {
  const booked = v.secondRound ?? v.pick?.slot ?? null;
  if (booked || kind === 'secondround-picked') return formatSlot(booked, lang);
  return v.offer ? formatOffer(v.offer.slots.length, lang) : formatSlot(null, lang);
}

export type DeliveryReport = { sent: number; failed: number; dead: number; skipped: number };

/** One pass over due notifications. Safe to run from several workers (leases). */
export async function deliverDue(store: HoStore, cfg: WebhookConfig, now: () => number = () => Date.now()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0, skipped: 0 };
  const t = now();
  // Rows whose worker died mid-send come back once their lease ran out.
  await store.run(`UPDATE ho_notifications SET status = 'failed', last_error = 'delivery interrupted', updated_at = ? WHERE status = 'sending' AND lease_until_ms < ?`, [new Date(t).toISOString(), t]);
  const due = await store.all<{ id: string }>(
    `SELECT id FROM ho_notifications WHERE status IN ('queued', 'failed') AND not_before_ms <= ? AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT 50`,
    [t, t],
  );
  for (const { id } of due) {
    const lease = now() + cfg.timeoutMs + 30_000;
    const claimed = await store.run(`UPDATE ho_notifications SET status = 'sending', lease_until_ms = ? WHERE id = ? AND status IN ('queued', 'failed')`, [lease, id]);
    if (claimed.changes !== 1) continue;
    const n = (await store.get<NRow>('SELECT id, event_key, store_id, interview_id, kind, lang, channel, recipient, body_text, attempts, created_at FROM ho_notifications WHERE id = ?', [id]))!;
    let text = n.body_text;
    let link: string | null = null;
    if (text === null) {
      const r = n.recipient ? await renderText(store, n) : null;
      if (!r) {
        await store.run(`UPDATE ho_notifications SET status = 'cancelled', cancel_reason = 'interview no longer readable (erased?)', updated_at = ? WHERE id = ?`, [new Date(now()).toISOString(), id]);
        report.skipped++;
        continue;
      }
      text = r.text;
      link = r.link;
      await store.run('UPDATE ho_notifications SET body_text = ? WHERE id = ?', [text, id]);
    } else {
      const m = /(https?:\/\/\S+)/.exec(text);
      link = m ? m[1]! : null;
    }
    const body: WebhookBody = { v: 1, id: n.id, idempotencyKey: n.id, event: n.kind, channel: n.channel, to: n.recipient!, lang: n.lang, text, storeId: n.store_id, link, createdAt: n.created_at };
    const outcome = await post(cfg, n, JSON.stringify(body), now);
    const attempt = n.attempts + 1;
    const at = new Date(now()).toISOString();
    await store.run('INSERT INTO ho_notify_attempts (notification_id, attempt, at, http_status, error, duration_ms, response_excerpt) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id,
      attempt,
      at,
      outcome.status,
      outcome.error,
      outcome.ms,
      outcome.excerpt,
    ]);
    if (outcome.ok) {
      // Only if still ours: an erasure during the POST wins (the row then has no recipient to keep).
      await store.run(
        `UPDATE ho_notifications SET status = 'sent', attempts = ?, last_status = ?, last_error = NULL, sent_at = ?, updated_at = ?, lease_until_ms = NULL WHERE id = ? AND status = 'sending'`,
        [attempt, outcome.status, at, at, id],
      );
      report.sent++;
      continue;
    }
    const isDead = !outcome.retryable || attempt >= cfg.maxAttempts;
    const next = now() + backoffMs(attempt - 1, cfg);
    await store.run(
      `UPDATE ho_notifications SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_ms = ?, updated_at = ?, lease_until_ms = NULL WHERE id = ? AND status = 'sending'`,
      [isDead ? 'dead' : 'failed', attempt, outcome.status, outcome.error, next, at, id],
    );
    if (isDead) {
      report.dead++;
      log.warn(`notification ${id} is dead after ${attempt} attempt(s): ${outcome.error}`);
    } else report.failed++;
  }
  return report;
}

type PostOutcome = { ok: boolean; retryable: boolean; status: number | null; error: string | null; ms: number; excerpt: string | null };

async function post(cfg: WebhookConfig, n: NRow, body: string, now: () => number): Promise<PostOutcome> {
  const started = Date.now();
  const ts = Math.floor(now() / 1000);
  try {
    const r = await fetch(cfg.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': n.id,
        'x-notify-id': n.id,
        'x-notify-event': n.kind,
        'x-notify-signature': signatureHeader(cfg.secret, ts, body),
      },
      body,
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    const text = (await r.text().catch(() => '')).slice(0, 200);
    const ms = Date.now() - started;
    if (r.ok) return { ok: true, retryable: false, status: r.status, error: null, ms, excerpt: text || null };
    const retryable = r.status >= 500 || r.status === 408 || r.status === 429;
    return { ok: false, retryable, status: r.status, error: `gateway answered HTTP ${r.status}`, ms, excerpt: text || null };
  } catch (e) {
    const err = e as Error;
    const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${cfg.timeoutMs} ms` : `gateway unreachable (${err.message})`;
    return { ok: false, retryable: true, status: null, error: why, ms: Date.now() - started, excerpt: null };
  }
}

/** A background loop for `serve`: one pass every intervalMs, never overlapping. */
export function startNotifier(store: HoStore, cfg: WebhookConfig, intervalMs = 15_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDue(store, cfg)
      .then((r) => (r.sent + r.failed + r.dead > 0 ? log.info(`notifications: ${r.sent} sent, ${r.failed} to retry, ${r.dead} dead`) : undefined))
      .catch((e: Error) => log.error('notification delivery pass failed', e))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
