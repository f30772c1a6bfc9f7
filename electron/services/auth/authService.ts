import type { z } from 'zod';
import type { AuthStatus } from '../../shared/contract/auth.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { addSettingOnce, getSetting, setSetting } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { PUBLIC, type CallContext } from '../rpc/registry.js';
import { nowIso, ulid } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { DEFAULT_COST, hashPin, isWeakPin, verifyPin, type ScryptCost } from '../../../core/auth/pinHash.js';
import { getIdentity } from '../sync/state.js';
import { checkRecoveryCode } from '../../../core/auth/recoveryCode.js';
import { createThrottle, type ThrottlePolicy } from './throttle.js';

const log = createLogger('auth');

/** 5 wrong PINs lock the pad for 30 s, then 60 s, 120 s … up to 1 h; forgotten after a quiet day. */
export const PIN_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000, forgetAfterMs: 24 * 3_600_000 };
/**
 * The one answer for any new PIN that is refused: too easy, or the same as the current one.
 * It never depends on anyone else's PIN.
 */
export const CHOOSE_ANOTHER_PIN = 'Choose a different PIN: not your current one, not all the same digit and not 123456-style.';
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
  /**
   * Two counters share every wrong PIN (typed at the pad or as the "current PIN" of a change):
   * the pad's, which any correct PIN resets (so a day of typos does not pause the store), and the
   * chosen person's, which only that person's own correct PIN resets. Without the second, a staff
   * member could guess 4 of the manager's PINs, unlock as themselves to reset, and go on forever.
   */
  const throttle = createThrottle(db, 'pin', PIN_POLICY, clock);
  const personThrottle = (userId: string) => createThrottle(db, `pin:user:${userId}`, PIN_POLICY, clock);
  let session: Session | null = null;

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

  /** The pad's list of names (with any pause on that person). Removed users are gone; roles are not shown. */
  const people = () => activeUsers().map((u) => ({ id: u.id, name: u.name, lockedUntil: personThrottle(u.id).state().lockedUntil?.toISOString() ?? null }));
  /**
   * Set-up is for a kiosk that never had anyone: no user row (not even a removed one) and no
   * set-up in the audit trail. A database that lost its users does not become claimable.
   * (Start-up already refuses an empty, damaged or keyless database: services/db/startupCheck.)
   */
  const wasEverSetUp = (): boolean =>
    db.prepare('SELECT 1 FROM staff_users LIMIT 1').get() !== undefined || db.prepare(`SELECT 1 FROM audit_log WHERE action = 'kiosk.setup' LIMIT 1`).get() !== undefined;

  function status(): z.infer<typeof AuthStatus> {
    const t = throttle.state();
    const s = live();
    return {
      isSetUp: hasManager(),
      storeName: getSetting(db, 'store.name'),
      storeId: getSetting(db, 'store.id'),
      lockedUntil: t.lockedUntil?.toISOString() ?? null,
      failures: t.failures,
      triesLeft: Math.max(0, PIN_POLICY.freeFailures - t.failures),
      session: s ? { role: s.role, userName: s.userName, idleSeconds: Math.round(idleMs / 1000) } : null,
      people: hasManager() ? people() : [],
    };
  }

  /**
   * The only rules a new PIN must pass. Deliberately nothing about other people's PINs: users
   * are picked by name before the PIN, so two people may share a PIN, and no answer here can
   * tell anyone what someone else's PIN is.
   */
  function checkPinRules(pin: string, current?: UserRow) {
    if (isWeakPin(pin) || (current && verifyPin(pin, current.pin_hash))) throw new KioskError(ErrorCode.InvalidInput, CHOOSE_ANOTHER_PIN, { reason: 'pin.chooseAnother' });
  }

  function lockedOutError(until: Date): KioskError {
    const secs = Math.ceil((until.getTime() - clock().getTime()) / 1000);
    return new KioskError(ErrorCode.LockedOut, `Too many wrong PINs. Try again in ${secs} s.`);
  }

  /** Refuses while the pad or this person is paused — the same pause for unlocking and for PIN changes. */
  function requireNotLockedOut(userId: string | null) {
    const until = [throttle.state().lockedUntil, userId ? personThrottle(userId).state().lockedUntil : null].filter((d): d is Date => d !== null);
    if (until.length) throw lockedOutError(new Date(Math.max(...until.map((d) => d.getTime()))));
  }

  /** One wrong PIN, wherever it was typed: counted twice, audited (without the PIN), answered alike. */
  function wrongPin(actor: string, userId: string | null, where: 'unlock' | 'changePin'): KioskError {
    const pad = throttle.recordFailure();
    const person = userId ? personThrottle(userId).recordFailure() : null;
    db.transaction(() => appendAudit(db, { actor, action: 'pin.failed', subject: userId, detail: { failures: pad.failures, where } }))();
    const until = [pad.lockedUntil, person?.lockedUntil ?? null].filter((d): d is Date => d !== null);
    if (until.length) return lockedOutError(new Date(Math.max(...until.map((d) => d.getTime()))));
    const left = PIN_POLICY.freeFailures - Math.max(pad.failures, person?.failures ?? 0);
    return new KioskError(ErrorCode.Unauthorized, `Wrong PIN. ${left} tries left before a pause.`);
  }

  /** A correct PIN: the pad's typo count and this person's own count start again. */
  function rightPin(userId: string) {
    throttle.reset();
    personThrottle(userId).reset();
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
      if (hasManager()) throw new KioskError(ErrorCode.Conflict, 'This kiosk is already set up. Unlock with the manager PIN.', { reason: 'setup.done' });
      if (wasEverSetUp()) {
        throw new KioskError(ErrorCode.Conflict, 'This kiosk was set up before and its staff list is missing, so it cannot be claimed again here. Restore the kiosk from its backup or ask support.', {
          reason: 'setup.claimed',
        });
      }
      checkPinRules(input.pin);
      const id = ulid();
      const now = nowIso();
      db.transaction(() => {
        setSetting(db, 'store.name', input.storeName);
        setSetting(db, 'store.id', input.storeId);
        db.prepare(`INSERT INTO staff_users (id, name, role, pin_hash, created_at) VALUES (?, ?, 'manager', ?, ?)`).run(id, input.managerName, hashPin(input.pin, cost), now);
        appendAudit(db, { actor: input.managerName, action: 'kiosk.setup', subject: id, detail: { storeId: input.storeId } });
      })();
      startSession({ id, name: input.managerName, role: 'manager' });
      log.info('first-run setup done');
      return status();
    },

    unlock(userId: string, pin: string) {
      const user = activeUsers().find((u) => u.id === userId);
      requireNotLockedOut(user?.id ?? null);
      if (!hasManager()) throw new KioskError(ErrorCode.Conflict, 'This kiosk is not set up yet.', { reason: 'setup.notYet' });
      // An unknown name and a wrong PIN get the same answer and the same count.
      if (!user || !/^\d{6,12}$/.test(pin) || !verifyPin(pin, user.pin_hash)) throw wrongPin('unknown', user?.id ?? null, 'unlock');
      rightPin(user.id);
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
      // Names are what the pad shows, so they must tell people apart (they are not secret).
      const key = (n: string) => n.trim().normalize('NFKC').toLowerCase();
      if (activeUsers().some((u) => key(u.name) === key(input.name))) {
        throw new KioskError(ErrorCode.Conflict, 'Someone on the staff list already has that name. Add a surname or initial so the PIN pad can tell you apart.', { reason: 'user.sameName' });
      }
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
        throw new KioskError(ErrorCode.Conflict, 'This is the only manager. Add another manager before removing this one.', { reason: 'user.lastManager' });
      }
      db.transaction(() => {
        db.prepare('UPDATE staff_users SET removed_at = ? WHERE id = ?').run(nowIso(), id);
        personThrottle(id).reset();
        appendAudit(db, { actor, action: 'user.removed', subject: id });
      })();
      if (session?.userId === id) session = null;
      return true;
    },

    /** Staff and managers change their own PIN: the current PIN is checked like an unlock. */
    changePin(currentPin: string, newPin: string): boolean {
      const s = live();
      if (!s) throw new KioskError(ErrorCode.Unauthorized, 'Please unlock the console first.');
      requireNotLockedOut(s.userId);
      const me = activeUsers().find((u) => u.id === s.userId);
      if (!me || !/^\d{6,12}$/.test(currentPin) || !verifyPin(currentPin, me.pin_hash)) throw wrongPin(s.userName, s.userId, 'changePin');
      rightPin(me.id);
      checkPinRules(newPin, me);
      db.transaction(() => {
        db.prepare('UPDATE staff_users SET pin_hash = ? WHERE id = ?').run(hashPin(newPin, cost), me.id);
        appendAudit(db, { actor: me.name, action: 'pin.changed', subject: me.id });
      })();
      return true;
    },

    /**
     * Manager lock-out recovery (`kiosk auth recover`): a one-time code head office signed for
     * this kiosk sets a new PIN for the named manager and lifts the pauses. Any refusal changes
     * nothing; a used code is remembered (settings `auth.recoveryUsed.<nonce>`) and audited.
     */
    recoverManager(code: string, managerName: string, newPin: string): { userId: string; name: string } {
      const me = getIdentity(db);
      if (!me) throw new KioskError(ErrorCode.Unauthorized, 'This kiosk is not enrolled with head office, so it cannot check a recovery code.');
      const c = checkRecoveryCode(code, me.headOfficeKeyPem, me.kioskId, clock());
      if (!c.ok) throw new KioskError(ErrorCode.Unauthorized, c.reason);
      const usedKey = `auth.recoveryUsed.${c.payload.n}` as const;
      const key = (n: string) => n.trim().normalize('NFKC').toLowerCase();
      const target = activeUsers().find((u) => u.role === 'manager' && key(u.name) === key(managerName));
      if (!target) throw new KioskError(ErrorCode.NotFound, 'No manager on this kiosk has that name (names are as the PIN pad shows them).');
      checkPinRules(newPin, target);
      db.transaction(() => {
        if (!addSettingOnce(db, usedKey, nowIso())) throw new KioskError(ErrorCode.Unauthorized, 'This recovery code has already been used. Ask head office for a new one.');
        db.prepare('UPDATE staff_users SET pin_hash = ? WHERE id = ?').run(hashPin(newPin, cost), target.id);
        throttle.reset();
        personThrottle(target.id).reset();
        appendAudit(db, { actor: 'head office recovery code', action: 'pin.recovered', subject: target.id, detail: { nonce: c.payload.n } });
      })();
      if (session?.userId === target.id) session = null;
      log.info('manager PIN recovered with a head-office code');
      return { userId: target.id, name: target.name };
    },

    /** A manager resets a staff member's forgotten PIN. Another manager's PIN is theirs alone. */
    setStaffPin(actor: string, userId: string, newPin: string): boolean {
      const target = activeUsers().find((u) => u.id === userId);
      if (!target) throw new KioskError(ErrorCode.NotFound, 'This person is not on the staff list any more.', { reason: 'user.gone' });
      if (target.role !== 'staff') throw new KioskError(ErrorCode.Forbidden, 'Managers change their own PIN themselves (Settings → change my PIN).', { reason: 'pin.managerOwn' });
      checkPinRules(newPin);
      db.transaction(() => {
        db.prepare('UPDATE staff_users SET pin_hash = ? WHERE id = ?').run(hashPin(newPin, cost), target.id);
        appendAudit(db, { actor, action: 'pin.reset', subject: target.id });
      })();
      return true;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
