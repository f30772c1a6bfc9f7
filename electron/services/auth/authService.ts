import type { z } from 'zod';
import type { AuthStatus } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../shared/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { PUBLIC, type CallContext } from '../rpc/registry.js';
import { nowIso, ulid } from '../util/ids.js';
import { createLogger } from '../util/logger.js';
import { DEFAULT_COST, hashPin, isWeakPin, verifyPin, type ScryptCost } from './pinHash.js';
import { createThrottle, type ThrottlePolicy } from './throttle.js';

const log = createLogger('auth');

/** 5 wrong PINs lock the pad for 30 s, then 60 s, 120 s … up to 1 h; forgotten after a quiet day. */
export const PIN_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000, forgetAfterMs: 24 * 3_600_000 };
/** The console locks itself after this long without a touch. */
export const SESSION_IDLE_MS = 3 * 60_000;

type Session = { id: string; userId: string; userName: string; role: 'manager' | 'staff'; lastActiveMs: number };
type UserRow = { id: string; name: string; role: 'manager' | 'staff'; pin_hash: string; created_at: string };

export type AuthOptions = { clock?: () => Date; cost?: ScryptCost; idleMs?: number };

/**
 * One manager/staff session at a time: the kiosk has one screen. The session lives only in
 * main's memory (a restart locks the console); the renderer only ever learns role and name.
 */
