import { describe, expect, it } from 'vitest';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';
import { heldInterviewsAt } from './migrationSeed.js';

describe('migration 0110: second-round slots and bookings', () => {
  it('adds the calendar to a database with decisions, keeps one live booking per interview, and checks dates, times and places', () => {
    const now = new Date().toISOString();
    const db = heldInterviewsAt(90, ['iv1', 'iv2'], ['iv1'], now);
    expect(runMigrations(db, migrations, 110)).toBe(110);
    expect(db.prepare(`SELECT decision FROM decisions WHERE id = 'd1'`).get()).toEqual({ decision: 'hold' });

    const slot = db.prepare(`INSERT INTO second_round_slots (id, date, start_time, place, capacity, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'm', ?)`);
    slot.run('s1', '2027-01-12', '14:30', 'Office', 2, now);
    expect(() => slot.run('s2', '12/01/2027', '14:30', 'Office', 1, now)).toThrow(/CHECK/);
    expect(() => slot.run('s3', '2027-01-12', '2pm', 'Office', 1, now)).toThrow(/CHECK/);
    expect(() => slot.run('s4', '2027-01-12', '15:00', '', 1, now)).toThrow(/CHECK/);
    expect(() => slot.run('s5', '2027-01-12', '15:00', 'Office', 0, now)).toThrow(/CHECK/);
    expect(() => slot.run('s6', '2027-01-12', '14:30', 'Office', 1, now)).toThrow(/UNIQUE/);

    const book = db.prepare(`INSERT INTO second_round_bookings (id, interview_id, slot_id, decision_id, booked_by, booked_at) VALUES (?, ?, 's1', 'd1', 'm', ?)`);
    book.run('b1', 'iv1', now);
    expect(() => book.run('b2', 'iv1', now)).toThrow(/UNIQUE/);
    db.prepare(`UPDATE second_round_bookings SET released_at = ?, release_cause = 'decision-undone' WHERE id = 'b1'`).run(now);
    book.run('b3', 'iv1', now);
    expect(() => db.prepare(`UPDATE second_round_bookings SET release_cause = 'whim' WHERE id = 'b1'`).run()).toThrow(/CHECK/);
    // Deleting the interview (erasure on request) takes its bookings with it.
    db.prepare(`DELETE FROM interviews WHERE id = 'iv1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM second_round_bookings').get()).toEqual({ n: 0 });
    db.close();
  });
});
