/**
 * Failed enrollment and failed kiosk authentication, limited per source address. Failures are
 * counters — one row per (source, kind) with a fixed window — so a flood of forgeries cannot
 * grow a table row by row. Once a source reaches the limit, every request of that kind from it
 * is answered 429 with Retry-After until the window ends, before any code or signature is
 * checked (a right guess while blocked gains nothing).
 */
import { createLogger } from '../core/logger.js';
import { logEvent } from './ingest.js';
import type { HoStore } from './store/types.js';

const log = createLogger('headoffice');

export type LimitKind = 'enroll' | 'kiosk-auth' | 'console-login';
export type Limit = { max: number; windowMs: number };
export type AuthLimits = { enroll: Limit; kioskAuth: Limit; consoleLogin: Limit };

/**
 * Enrollment codes are typed by people: 10 misses per address in 15 min is generous. Kiosks
 * retry a refused batch at most about once a minute, so a store behind one address with a
 * broken kiosk or two stays under 60. Console sign-ins (people at head office, often behind one
 * office address) get 20 misses per address on top of each account's own lock-out.
 */
export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  enroll: { max: 10, windowMs: 15 * 60_000 },
  kioskAuth: { max: 60, windowMs: 15 * 60_000 },
  consoleLogin: { max: 20, windowMs: 15 * 60_000 },
};

export type AuthLimiter = {
  /** Seconds until the source may try again, or null when it is not blocked. */
  retryAfter(source: string, kind: LimitKind): Promise<number | null>;
  recordFailure(source: string, kind: LimitKind): Promise<void>;
};

export function createAuthLimiter(store: HoStore, limits: Partial<AuthLimits> = {}, now: () => number = Date.now): AuthLimiter {
  const all = { ...DEFAULT_AUTH_LIMITS, ...limits };
  const limitOf = (kind: LimitKind) => (kind === 'enroll' ? all.enroll : kind === 'console-login' ? all.consoleLogin : all.kioskAuth);
  const src = (s: string) => s.slice(0, 64) || 'unknown';
  return {
    async retryAfter(source, kind) {
      const row = await store.get<{ failures: number; window_start_ms: number }>('SELECT failures, window_start_ms FROM ho_auth_failures WHERE source = ? AND kind = ?', [src(source), kind]);
      if (!row) return null;
      const { max, windowMs } = limitOf(kind);
      const left = Number(row.window_start_ms) + windowMs - now();
      return left > 0 && row.failures >= max ? Math.ceil(left / 1000) : null;
    },
    async recordFailure(source, kind) {
      const t = now();
      const { max, windowMs } = limitOf(kind);
      const expired = t - windowMs;
      await store.run(
        `INSERT INTO ho_auth_failures (source, kind, window_start_ms, failures, total, last_at) VALUES (?, ?, ?, 1, 1, ?)
         ON CONFLICT (source, kind) DO UPDATE SET
           failures = CASE WHEN ho_auth_failures.window_start_ms <= ? THEN 1 ELSE ho_auth_failures.failures + 1 END,
           window_start_ms = CASE WHEN ho_auth_failures.window_start_ms <= ? THEN excluded.window_start_ms ELSE ho_auth_failures.window_start_ms END,
           total = ho_auth_failures.total + 1,
           last_at = excluded.last_at`,
        [src(source), kind, t, new Date(t).toISOString(), expired, expired],
      );
      const row = await store.get<{ failures: number }>('SELECT failures FROM ho_auth_failures WHERE source = ? AND kind = ?', [src(source), kind]);
      if (row?.failures === max) {
        // One note per blocked window, not one per failure.
        await logEvent(store, 'source-blocked', null, `${kind}: ${max} failures from ${src(source)} within ${Math.round(windowMs / 60_000)} min; refused until the window ends`);
        log.warn(`${kind}: source ${src(source)} reached ${max} failures; answering 429 until the window ends`);
      }
    },
  };
}

export const listAuthFailures = (store: HoStore) =>
  store.all<{ source: string; kind: string; failures: number; total: number; last_at: string }>('SELECT source, kind, failures, total, last_at FROM ho_auth_failures ORDER BY last_at DESC LIMIT 200');
