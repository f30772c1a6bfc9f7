/**
 * Named console accounts. No default credentials: the first admin is created on the
 * head-office host with the CLI (`admin create`), later ones by an admin in the console.
 * Passwords are hashed like the kiosk PINs (scrypt, per-account salt, cost in the hash).
 * Five wrong passwords in a row lock the account for 15 minutes; the server also limits
 * failed sign-ins per source address (authLimits.ts, kind 'console-login').
 */
import { hashPin, verifyPin } from '../../core/auth/pinHash.js';
import { ulid } from '../../core/ids.js';
import type { Queryable } from '../store/types.js';

export const ROLES = ['viewer', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
/** viewer ⊂ hr ⊂ admin. */
export const roleAllows = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const MIN_PASSWORD_LENGTH = 12;

export type Admin = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabledAt: string | null;
  lockedUntil: string | null;
  failedLogins: number;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: string;
};
type Row = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  created_by: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
};
const fromRow = (r: Row): Admin => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: isRole(r.role) ? r.role : 'viewer',
  disabledAt: r.disabled_at,
  lockedUntil: r.locked_until,
  failedLogins: Number(r.failed_logins),
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export class AdminInputError extends Error {}

export function checkPassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AdminInputError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 200) throw new AdminInputError('the password is too long (200 characters at most)');
  if (password.toLowerCase().includes(username.toLowerCase())) throw new AdminInputError('the password must not contain the user name');
  if (new Set(password).size < 5) throw new AdminInputError('the password is too easy to guess (use more different characters)');
}

const normUser = (u: string) => u.trim().toLowerCase();

export async function createAdmin(q: Queryable, input: { username: string; displayName?: string; role: string; password: string; createdBy: string }): Promise<Admin> {
  const username = normUser(input.username);
  if (!/^[a-z0-9._-]{2,40}$/.test(username)) throw new AdminInputError('user name: 2–40 letters, digits, . _ -');
  if (!isRole(input.role)) throw new AdminInputError(`role must be one of ${ROLES.join(', ')}`);
  checkPassword(input.password, username);
  if (await q.get('SELECT 1 AS x FROM ho_admins WHERE username = ?', [username])) throw new AdminInputError(`user name "${username}" is taken`);
  const now = new Date().toISOString();
  const id = 'adm_' + ulid().toLowerCase();
  await q.run(`INSERT INTO ho_admins (id, username, display_name, role, password_hash, created_at, created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
    id,
    username,
    (input.displayName ?? username).trim().slice(0, 80) || username,
    input.role,
    hashPin(input.password),
    now,
    input.createdBy.slice(0, 80),
    now,
  ]);
  return (await getAdmin(q, id))!;
}

export async function getAdmin(q: Queryable, id: string): Promise<Admin | null> {
  const r = await q.get<Row>('SELECT * FROM ho_admins WHERE id = ?', [id]);
  return r ? fromRow(r) : null;
}

export async function listAdmins(q: Queryable): Promise<Admin[]> {
  return (await q.all<Row>('SELECT * FROM ho_admins ORDER BY username')).map(fromRow);
}

export const countAdmins = async (q: Queryable): Promise<number> => Number((await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_admins'))?.n ?? 0);

export type LoginResult = { ok: true; admin: Admin } | { ok: false; reason: 'bad-credentials' | 'locked' | 'disabled'; lockedUntil?: string; admin?: Admin };

// Verified against when the user name is unknown, so timing does not tell names apart.
const DUMMY_HASH = hashPin('not-a-password-' + ulid());

/**
 * Checks a sign-in. A wrong password counts against the account; the fifth in a row locks it
 * for LOCKOUT_MS (a right password while locked is refused too, and does not unlock).
 */
export async function authenticate(q: Queryable, usernameIn: string, password: string, now = new Date()): Promise<LoginResult> {
  const r = await q.get<Row>('SELECT * FROM ho_admins WHERE username = ?', [normUser(usernameIn).slice(0, 80)]);
  if (!r) {
    verifyPin(password, DUMMY_HASH);
    return { ok: false, reason: 'bad-credentials' };
  }
  const admin = fromRow(r);
  if (admin.lockedUntil && admin.lockedUntil > now.toISOString()) return { ok: false, reason: 'locked', lockedUntil: admin.lockedUntil, admin };
  const isRight = verifyPin(password, r.password_hash);
  if (admin.disabledAt) return { ok: false, reason: 'disabled', admin };
  if (!isRight) {
    const failed = admin.failedLogins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    await q.run('UPDATE ho_admins SET failed_logins = ?, locked_until = ? WHERE id = ?', [lockedUntil ? 0 : failed, lockedUntil, admin.id]);
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil, admin } : { ok: false, reason: 'bad-credentials', admin };
  }
  await q.run('UPDATE ho_admins SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?', [now.toISOString(), admin.id]);
  return { ok: true, admin: { ...admin, failedLogins: 0, lockedUntil: null } };
}

export async function setRole(q: Queryable, id: string, role: string): Promise<boolean> {
  if (!isRole(role)) throw new AdminInputError(`role must be one of ${ROLES.join(', ')}`);
  await assertNotLastAdmin(q, id, role !== 'admin');
  return (await q.run('UPDATE ho_admins SET role = ? WHERE id = ?', [role, id])).changes === 1;
}

export async function setDisabled(q: Queryable, id: string, isDisabled: boolean): Promise<boolean> {
  await assertNotLastAdmin(q, id, isDisabled);
  const r = await q.run('UPDATE ho_admins SET disabled_at = ? WHERE id = ?', [isDisabled ? new Date().toISOString() : null, id]);
  if (isDisabled) await q.run('DELETE FROM ho_sessions WHERE admin_id = ?', [id]);
  return r.changes === 1;
}

export async function unlockAdmin(q: Queryable, id: string): Promise<boolean> {
  return (await q.run('UPDATE ho_admins SET failed_logins = 0, locked_until = NULL WHERE id = ?', [id])).changes === 1;
}

/** Sets a new password and ends every session of the account (except `keepSession`). */
export async function setPassword(q: Queryable, id: string, password: string, keepSessionHash: string | null = null): Promise<void> {
  const a = await getAdmin(q, id);
  if (!a) throw new AdminInputError('no such account');
  checkPassword(password, a.username);
  await q.run('UPDATE ho_admins SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?', [hashPin(password), new Date().toISOString(), id]);
  await q.run('DELETE FROM ho_sessions WHERE admin_id = ? AND token_hash <> ?', [id, keepSessionHash ?? '']);
}

export async function verifyOwnPassword(q: Queryable, id: string, password: string): Promise<boolean> {
  const r = await q.get<{ password_hash: string }>('SELECT password_hash FROM ho_admins WHERE id = ?', [id]);
  return r ? verifyPin(password, r.password_hash) : false;
}

/** Head office always keeps one enabled admin: nobody can demote or disable the last one. */
async function assertNotLastAdmin(q: Queryable, id: string, isLosingAdmin: boolean): Promise<void> {
  if (!isLosingAdmin) return;
  const others = await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_admins WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?`, [id]);
  const self = await getAdmin(q, id);
  if (self?.role === 'admin' && !self.disabledAt && Number(others?.n ?? 0) === 0) throw new AdminInputError('this is the last enabled admin: make another admin first');
}
