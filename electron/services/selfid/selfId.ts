import { ErrorCode, KioskError } from '../../../core/errors.js';
import { getSetting } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { t, type Question } from './defaultQuestions.js';

export { DEFAULT_SELFID } from './defaultQuestions.js';
export const PREFER_NOT = 'prefer-not';

/** The store's questions (its jurisdiction's, else the defaults), each with "prefer not to say" last. */
export function selfIdQuestions(db: Db): Question[] {
  return getSetting(db, 'selfid.questions').map((q) => ({ ...q, options: [...q.options, { id: PREFER_NOT, label: t('不想回答', 'Prefer not to say') }] }));
}

export const SELFID_EXPLAIN = t(
  '以下问题完全自愿，和你的面试结果无关，不会用于评分。我们只用汇总数据检查招聘是否对所有人公平。',
  'These questions are voluntary and have nothing to do with your interview result; they are never used for scoring. We only use totals to check that hiring is fair to everyone.',
);

/**
 * Stores the applicant's optional answers after a finished interview (apart from every scoring
 * input), audited and queued for head office's fairness report. "Prefer not to say" and an
 * unanswered question are stored as null; a choice that was not offered is refused. A practice
 * interview (not in this database) stores nothing and is not an error for the applicant.
 */
export function submitSelfId(db: Db, input: { interviewId: string; answers: Partial<Record<'gender' | 'ageBand', string>> }, now: Date): { stored: boolean } {
  const { interviewId, answers } = input;
  const iv = db.prepare(`SELECT status FROM interviews WHERE id = ?`).get(interviewId) as { status: string } | undefined;
  if (!iv) return { stored: false };
  if (iv.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'Self-identification is offered after the interview is finished.');
  const questions = selfIdQuestions(db);
  const pick = (id: 'gender' | 'ageBand') => {
    const v = answers[id];
    if (v === undefined || v === PREFER_NOT) return null;
    if (!questions.find((q) => q.id === id)?.options.some((o) => o.id === v)) throw new KioskError(ErrorCode.InvalidInput, `"${v}" is not one of the offered choices.`);
    return v;
  };
  const gender = pick('gender');
  const ageBand = pick('ageBand');
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO self_identification (interview_id, gender, age_band, created_at) VALUES (?, ?, ?, ?)').run(interviewId, gender, ageBand, now.toISOString());
    appendAudit(db, { actor: 'applicant', action: 'selfid.recorded', subject: interviewId }, now);
    enqueueOutbox(db, 'selfid.recorded', interviewId, { v: 1, interviewId, gender, ageBand }, now);
  })();
  return { stored: true };
}
