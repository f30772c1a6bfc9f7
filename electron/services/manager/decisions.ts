import type { z } from 'zod';
import type { Decision, DecisionView } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { sha256Hex, ulid } from '../../../core/ids.js';
import { decisionView, requireFinishedInterview, UNDO_WINDOW_MS } from './applicantDetail.js';
import { currentDecision, readScore, recommendationFor, type DecisionRow } from './reviewState.js';
import { bookSecondRound, offerSecondRound, releaseSecondRound } from './secondRound.js';

/** `offerSlotIds`: slots the applicant chooses from on the phone page instead of a booked `slotId`; `hasPhonePage`: head office's store setting names that page. */
export type DecideInput = {
  interviewId: string;
  decision: Decision;
  reason: string | null;
  keepInPool?: boolean;
  slotId?: string | null | undefined;
  offerSlotIds?: readonly string[] | null | undefined;
  hasPhonePage?: boolean;
};

/**
 * A person decides every outcome; the score only recommends. Going against the recommendation
 * needs a written reason. Decision, audit entry and sync record are one transaction.
 */
export function decide(db: Db, actor: string, input: DecideInput, now: Date): z.infer<typeof DecisionView> {
  const iv = requireFinishedInterview(db, input.interviewId);
  if (iv.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'This interview is not finished, so there is nothing to decide yet.');
  const recommendation = recommendationFor(readScore(db, iv.id, iv.pack_hash).band);
  const isOverride = recommendation !== null && recommendation !== input.decision;
  const reason = input.reason?.trim() || null;
  if (isOverride && (!reason || reason.length < 3)) {
    throw new KioskError(ErrorCode.InvalidInput, 'This decision goes against the recommendation. Please write a short reason (it is kept in the audit log).');
  }
  // The talent pool is the applicant's own choice (a separate tick on the notice), not the store's.
  if (input.keepInPool && input.decision !== 'pass' && iv.pool_consent !== 1) {
    throw new KioskError(ErrorCode.InvalidInput, 'This applicant did not agree to be contacted about other jobs, so they cannot be kept in the talent pool.');
  }
  if ((input.slotId || input.offerSlotIds?.length) && input.decision !== 'hold') throw new KioskError(ErrorCode.InvalidInput, 'A second-round slot goes with the "second interview" decision only.');
  if (input.slotId && input.offerSlotIds?.length) throw new KioskError(ErrorCode.InvalidInput, 'Book one second-round slot or offer several for the applicant to choose, not both.');
  const id = ulid(now.getTime());
  const at = now.toISOString();
  db.transaction(() => {
    db.prepare('INSERT INTO decisions (id, interview_id, decision, recommendation, is_override, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      iv.id,
      input.decision,
      recommendation,
      isOverride ? 1 : 0,
      reason,
      actor,
      at,
    );
    // A new outcome other than pass releases any shift the applicant held.
    if (input.decision !== 'pass') releaseShifts(db, actor, iv.id, 'decision-changed', at, 'SELECT shift_id FROM shift_assignments WHERE interview_id = ?', [iv.id]);
    if (input.decision === 'pass') db.prepare('DELETE FROM talent_pool WHERE interview_id = ?').run(iv.id);
    else if (input.keepInPool) {
      db.prepare('INSERT INTO talent_pool (interview_id, pack_id, note, added_by, added_at) VALUES (?, ?, NULL, ?, ?) ON CONFLICT(interview_id) DO NOTHING').run(iv.id, iv.pack_id, actor, at);
    }
    // The audit chain can never be edited, so free text (which may name the applicant) stays
    // out of it: the reason lives in the decisions row, the chain keeps its hash.
    appendAudit(db, {
      actor,
      action: 'decision.made',
      subject: iv.id,
      detail: { decisionId: id, decision: input.decision, recommendation, isOverride, reasonSha256: reason ? sha256Hex(reason) : null, keepInPool: !!input.keepInPool },
    });
    enqueueOutbox(db, 'decision.made', iv.id, { v: 1, decisionId: id, interviewId: iv.id, decision: input.decision, recommendation, isOverride, reason, decidedBy: actor, decidedAt: at });
    // A new decision releases the last booking; a full slot refuses (and rolls back) the decision.
    releaseSecondRound(db, actor, iv.id, 'decision-changed', at);
    if (input.slotId) bookSecondRound(db, actor, iv.id, id, input.slotId, now);
    else if (input.offerSlotIds?.length) offerSecondRound(db, actor, iv.id, id, input.offerSlotIds, input.hasPhonePage === true, now);
  })();
  return decisionView(db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow, now);
}

/** Undo the latest decision within the undo window; the decision stays in history as undone. */
export function undoDecision(db: Db, actor: string, decisionId: string, now: Date): boolean {
  const d = db.prepare('SELECT * FROM decisions WHERE id = ?').get(decisionId) as DecisionRow | undefined;
  if (!d) throw new KioskError(ErrorCode.NotFound, 'That decision was not found.');
  if (d.undone_at) return false;
  if (currentDecision(db, d.interview_id)?.id !== d.id) throw new KioskError(ErrorCode.Conflict, 'Only the latest decision can be undone.');
  if (now.getTime() - Date.parse(d.decided_at) > UNDO_WINDOW_MS) {
    throw new KioskError(ErrorCode.Conflict, `Decisions can be undone only within ${UNDO_WINDOW_MS / 60_000} minutes. Make a new decision instead; both stay in the history.`);
  }
  const at = now.toISOString();
  db.transaction(() => {
    db.prepare('UPDATE decisions SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, actor, d.id);
    // Whatever followed from the decision goes with it.
    releaseShifts(db, actor, d.interview_id, 'decision-undone', at, 'SELECT shift_id FROM shift_assignments WHERE interview_id = ? AND assigned_at >= ?', [d.interview_id, d.decided_at]);
    db.prepare('DELETE FROM talent_pool WHERE interview_id = ? AND added_at >= ?').run(d.interview_id, d.decided_at);
    releaseSecondRound(db, actor, d.interview_id, 'decision-undone', at, d.decided_at);
    appendAudit(db, { actor, action: 'decision.undone', subject: d.interview_id, detail: { decisionId: d.id, decision: d.decision } });
    enqueueOutbox(db, 'decision.undone', d.interview_id, { v: 1, decisionId: d.id, interviewId: d.interview_id, undoneBy: actor, undoneAt: at });
  })();
  return true;
}

/** Removes the assignments the query selects and tells head office about each (same transaction as the caller). */
function releaseShifts(db: Db, actor: string, interviewId: string, cause: 'decision-changed' | 'decision-undone', at: string, select: string, params: string[]): void {
  for (const { shift_id: shiftId } of db.prepare(select).all(...params) as { shift_id: string }[]) {
    db.prepare('DELETE FROM shift_assignments WHERE interview_id = ? AND shift_id = ?').run(interviewId, shiftId);
    enqueueOutbox(db, 'shift.unassigned', interviewId, { v: 1, interviewId, shiftId, cause, unassignedBy: actor, unassignedAt: at });
  }
}
