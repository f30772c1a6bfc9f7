import type { AppContext } from '../app/appContext.js';
import { SELFID_EXPLAIN, selfIdQuestions, submitSelfId } from './selfId.js';

/** The optional self-identification screen after a finished interview (selfId.ts). */
export function registerSelfIdHandlers(ctx: AppContext) {
  ctx.registry.register('selfid:questions', () => ({ questions: selfIdQuestions(ctx.db), explain: SELFID_EXPLAIN }));
  ctx.registry.register('selfid:submit', (i) => submitSelfId(ctx.db, i, ctx.clock()));
}
