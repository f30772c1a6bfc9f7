import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * applicant.deleted, version 1: the tombstone of a deletion on request. Lists every applicant
 * row, interview and call-back request the kiosk deleted; head office erases their payloads.
 */
export const ApplicantDeletedV1 = z.strictObject({
  v: z.literal(1),
  tombstoneId: Id,
  /** Applicant rows deleted (those no remaining interview still needed). */
  applicantIds: z.array(Id),
  interviewIds: z.array(Id),
  humanRequestIds: z.array(Id),
  reason: z.string().max(2000),
  deletedAt: Timestamp,
});
export type ApplicantDeletedV1 = z.infer<typeof ApplicantDeletedV1>;

/** Category ids offered by the kiosk's self-ID questions; null: "prefer not to say". */
const Category = z.string().min(1).max(40).nullable();

/**
 * selfid.recorded, version 1: optional self-identification after the interview. Head office
 * keeps it apart from everything else (adverse-impact reports only; docs/fairness.md).
 */
export const SelfIdRecordedV1 = z.strictObject({
  v: z.literal(1),
  interviewId: Id,
  gender: Category,
  ageBand: Category,
});
export type SelfIdRecordedV1 = z.infer<typeof SelfIdRecordedV1>;
