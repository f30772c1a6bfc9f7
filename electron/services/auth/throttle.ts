import type { Db } from '../db/openDatabase.js';

/**
 * A persisted failure throttle (PIN pad, result lookup). After `freeFailures` failures the next
 * attempt must wait `baseDelayMs`, doubling with each further failure up to `maxDelayMs`.
 * Failures older than `forgetAfterMs` (counted from the last one) are forgotten. Stored in
 * the database so that restarting the kiosk does not reset it.
 */
export type ThrottlePolicy = { freeFailures: number; baseDelayMs: number; maxDelayMs: number; forgetAfterMs: number };
export type ThrottleState = { failures: number; lockedUntil: Date | null };

type Row = { failures: number; last_failure_at: string | null; locked_until: string | null };

export function createThrottle(db: Db, name: string, policy: ThrottlePolicy, clock: () => Date) {
  const read = (): Row =>
    (db.prepare('SELECT failures, last_failure_at, locked_until FROM throttles WHERE name = ?').get(name) as Row | undefined) ?? { failures: 0, last_failure_at: null, locked_until: null };
  const write = (r: Row) =>
    db
      .prepare(
        'INSERT INTO throttles (name, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until',
      )
      .run(name, r.failures, r.last_failure_at, r.locked_until);

  function state(): ThrottleState {
    const r = read();
    const now = clock().getTime();
    const lockedUntil = r.locked_until && Date.parse(r.locked_until) > now ? new Date(r.locked_until) : null;
    const isForgotten = !lockedUntil && r.last_failure_at !== null && now - Date.parse(r.last_failure_at) > policy.forgetAfterMs;
    return { failures: isForgotten ? 0 : r.failures, lockedUntil };
  }

  /** Delay imposed after the n-th failure (0 while failures are still free). */
  const delayAfter = (failures: number): number => (failures < policy.freeFailures ? 0 : Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.freeFailures)));

  return {
    state,
    delayAfter,
    recordFailure(): ThrottleState {
      const failures = state().failures + 1;
      const now = clock();
      const delay = delayAfter(failures);
      const lockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
      write({ failures, last_failure_at: now.toISOString(), locked_until: lockedUntil?.toISOString() ?? null });
      return { failures, lockedUntil };
    },
    reset() {
      db.prepare('DELETE FROM throttles WHERE name = ?').run(name);
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
