import { sqlMigration } from './types.js';

/**
 * Applicant notifications (docs/notify.md) and the phone result page.
 * - ho_notifications: one row per event (`event_key` unique: one message per decision), its
 *   rendered text and recipient (set to NULL by erasure), delivery state and schedule.
 * - ho_notify_attempts: one row per webhook POST (status, error, duration); `response_excerpt`
 *   may echo personal data from the gateway and is erased with the notification.
 * - ho_notify_templates: per store (or '*' for every store) and kind and language.
 * - ho_notify_stores: the store's display names and the phone result page URL.
 * - ho_receipts: receipt code → interview, with a hash of code + last 4 digits for the phone page.
 * - ho_notify_optouts: consent withdrawn on the phone page.
 * - ho_lookup_limits: phone page rate-limit counters (per code hash and per source, fixed window).
 */
export default sqlMigration(6, '0006-create-notify-tables', (t) => [
  `CREATE TABLE ho_notifications (
    id TEXT PRIMARY KEY,
    event_key TEXT NOT NULL UNIQUE,
    store_id TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT,
    body_text TEXT,
    status TEXT NOT NULL,
    not_before_ms ${t.int} NOT NULL,
    next_attempt_ms ${t.int} NOT NULL,
    lease_until_ms ${t.int},
    attempts ${t.int} NOT NULL DEFAULT 0,
    last_status ${t.int},
    last_error TEXT,
    cancel_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT,
    erased_at TEXT
  )${t.strict}`,
  `CREATE INDEX ho_notifications_due ON ho_notifications (status, next_attempt_ms)`,
  `CREATE INDEX ho_notifications_interview ON ho_notifications (interview_id)`,
  `CREATE INDEX ho_notifications_store ON ho_notifications (store_id, created_at)`,
  `CREATE TABLE ho_notify_attempts (
    seq ${t.seq},
    notification_id TEXT NOT NULL,
    attempt ${t.int} NOT NULL,
    at TEXT NOT NULL,
    http_status ${t.int},
    error TEXT,
    duration_ms ${t.int} NOT NULL,
    response_excerpt TEXT
  )${t.strict}`,
  `CREATE INDEX ho_notify_attempts_n ON ho_notify_attempts (notification_id)`,
  `CREATE TABLE ho_notify_templates (
    store_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (store_id, kind, lang)
  )${t.strict}`,
  `CREATE TABLE ho_notify_stores (
    store_id TEXT PRIMARY KEY,
    name_zh TEXT,
    name_en TEXT,
    result_url TEXT,
    updated_at TEXT NOT NULL
  )${t.strict}`,
  `CREATE TABLE ho_receipts (
    code_hash TEXT PRIMARY KEY,
    check_hash TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    store_id TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_receipts_interview ON ho_receipts (interview_id)`,
  `CREATE TABLE ho_notify_optouts (
    interview_id TEXT PRIMARY KEY,
    at TEXT NOT NULL
  )${t.strict}`,
  `CREATE TABLE ho_lookup_limits (
    key TEXT PRIMARY KEY,
    window_start_ms ${t.int} NOT NULL,
    count ${t.int} NOT NULL
  )${t.strict}`,
]);