export function createAuthService(db: Db, opts: AuthOptions = {}) {
  const clock = opts.clock ?? (() => new Date());
  const cost = opts.cost ?? DEFAULT_COST;
  const idleMs = opts.idleMs ?? SESSION_IDLE_MS;
  const throttle = createThrottle(db, 'pin', PIN_POLICY, clock);
  let session: Session | null = null;

  const setting = (key: string): string | null => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const activeUsers = (): UserRow[] => db.prepare('SELECT id, name, role, pin_hash, created_at FROM staff_users WHERE removed_at IS NULL ORDER BY created_at').all() as UserRow[];
  const hasManager = (): boolean => db.prepare(`SELECT 1 FROM staff_users WHERE role = 'manager' AND removed_at IS NULL`).get() !== undefined;

  /** The live session, or null once it has idled out (which locks it). */
  function live(): Session | null {
    if (session && clock().getTime() - session.lastActiveMs > idleMs) {
      log.info('console auto-locked after inactivity');
      lockInternal('idle');
    }
    return session;
  }

  function lockInternal(why: 'user' | 'idle') {
    if (!session) return;
    const s = session;
    session = null;
    db.transaction(() => appendAudit(db, { actor: s.userName, action: 'session.locked', subject: s.userId, detail: { why } }))();
  }

  function status(): z.infer<typeof AuthStatus> {
    const t = throttle.state();
    const s = live();
    return {
      isSetUp: hasManager(),
      storeName: setting('store.name'),
      storeId: setting('store.id'),
      lockedUntil: t.lockedUntil?.toISOString() ?? null,
      failures: t.failures,
      triesLeft: Math.max(0, PIN_POLICY.freeFailures - t.failures),
      session: s ? { role: s.role, userName: s.userName, idleSeconds: Math.round(idleMs / 1000) } : null,
    };
  }

  function checkPinRules(pin: string) {
    if (isWeakPin(pin)) throw new KioskError(ErrorCode.InvalidInput, 'That PIN is too easy to guess (repeated or consecutive digits). Choose another one.');
    if (activeUsers().some((u) => verifyPin(pin, u.pin_hash))) throw new KioskError(ErrorCode.Conflict, 'Another staff member already uses that PIN. Choose a different one.');
  }

  function startSession(u: Pick<UserRow, 'id' | 'name' | 'role'>) {
    session = { id: ulid(), userId: u.id, userName: u.name, role: u.role, lastActiveMs: clock().getTime() };
  }

  return {
    status,
    callContext(): CallContext {
      const s = live();
      return s ? { role: s.role, sessionId: s.id, userName: s.userName } : PUBLIC;
    },
    touch(): void {
      const s = live();
      if (s) s.lastActiveMs = clock().getTime();
    },

    setup(input: { storeName: string; storeId: string; managerName: string; pin: string }) {
      if (hasManager()) throw new KioskError(ErrorCode.Conflict, 'This kiosk is already set up. Unlock with the manager PIN.');
      checkPinRules(input.pin);
      const id = ulid();
      const now = nowIso();
      db.transaction(() => {
        const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
        put.run('store.name', input.storeName);
        put.run('store.id', input.storeId);
        db.prepare(`INSERT INTO staff_users (id, name, role, pin_hash, created_at) VALUES (?, ?, 'manager', ?, ?)`).run(id, input.managerName, hashPin(input.pin, cost), now);
        appendAudit(db, { actor: input.managerName, action: 'kiosk.setup', subject: id, detail: { storeId: input.storeId } });
      })();
      startSession({ id, name: input.managerName, role: 'manager' });
      log.info('first-run setup done');
      return status();
    },

    unlock(pin: string) {
      const t = throttle.state();
      if (t.lockedUntil) {
        const secs = Math.ceil((t.lockedUntil.getTime() - clock().getTime()) / 1000);
        throw new KioskError(ErrorCode.LockedOut, `Too many wrong PINs. Try again in ${secs} s.`);
      }
      if (!hasManager()) throw new KioskError(ErrorCode.Conflict, 'This kiosk is not set up yet.');
      const user = /^\d{6,12}$/.test(pin) ? activeUsers().find((u) => verifyPin(pin, u.pin_hash)) : undefined;
      if (!user) {
        const after = throttle.recordFailure();
        db.transaction(() => appendAudit(db, { actor: 'unknown', action: 'pin.failed', subject: null, detail: { failures: after.failures } }))();
        if (after.lockedUntil) {
          const secs = Math.ceil((after.lockedUntil.getTime() - clock().getTime()) / 1000);
          throw new KioskError(ErrorCode.LockedOut, `Too many wrong PINs. Try again in ${secs} s.`);
        }
        throw new KioskError(ErrorCode.Unauthorized, `Wrong PIN. ${PIN_POLICY.freeFailures - after.failures} tries left before a pause.`);
      }
      throttle.reset();
      startSession(user);
      db.transaction(() => appendAudit(db, { actor: user.name, action: 'session.unlocked', subject: user.id, detail: { role: user.role } }))();
      return status();
    },

    lock() {
      lockInternal('user');
      return status();
    },

    users: () => activeUsers().map((u) => ({ id: u.id, name: u.name, role: u.role, createdAt: u.created_at })),

    addUser(actor: string, input: { name: string; role: 'manager' | 'staff'; pin: string }): string {
      checkPinRules(input.pin);
      const id = ulid();
      db.transaction(() => {
        db.prepare('INSERT INTO staff_users (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(id, input.name, input.role, hashPin(input.pin, cost), nowIso());
        appendAudit(db, { actor, action: 'user.added', subject: id, detail: { role: input.role } });
      })();
      return id;
    },

    removeUser(actor: string, id: string): boolean {
      const target = activeUsers().find((u) => u.id === id);
      if (!target) return false;
      if (target.role === 'manager' && activeUsers().filter((u) => u.role === 'manager').length === 1) {
        throw new KioskError(ErrorCode.Conflict, 'This is the only manager. Add another manager before removing this one.');
      }
      db.transaction(() => {
        db.prepare('UPDATE staff_users SET removed_at = ? WHERE id = ?').run(nowIso(), id);
        appendAudit(db, { actor, action: 'user.removed', subject: id });
      })();
      if (session?.userId === id) session = null;
      return true;
    },

    changePin(currentPin: string, newPin: string): boolean {
      const s = live();
      if (!s) throw new KioskError(ErrorCode.Unauthorized, 'Please unlock the console first.');
      const me = activeUsers().find((u) => u.id === s.userId);
      if (!me || !verifyPin(currentPin, me.pin_hash)) throw new KioskError(ErrorCode.Unauthorized, 'The current PIN is not right.');
      if (isWeakPin(newPin)) throw new KioskError(ErrorCode.InvalidInput, 'That PIN is too easy to guess (repeated or consecutive digits). Choose another one.');
      if (activeUsers().some((u) => u.id !== me.id && verifyPin(newPin, u.pin_hash))) throw new KioskError(ErrorCode.Conflict, 'Another staff member already uses that PIN. Choose a different one.');
      db.transaction(() => {
        db.prepare('UPDATE staff_users SET pin_hash = ? WHERE id = ?').run(hashPin(newPin, cost), me.id);
        appendAudit(db, { actor: me.name, action: 'pin.changed', subject: me.id });
      })();
      return true;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
