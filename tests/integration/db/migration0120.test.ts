import { describe, expect, it } from 'vitest';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';
import { heldInterviewsAt } from './migrationSeed.js';

describe('migration 0120: second-round slots offered for the applicant to choose', () => {
  it('adds the offers to a database with slots and bookings, one row per offered slot, with release causes checked and erasure cascading', () => {
    const now = new Date().toISOString();
    const db = heldInterviewsAt(110, ['iv1', 'iv2'], ['iv1', 'iv2'], now);
    const slot = db.prepare(`INSERT INTO second_round_slots (id, date, start_time, place, capacity, created_by, created_at) VALUES (?, '2027-01-12', ?, 'Office', 1, 'm', ?)`);
    slot.run('s1', '14:30', now);
    slot.run('s2', '15:00', now);
    db.prepare(`INSERT INTO second_round_bookings (id, interview_id, slot_id, decision_id, booked_by, booked_at) VALUES ('b1', 'iv2', 's2', 'd2', 'm', ?)`).run(now);
    expect(runMigrations(db, migrations, 120)).toBe(120);
    expect(db.prepare('SELECT id, interview_id FROM second_round_bookings').all()).toEqual([{ id: 'b1', interview_id: 'iv2' }]);

    const offer = db.prepare(`INSERT INTO second_round_offers (id, offer_id, interview_id, decision_id, slot_id, offered_by, offered_at) VALUES (?, 'o1', 'iv1', 'd1', ?, 'm', ?)`);
    offer.run('r1', 's1', now);
    offer.run('r2', 's2', now);
    // The same slot twice in one decision's offer is refused.
    expect(() => offer.run('r3', 's1', now)).toThrow(/UNIQUE/);
    // A release needs its cause and the cause needs a release; a pick id only on the picked row, once.
    expect(() => db.prepare(`UPDATE second_round_offers SET released_at = ? WHERE id = 'r1'`).run(now)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE second_round_offers SET released_at = ?, release_cause = 'whim' WHERE id = 'r1'`).run(now)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE second_round_offers SET released_at = ?, release_cause = 'not-picked', pick_id = 'p1' WHERE id = 'r1'`).run(now)).toThrow(/CHECK/);
    db.prepare(`UPDATE second_round_offers SET released_at = ?, release_cause = 'picked', pick_id = 'p1' WHERE id = 'r1'`).run(now);
    expect(() => db.prepare(`UPDATE second_round_offers SET released_at = ?, release_cause = 'picked', pick_id = 'p1' WHERE id = 'r2'`).run(now)).toThrow(/UNIQUE/);
    // An offer must name a real slot and decision.
    expect(() =>
      db.prepare(`INSERT INTO second_round_offers (id, offer_id, interview_id, decision_id, slot_id, offered_by, offered_at) VALUES ('r9', 'o9', 'iv1', 'd1', 'nope', 'm', ?)`).run(now),
    ).toThrow(/FOREIGN KEY/);
    // Erasure on request deletes the interview: its offers go with it.
    db.prepare(`DELETE FROM interviews WHERE id = 'iv1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM second_round_offers').get()).toEqual({ n: 0 });
    db.close();
  });
});
