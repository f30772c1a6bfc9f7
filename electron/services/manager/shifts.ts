import type { z } from 'zod';
import type { ShiftMatch, ShiftView } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AvailabilityCell, Day } from '../../../core/packs/packSchema.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { ulid } from '../../../core/ids.js';
import { requireFinishedInterview } from './applicantDetail.js';
import { currentDecision, statusOf } from './reviewState.js';
import { fitsAvailability, shiftsOverlap } from './shiftFit.js';

type ShiftRow = { id: string; day: Day; start_time: string; end_time: string; role: string; pack_id: string | null; headcount: number; note: string | null; filled: number };

const SHIFT_SELECT = `SELECT s.id, s.day, s.start_time, s.end_time, s.role, s.pack_id, s.headcount, s.note,
  (SELECT count(*) FROM shift_assignments a WHERE a.shift_id = s.id) AS filled
  FROM shifts s WHERE s.removed_at IS NULL`;
const DAY_ORDER = `CASE s.day WHEN 'mon' THEN 1 WHEN 'tue' THEN 2 WHEN 'wed' THEN 3 WHEN 'thu' THEN 4 WHEN 'fri' THEN 5 WHEN 'sat' THEN 6 ELSE 7 END`;

const view = (r: ShiftRow): z.infer<typeof ShiftView> => ({
  id: r.id,
  day: r.day,
  start: r.start_time,
  end: r.end_time,
  role: r.role,
  packId: r.pack_id,
  headcount: r.headcount,
  filled: r.filled,
  note: r.note,
});

export const listShifts = (db: Db): z.infer<typeof ShiftView>[] => (db.prepare(`${SHIFT_SELECT} ORDER BY ${DAY_ORDER}, s.start_time`).all() as ShiftRow[]).map(view);

export function saveShift(db: Db, actor: string, input: { day: Day; start: string; end: string; role: string; packId: string | null; headcount: number; note: string | null }, now: Date) {
  if (input.start === input.end) throw new KioskError(ErrorCode.InvalidInput, 'A shift needs different start and end times.', { reason: 'shift.sameTimes' });
  const id = ulid(now.getTime());
  db.transaction(() => {
    db.prepare('INSERT INTO shifts (id, day, start_time, end_time, role, pack_id, headcount, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.day,
      input.start,
      input.end,
      input.role,
      input.packId,
      input.headcount,
      input.note,
      now.toISOString(),
    );
    appendAudit(db, { actor, action: 'shift.added', subject: id, detail: { day: input.day, start: input.start, end: input.end, headcount: input.headcount } });
  })();
  return view(db.prepare(`${SHIFT_SELECT} AND s.id = ?`).get(id) as ShiftRow);
}

