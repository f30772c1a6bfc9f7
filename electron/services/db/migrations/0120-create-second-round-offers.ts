import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Second-round slots offered for the applicant to choose (issue 16, item 4): with a "second
 * interview" decision the manager may offer several slots instead of booking one; the applicant
 * picks one on head office's phone page and the kiosk turns the pick into a booking on its next
 * sync. One row per offered slot. A live row (released_at NULL) holds a place on its slot, so
 * the slot's places count bookings and held offers together and a pick can never overbook a
 * slot the manager filled meanwhile. Rows are released (kept, with the cause) when the pick
 * arrives ('picked' on the chosen row, with head office's pick id; 'not-picked' on the others)
 * or when the decision is undone or replaced. Erased with the interview.
 */
export default {
  version: 120,
  name: '0120-create-second-round-offers',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE second_round_offers (
        id TEXT PRIMARY KEY,
        offer_id TEXT NOT NULL,
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        decision_id TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
        slot_id TEXT NOT NULL REFERENCES second_round_slots(id),
        offered_by TEXT NOT NULL,
        offered_at TEXT NOT NULL,
        released_at TEXT,
        release_cause TEXT CHECK (release_cause IN ('picked', 'not-picked', 'decision-changed', 'decision-undone')),
        pick_id TEXT,
        CHECK ((released_at IS NULL) = (release_cause IS NULL)),
        CHECK (pick_id IS NULL OR release_cause = 'picked')
      ) STRICT;
      CREATE UNIQUE INDEX second_round_offer_slot ON second_round_offers (decision_id, slot_id);
      CREATE UNIQUE INDEX second_round_offer_pick ON second_round_offers (pick_id) WHERE pick_id IS NOT NULL;
      CREATE INDEX second_round_offers_live_slot ON second_round_offers (slot_id) WHERE released_at IS NULL;
      CREATE INDEX second_round_offers_interview ON second_round_offers (interview_id);
    `);
  },
};
