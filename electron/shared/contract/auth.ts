import { z } from 'zod';
import { channel } from './define.js';

/**
 * Unlocking the manager console and the people who may: first-run set-up, the name-then-PIN pad,
 * the session's auto-lock, staff and their PINs. No output ever carries a PIN hash.
 */
export const Pin = z.string().regex(/^\d{6,12}$/, 'the PIN must be 6 to 12 digits');
export const StaffRole = z.enum(['manager', 'staff']);

export const AuthStatus = z.object({
  isSetUp: z.boolean(),
  storeName: z.string().nullable(),
  storeId: z.string().nullable(),
  /** Set while wrong PINs have locked the pad; the pad shows a countdown. */
  lockedUntil: z.string().nullable(),
  failures: z.number(),
  /** Wrong PINs still allowed before the pad pauses. */
  triesLeft: z.number(),
  session: z.object({ role: StaffRole, userName: z.string(), idleSeconds: z.number() }).nullable(),
  /**
   * Who can unlock: the pad asks for a name first, then that person's PIN. PINs therefore need
   * not be unique, and nothing ever has to say "someone else already uses that PIN" (an oracle
   * that once found the manager's PIN in 25 tries). Names only — never roles or hashes.
   */
  people: z.array(z.object({ id: z.string(), name: z.string(), lockedUntil: z.string().nullable() })),
});

const Empty = z.strictObject({});

export const authContract = {
  'auth:status': channel(Empty, AuthStatus),
  /** Only while no manager exists: there is no default PIN. */
  'auth:setup': channel(
    z.strictObject({
      storeName: z.string().trim().min(1).max(60),
      storeId: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and dashes'),
      managerName: z.string().trim().min(1).max(40),
      pin: Pin,
    }),
    AuthStatus,
  ),
  /** The chosen person's PIN. Wrong PINs — for anyone — count against one shared lockout. */
  'auth:unlock': channel(z.strictObject({ userId: z.string().max(40), pin: z.string().max(12) }), AuthStatus),
  'auth:lock': channel(Empty, AuthStatus),
  /** A touch in the console: keeps the session from auto-locking. */
  'auth:touch': channel(Empty, z.object({ idleSeconds: z.number() }), 'staff'),
  'auth:users': channel(Empty, z.object({ users: z.array(z.object({ id: z.string(), name: z.string(), role: StaffRole, createdAt: z.string() })) }), 'manager'),
  'auth:addUser': channel(z.strictObject({ name: z.string().trim().min(1).max(40), role: StaffRole, pin: Pin }), z.object({ id: z.string() }), 'manager'),
  'auth:removeUser': channel(z.strictObject({ id: z.string() }), z.object({ removed: z.boolean() }), 'manager'),
  /** Your own PIN: needs the current one, which counts against the same lockout as the pad. */
  'auth:changePin': channel(z.strictObject({ currentPin: z.string().max(12), newPin: Pin }), z.object({ changed: z.boolean() }), 'staff'),
  /** A manager sets a staff member's PIN (forgotten PIN). Managers change their own with auth:changePin. */
  'auth:setStaffPin': channel(z.strictObject({ userId: z.string().max(40), newPin: Pin }), z.object({ changed: z.boolean() }), 'manager'),
};
