import crypto from 'node:crypto';
import type { LookupResult } from '../../shared/contract/lookup.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { addSettingOnce, getSetting } from '../app/settings.js';
import type { Db } from '../db/openDatabase.js';
import { createThrottle, type ThrottlePolicy } from '../auth/throttle.js';
import { normalizeReceiptCode } from '../../../core/ids.js';
import { openingTitle, currentDecision, isInPool } from './reviewState.js';
import { secondRoundBooking, secondRoundOffer } from './secondRound.js';
import type { Day, Lang } from '../../../core/packs/packSchema.js';
import { notifyConsentOf, recordNotifyConsent } from '../notify/notifyConsent.js';

/**
 * Per receipt code and per mobile number: 5 failed lookups within 10 minutes, then 1 min, 2 min,
 * 4 min … up to 1 h. Keyed by what was typed, not by the kiosk, so one person's mistakes never
 * lock lookup for everyone else in the store.
 */
export const LOOKUP_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000, forgetAfterMs: 10 * 60_000 };

/**
 * Result lookup for applicants. An unknown code and a known code with the wrong mobile give the
 * identical answer, and only failures count, which a correct lookup never resets (one valid pair
 * must not buy unlimited guesses).
 *
 * Each failure counts against the code typed and against the mobile typed. Guessing codes for
 * one mobile trips that mobile's count; trying mobiles for one code trips that code's count.
 * Varying both at once finds nothing: a code is 12 symbols from 31 (about 10^17 values), bound
 * to one mobile. The counters are named by an HMAC of the value with a per-kiosk secret, so the
 * throttle table never holds a phone number (which deletion on request could not find), and
 * expired counters are swept away.
 */
export function createLookup(db: Db, clock: () => Date) {
  const salt = (): string => {
    const have = getSetting(db, 'lookup.throttleSalt');
    if (have) return have;
    const fresh = crypto.randomBytes(32).toString('hex');
    addSettingOnce(db, 'lookup.throttleSalt', fresh);
    return getSetting(db, 'lookup.throttleSalt') ?? fresh;
  };
  const throttleFor = (kind: 'code' | 'mobile', value: string) =>
    createThrottle(db, `lookup:${kind}:${crypto.createHmac('sha256', salt()).update(value).digest('hex').slice(0, 32)}`, LOOKUP_POLICY, clock);
  const sweep = () => {
    const now = clock().getTime();
    db.prepare(`DELETE FROM throttles WHERE name LIKE 'lookup:%' AND (locked_until IS NULL OR locked_until < ?) AND last_failure_at < ?`).run(
      new Date(now).toISOString(),
      new Date(now - LOOKUP_POLICY.forgetAfterMs).toISOString(),
    );
  };

  /** The finished interview for this pair, or null (counted as a failure against both). */
  const find = (mobile: string, code: string): { id: string; pack_hash: string; lang: Lang } | null => {
    sweep();
    const digits = mobile.replace(/\D/g, '');
    const normalized = normalizeReceiptCode(code);
    const throttles = [throttleFor('mobile', digits), throttleFor('code', normalized)];
    const until = throttles.map((t) => t.state().lockedUntil).filter((d): d is Date => d !== null);
    if (until.length) {
      const mins = Math.ceil((Math.max(...until.map((d) => d.getTime())) - clock().getTime()) / 60_000);
      throw new KioskError(ErrorCode.RateLimited, `Too many lookups that did not match. Please try again in ${mins} min, or ask a member of staff.`);
    }
    const row = db
      .prepare(
        `SELECT i.id, i.pack_hash, i.lang FROM interviews i JOIN applicants a ON a.id = i.applicant_id
         WHERE i.receipt_code = ? AND a.mobile = ? AND i.status = 'finished'`,
      )
      .get(normalized, digits) as { id: string; pack_hash: string; lang: Lang } | undefined;
    if (!row) {
      db.transaction(() => throttles.forEach((t) => t.recordFailure()))();
      return null;
    }
    return row;
  };

  const result = (mobile: string, code: string): LookupResult => {
    const row = find(mobile, code);
    if (!row) return { status: 'notFound' };
    const found = { lang: row.lang, smsConsent: notifyConsentOf(db, row.id) };
    const opening = openingTitle(db, row.pack_hash) ?? { 'zh-CN': '岗位', en: 'Opening' };
    const storeName = getSetting(db, 'store.name');
    const d = currentDecision(db, row.id)?.decision;
    if (d === 'pass') {
      const shifts = db
        .prepare(
          'SELECT s.day, s.start_time AS start, s.end_time AS "end", s.role, a.start_date AS startDate FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id WHERE a.interview_id = ? ORDER BY a.start_date, s.start_time',
        )
        .all(row.id) as { day: Day; start: string; end: string; role: string; startDate: string }[];
      return {
        ...found,
        status: 'passed',
        opening,
        storeName,
        shifts: shifts.map(({ day, start, end, role }) => ({ day, start, end, role })),
        startDate: shifts[0]?.startDate ?? null,
        whatToBring: shifts.length ? getSetting(db, 'store.whatToBring') : null,
      };
    }
    if (d === 'hold') {
      const time = (x: { date: string; start: string; place: string }) => ({ date: x.date, start: x.start, place: x.place });
      const booking = secondRoundBooking(db, row.id);
      const offered = booking ? [] : (secondRoundOffer(db, row.id)?.slots ?? []).map(time);
      return { ...found, status: 'secondInterview', opening, storeName, booked: booking ? time(booking) : null, offered, qrSvg: null };
    }
    if (d === 'fail' || isInPool(db, row.id)) return { ...found, status: 'notSelected', opening, isInPool: isInPool(db, row.id) };
    return { ...found, status: 'pending', opening };
  };

  /**
   * The applicant stops the result SMS at the kiosk (or turns it back on where the store sends
   * SMS). A wrong pair answers `found: false`, counted like a failed look-up.
   */
  const setNotify = (mobile: string, code: string, granted: boolean, canSms: boolean): { found: boolean; smsConsent: boolean } => {
    const row = find(mobile, code);
    if (!row) return { found: false, smsConsent: false };
    if (granted && !canSms) throw new KioskError(ErrorCode.SmsUnavailable, 'Results are not sent by SMS for this store.');
    if (notifyConsentOf(db, row.id) !== granted) recordNotifyConsent(db, 'applicant', { interviewId: row.id, granted, channel: 'sms' }, clock());
    return { found: true, smsConsent: notifyConsentOf(db, row.id) };
  };
  return { result, setNotify };
}
