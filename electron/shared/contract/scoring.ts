import { z } from 'zod';
import { channel } from './define.js';
import { Feedback } from './interview.js';
import { AnswerGate, AnswerScore, Contribution, EvidenceItem, ScoreResult, ScoringBand, ScoringPolicy } from '../../../core/scoring/scoreResult.js';
export { AnswerGate, AnswerScore, Contribution, EvidenceItem, ScoreResult, ScoringBand, ScoringPolicy };

/**
 * Scoring: the manager's view of one interview's scores with exact explanations, the store's
 * scoring policy, and re-scoring after a model was installed or fixed.
 */

export const ScoringReport = z.object({
  status: z.enum(['scored', 'not_scored', 'missing']),
  /** Why there is no score, in words a manager can act on. */
  reason: z.string().nullable(),
  modelVersion: z.string().nullable(),
  result: ScoreResult.nullable(),
  feedback: Feedback.nullable(),
});

export const scoringContract = {
  'scoring:report': channel(z.strictObject({ interviewId: z.string() }), ScoringReport, 'staff'),
  'scoring:rescore': channel(z.strictObject({ interviewId: z.string() }), ScoringReport, 'manager'),
  'scoring:policy': channel(z.strictObject({}), ScoringPolicy, 'staff'),
  'scoring:setPolicy': channel(ScoringPolicy, ScoringPolicy, 'manager'),
};
