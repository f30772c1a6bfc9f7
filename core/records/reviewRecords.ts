import { z } from 'zod';
import { Decision } from './shapes.js';
import { Id, Timestamp } from './common.js';

/** decision.made, version 1: the manager's pass / hold / fail (the system only recommended). */
export const DecisionMadeV1 = z.strictObject({
  v: z.literal(1),
  decisionId: Id,
  interviewId: Id,
  decision: Decision,
  /** What the score recommended; null when there was no score. */
  recommendation: Decision.nullable(),
  isOverride: z.boolean(),
  /** Required by the kiosk for an override. */
  reason: z.string().max(2000).nullable(),
  decidedBy: z.string().max(200),
  decidedAt: Timestamp,
});
export type DecisionMadeV1 = z.infer<typeof DecisionMadeV1>;

/** decision.undone, version 1: the latest decision was taken back within the undo window. */
export const DecisionUndoneV1 = z.strictObject({
  v: z.literal(1),
  decisionId: Id,
  interviewId: Id,
  undoneBy: z.string().max(200),
  undoneAt: Timestamp,
});
export type DecisionUndoneV1 = z.infer<typeof DecisionUndoneV1>;

/** shift.assigned, version 1: a passed applicant was scheduled on one of the store's shifts. */
export const ShiftAssignedV1 = z.strictObject({
  v: z.literal(1),
  interviewId: Id,
  shiftId: Id,
  startDate: z.string().max(40),
  assignedBy: z.string().max(200),
  assignedAt: Timestamp,
});
export type ShiftAssignedV1 = z.infer<typeof ShiftAssignedV1>;

/**
 * shift.unassigned, version 1: the assignment was removed — by the manager, or because a new
 * decision other than pass or an undo released it (the kiosk says which).
 */
export const ShiftUnassignedV1 = z.strictObject({
  v: z.literal(1),
  interviewId: Id,
  shiftId: Id,
  cause: z.enum(['manager', 'decision-changed', 'decision-undone']),
  unassignedBy: z.string().max(200),
  unassignedAt: Timestamp,
});
export type ShiftUnassignedV1 = z.infer<typeof ShiftUnassignedV1>;
