/**
 * Console sessions. The cookie holds 32 random bytes; head office stores only their sha256, so
 * a copy of the database opens no session. Each session carries its own CSRF token (every
 * console form posts it back). A session ends after SESSION_IDLE_MS without a request or
 * SESSION_MAX_MS after sign-in, whichever comes first.
 */
import crypto from 'node:crypto';
import { sha256Hex } from '../../core/ids.js';
import type { Queryable } from '../store/types.js';
import { getAdmin, type Admin } from './admins.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;

export type Session = { tokenHash: string; csrfToken: string; admin: Admin; expiresAt: string; idleExpiresAt: string };

export const randomToken = () => crypto.randomBytes(32).toString('base64url');

export async function createSession(q: Queryable, adminId: string, ip: string, now = new Date()): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await q.run('DELETE FROM ho_sessions WHERE expires_at <= ? OR idle_expires_at <= ?', [now.toISOString(), now.toISOString()]);
  await q.run('INSERT INTO ho_sessions (token_hash, admin_id, csrf_token, created_at, expires_at, idle_expires_at, ip) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    sha256Hex(token),
    adminId,
    csrfToken,
    now.toISOString(),
    new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
    new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    ip.slice(0, 64),
  ]);
  return { token, csrfToken };
}

/** The live session for a cookie value (its idle expiry moved on), or null. */
export async function readSession(q: Queryable, token: string | undefined, now = new Date()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  const r = await q.get<{ admin_id: string; csrf_token: string; expires_at: string; idle_expires_at: string }>(
    'SELECT admin_id, csrf_token, expires_at, idle_expires_at FROM ho_sessions WHERE token_hash = ?',
    [tokenHash],
  );
  const at = now.toISOString();
  if (!r || r.expires_at <= at || r.idle_expires_at <= at) {
    if (r) await q.run('DELETE FROM ho_sessions WHERE token_hash = ?', [tokenHash]);
    return null;
  }
  const admin = await getAdmin(q, r.admin_id);
  if (!admin || admin.disabledAt) return null;
  const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, Date.parse(r.expires_at))).toISOString();
  await q.run('UPDATE ho_sessions SET idle_expires_at = ? WHERE token_hash = ?', [idleExpiresAt, tokenHash]);
  return { tokenHash, csrfToken: r.csrf_token, admin, expiresAt: r.expires_at, idleExpiresAt };
}

export async function endSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.run('DELETE FROM ho_sessions WHERE token_hash = ?', [tokenHash]);
}

/** Constant-time comparison of a posted CSRF token with the session's. */
export function isCsrfValid(expected: string, got: unknown): boolean {
  if (typeof got !== 'string' || got.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}
