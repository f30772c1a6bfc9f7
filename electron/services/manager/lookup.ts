import type { LookupResult } from '../../shared/contract/lookup.js';
import { ErrorCode, KioskError } from '../../shared/errors.js';
import type { Db } from '../db/openDatabase.js';
import { createThrottle, type ThrottlePolicy } from '../auth/throttle.js';
import { normalizeReceiptCode } from '../util/ids.js';
import { openingTitle, currentDecision, isInPool } from './reviewState.js';
import type { Day } from '../../shared/packs/packSchema.js';

/** 5 failed lookups per 10 minutes per kiosk, then 1 min, 2 min, 4 min … up to 1 h. */
export const LOOKUP_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000, forgetAfterMs: 10 * 60_000 };

export const storeSetting = (db: Db, key: string): string | null =>
  (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;

/**
 * Result lookup for applicants. An unknown code and a known code with the wrong mobile give the
 * identical answer, and only failures count against the throttle, which a correct lookup never
 * resets (one valid pair must not buy unlimited guesses).
 */
export function createLookup(db: Db, clock: () => Date) {
  const throttle = createThrottle(db, 'lookup', LOOKUP_POLICY, clock);
  return (mobile: string, code: string): LookupResult => {
    const t = throttle.state();
    if (t.lockedUntil) {
      const mins = Math.ceil((t.lockedUntil.getTime() - clock().getTime()) / 60_000);
      throw new KioskError(ErrorCode.RateLimited, `Too many lookups that did not match. Please try again in ${mins} min, or ask a member of staff.`);
    }
    const digits = mobile.replace(/\D/g, '');
    const row = db
      .prepare(
        `SELECT i.id, i.status, i.pack_hash FROM interviews i JOIN applicants a ON a.id = i.applicant_id
         WHERE i.receipt_code = ? AND a.mobile = ? AND i.status = 'finished'`,
      )
      .get(normalizeReceiptCode(code), digits) as { id: string; status: string; pack_hash: string } | undefined;
    if (!row) {
      throttle.recordFailure();
      return { status: 'notFound' };
    }
    const opening = openingTitle(db, row.pack_hash) ?? { 'zh-CN': '岗位', en: 'Opening' };
    const storeName = storeSetting(db, 'store.name');
    const d = currentDecision(db, row.id)?.decision;
    if (d === 'pass') {
      const shifts = db
        .prepare('SELECT s.day, s.start_time AS start, s.end_time AS "end", s.role, a.start_date AS startDate FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id WHERE a.interview_id = ? ORDER BY a.start_date, s.start_time')
        .all(row.id) as { day: Day; start: string; end: string; role: string; startDate: string }[];
      return {
        status: 'passed',
        opening,
        storeName,
        shifts: shifts.map(({ day, start, end, role }) => ({ day, start, end, role })),
        startDate: shifts[0]?.startDate ?? null,
        whatToBring: shifts.length ? storeSetting(db, 'store.whatToBring') : null,
      };
    }
    if (d === 'hold') return { status: 'secondInterview', opening, storeName };
    if (d === 'fail' || isInPool(db, row.id)) return { status: 'notSelected', opening, isInPool: isInPool(db, row.id) };
    return { status: 'pending', opening };
  };
}
