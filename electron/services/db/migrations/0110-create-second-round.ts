import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Second-round interviews (issue 16, item 4): the store's calendar of slots (kept with the
 * store's settings, edited in the console) and the bookings made on them. A slot takes at most
 * `capacity` bookings; a booking belongs to the "second interview" decision that made it and is
 * released (kept, with released_at) when that decision is undone or replaced, so the history
 * and the sync records agree. One live booking per interview.
 */
export default {
  version: 110,
  name: '0110-create-second-round',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE second_round_slots (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
        capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 20),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX second_round_slots_when ON second_round_slots (date, start_time, place) WHERE removed_at IS NULL;
      CREATE TABLE second_round_bookings (
        id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        slot_id TEXT NOT NULL REFERENCES second_round_slots(id),
        decision_id TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
        booked_by TEXT NOT NULL,
        booked_at TEXT NOT NULL,
        released_at TEXT,
        release_cause TEXT CHECK (release_cause IN ('manager', 'decision-changed', 'decision-undone'))
      ) STRICT;
      CREATE UNIQUE INDEX second_round_one_live ON second_round_bookings (interview_id) WHERE released_at IS NULL;
      CREATE INDEX second_round_by_slot ON second_round_bookings (slot_id) WHERE released_at IS NULL;
    `);
  },
};
