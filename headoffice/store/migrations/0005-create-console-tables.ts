import { sqlMigration } from './types.js';

/**
 * Issue 18: the HR web console's named accounts, sessions and action log.
 * - ho_admins: one row per person (no shared or default account; the first is made with the
 *   CLI `admin create`), role viewer | hr | admin, scrypt password hash (the kiosk PIN's
 *   format and cost), failed-login count and lock-out time.
 * - ho_sessions: cookie sessions, stored as sha256 of the cookie value, with the CSRF token
 *   the session's forms carry, an absolute and an idle expiry.
 * - ho_console_audit: every console action (sign-in, refusals, views of an applicant, every
 *   change), who did it from where, and whether it went through.
 */
export default sqlMigration(5, '0005-create-console-tables', (t) => [
  `CREATE TABLE ho_admins (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    disabled_at TEXT,
    failed_logins ${t.int} NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_login_at TEXT
  )${t.strict}`,
  `CREATE TABLE ho_sessions (
    token_hash TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES ho_admins(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    idle_expires_at TEXT NOT NULL,
    ip TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_sessions_admin ON ho_sessions(admin_id)`,
  `CREATE TABLE ho_console_audit (
    seq ${t.seq},
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    admin_id TEXT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    ip TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_console_audit_at ON ho_console_audit(at)`,
]);