export function removeShift(db: Db, actor: string, shiftId: string, now: Date): boolean {
  const filled = (db.prepare('SELECT count(*) AS n FROM shift_assignments WHERE shift_id = ?').get(shiftId) as { n: number }).n;
  if (filled > 0) throw new KioskError(ErrorCode.Conflict, 'People are scheduled on this shift. Move them to another shift first.', { reason: 'shift.hasPeople' });
  const r = db.transaction(() => {
    const changed = db.prepare('UPDATE shifts SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now.toISOString(), shiftId).changes;
    if (changed) appendAudit(db, { actor, action: 'shift.removed', subject: shiftId });
    return changed;
  })();
  return r > 0;
}

/** The same person may have applied more than once (same mobile): their shifts all count for conflicts. */
function personsAssignments(db: Db, interviewId: string): { shiftId: string; interviewId: string; day: Day; start: string; end: string; role: string }[] {
  return db
    .prepare(
      `SELECT s.id AS shiftId, a.interview_id AS interviewId, s.day, s.start_time AS start, s.end_time AS "end", s.role
       FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id JOIN interviews i ON i.id = a.interview_id
       WHERE i.applicant_id IN (SELECT id FROM applicants WHERE mobile = (SELECT ap.mobile FROM interviews iv JOIN applicants ap ON ap.id = iv.applicant_id WHERE iv.id = ?))
          OR a.interview_id = ?`,
    )
    .all(interviewId, interviewId) as { shiftId: string; interviewId: string; day: Day; start: string; end: string; role: string }[];
}

function availabilityOf(db: Db, interviewId: string): AvailabilityCell[] {
  const row = db.prepare('SELECT a.availability_json FROM interviews i JOIN applicants a ON a.id = i.applicant_id WHERE i.id = ?').get(interviewId) as { availability_json: string } | undefined;
  return row ? (JSON.parse(row.availability_json) as AvailabilityCell[]) : [];
}

/** Open shifts for this applicant: those that fit their availability first; full and clashing ones flagged. */
export function shiftMatches(db: Db, interviewId: string): z.infer<typeof ShiftMatch>[] {
  const iv = requireFinishedInterview(db, interviewId);
  const availability = availabilityOf(db, interviewId);
  const mine = personsAssignments(db, interviewId);
  const matches = listShifts(db).map((s) => {
    const isAssigned = mine.some((m) => m.shiftId === s.id && m.interviewId === iv.id);
    const clash = mine.find((m) => m.shiftId !== s.id && shiftsOverlap(m, s));
    return {
      ...s,
      fitsAvailability: fitsAvailability(availability, s.day, s.start, s.end),
      isFull: !isAssigned && s.filled >= s.headcount,
      conflictsWith: clash ? `${clash.day} ${clash.start}–${clash.end} ${clash.role}` : null,
      isAssigned,
    };
  });
  const rank = (m: (typeof matches)[number]) => (m.isAssigned ? 0 : m.fitsAvailability && !m.isFull && !m.conflictsWith ? 1 : m.fitsAvailability ? 2 : 3);
  const samePack = (m: (typeof matches)[number]) => (m.packId === null || m.packId === iv.pack_id ? 0 : 1);
  return matches.sort((a, b) => rank(a) - rank(b) || samePack(a) - samePack(b));
}

export function assignShift(db: Db, actor: string, input: { interviewId: string; shiftId: string; startDate: string }, now: Date) {
  const iv = requireFinishedInterview(db, input.interviewId);
  if (currentDecision(db, iv.id)?.decision !== 'pass') throw new KioskError(ErrorCode.Conflict, 'Only applicants who passed can be scheduled. Decide "pass" first.', { reason: 'shift.notPassed' });
  const match = shiftMatches(db, iv.id).find((m) => m.id === input.shiftId);
  if (!match) throw new KioskError(ErrorCode.NotFound, 'That shift no longer exists.', { reason: 'shift.gone' });
  if (match.isAssigned) return { status: statusOf(db, iv.id, iv.status) };
  if (match.isFull) throw new KioskError(ErrorCode.Conflict, `This shift is full (${match.filled} of ${match.headcount}). Raise its headcount or pick another shift.`, { reason: 'shift.full' });
  if (match.conflictsWith) throw new KioskError(ErrorCode.Conflict, `This overlaps a shift the applicant already has (${match.conflictsWith}).`, { reason: 'shift.overlap' });
  db.transaction(() => {
    db.prepare('INSERT INTO shift_assignments (id, shift_id, interview_id, start_date, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      ulid(now.getTime()),
      input.shiftId,
      iv.id,
      input.startDate,
      actor,
      now.toISOString(),
    );
    appendAudit(db, { actor, action: 'shift.assigned', subject: iv.id, detail: { shiftId: input.shiftId, startDate: input.startDate, fitsAvailability: match.fitsAvailability } });
    enqueueOutbox(db, 'shift.assigned', iv.id, { v: 1, interviewId: iv.id, shiftId: input.shiftId, startDate: input.startDate, assignedBy: actor, assignedAt: now.toISOString() });
  })();
  return { status: statusOf(db, iv.id, iv.status) };
}

export function unassignShift(db: Db, actor: string, interviewId: string, shiftId: string, now: Date) {
  const iv = requireFinishedInterview(db, interviewId);
  db.transaction(() => {
    const n = db.prepare('DELETE FROM shift_assignments WHERE interview_id = ? AND shift_id = ?').run(interviewId, shiftId).changes;
    if (n) {
      appendAudit(db, { actor, action: 'shift.unassigned', subject: interviewId, detail: { shiftId } });
      enqueueOutbox(db, 'shift.unassigned', interviewId, { v: 1, interviewId, shiftId, cause: 'manager', unassignedBy: actor, unassignedAt: now.toISOString() });
    }
  })();
  return { status: statusOf(db, iv.id, iv.status) };
}
