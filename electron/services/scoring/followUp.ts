/**
 * Whether an answer gets the one follow-up question: when it is gated (empty, one or two words,
 * a keyword list, a copy of the question, off topic) or thin (very short, or no good act named
 * and not close to any good graded answer). Uses the model's exemplars when the model is loaded,
 * the rubric alone otherwise; never throws (a failure means no follow-up, logged).
 */
import type { JobPack } from '../../shared/packs/packSchema.js';
import { createLogger } from '../util/logger.js';
import { analyseAnswer } from './answerAnalysis.js';
import { questionContexts } from './features.js';
import { questionContext } from './answerAnalysis.js';
import type { LoadedModel } from './model.js';

const log = createLogger('scoring.followup');

export function followUpReason(pack: JobPack, questionId: string, text: string, model: LoadedModel | null): string | null {
  try {
    const q = pack.questions.find((qq) => qq.id === questionId);
    if (!q) return null;
    const ctx = model && model.weights.packId === pack.id && model.weights.exemplars ? questionContexts(pack, model.weights).get(q.id)! : questionContext(q, null);
    const a = analyseAnswer(q, text, ctx);
    return a.gate ?? (a.isThin ? 'thin' : null);
  } catch (e) {
    log.warn('follow-up check failed; no follow-up asked', e);
    return null;
  }
}
