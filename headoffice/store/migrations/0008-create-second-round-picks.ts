import { sqlMigration } from './types.js';

/**
 * Issue 16, item 4: the applicant's pick among the second-round slots the store offered
 * (`secondround.offered` records), made on the phone page (headoffice/phone/picks.ts).
 * - ho_secondround_picks: one row per decision (the primary key: head office accepts exactly one
 *   pick per decision), with the chosen slot's day, time and place note (the store's words, no
 *   applicant data), when it was picked, and the owner kiosk, which fetches its unresolved picks
 *   (GET /v1/kiosks/second-round-picks) and books them. `resolved_at`/`resolution`: 'booked'
 *   once the kiosk's `secondround.booked` arrived, 'lapsed' once the decision was undone or
 *   replaced. Deleted with the applicant (tombstone).
 */
export default sqlMigration(8, '0008-create-second-round-picks', (t) => [
  `CREATE TABLE ho_secondround_picks (
    decision_id TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    interview_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    slot_date TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    slot_place TEXT NOT NULL,
    picked_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT CHECK (resolution IN ('booked', 'lapsed'))
  )${t.strict}`,
  `CREATE INDEX ho_secondround_picks_kiosk ON ho_secondround_picks (kiosk_id, resolved_at)`,
  `CREATE INDEX ho_secondround_picks_interview ON ho_secondround_picks (interview_id)`,
]);
