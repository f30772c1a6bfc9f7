import { sqlMigration } from './types.js';

/** Now + 90 days as the service writes times (ISO 8601, UTC, milliseconds). */
const in90Days = {
  sqlite: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days')`,
  pg: `to_char((now() AT TIME ZONE 'UTC') + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/**
 * Issue 13 (authorised writes, token expiry, counters for refused authentication):
 * - ho_owners: which kiosk (and store) owns each interview, applicant and call-back request,
 *   claimed by the first accepted record that names it; later records about it from any other
 *   kiosk are refused (headoffice/owners.ts). Backfilled from what was received so far,
 *   interview records first, in receive order.
 * - ho_kiosks.refused_records counts those refusals; replaced_by / replaces_kiosk_id carry a
 *   kiosk's authority over to its re-enrolled successor.
 * - ho_auth_failures: failed enrollment / kiosk authentication per source address, one row per
 *   (source, kind) with a fixed window (headoffice/authLimits.ts).
 * - ho_tokens.expires_at: existing tokens get 90 days from the upgrade.
 */
export default sqlMigration(3, '0003-add-ownership-and-limits', (t, dialect) => [
  `ALTER TABLE ho_kiosks ADD COLUMN refused_records ${t.int} NOT NULL DEFAULT 0`,
  `ALTER TABLE ho_kiosks ADD COLUMN replaced_by TEXT`,
  `ALTER TABLE ho_enrollment_codes ADD COLUMN replaces_kiosk_id TEXT`,
  `ALTER TABLE ho_tokens ADD COLUMN expires_at TEXT`,
  `UPDATE ho_tokens SET expires_at = ${in90Days[dialect]} WHERE expires_at IS NULL`,
  `CREATE TABLE ho_owners (
    subject_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    claimed_at TEXT NOT NULL
  )${t.strict}`,
  `CREATE INDEX ho_owners_kiosk ON ho_owners(kiosk_id)`,
  // Backfill, first claim wins: an interview's own records, then applicants, then whatever else
  // names an interview, then every other subject (call-back requests), then self-ID records
  // (who sent each one — never its categories).
  `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, id, received_at FROM ho_records
    WHERE interview_id IS NOT NULL AND kind IN ('interview.completed', 'interview.abandoned') ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING`,
  `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT applicant_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE applicant_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING`,
  `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE interview_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING`,
  `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT subject_id, kiosk_id, store_id, id, received_at FROM ho_records WHERE subject_id IS NOT NULL ORDER BY seq
    ON CONFLICT (subject_id) DO NOTHING`,
  `INSERT INTO ho_owners (subject_id, kiosk_id, store_id, record_id, claimed_at)
    SELECT interview_id, kiosk_id, store_id, record_id, received_at FROM ho_selfid WHERE interview_id IS NOT NULL ORDER BY kiosk_order
    ON CONFLICT (subject_id) DO NOTHING`,
  `CREATE TABLE ho_auth_failures (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    window_start_ms ${t.int} NOT NULL,
    failures ${t.int} NOT NULL,
    total ${t.int} NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (source, kind)
  )${t.strict}`,
]);
