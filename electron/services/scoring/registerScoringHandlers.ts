import type { AppContext } from '../app/appContext.js';
import { downlinkDirs } from '../sync/downlink.js';
import { createLogger } from '../../../core/logger.js';
import { loadModel } from '../../../core/scoring/model.js';
import { followUpReason } from './followUp.js';
import { readPolicy, writePolicy } from './policySetting.js';
import { resolveModelFile, scoreInterviewSafely, type ScoreOptions } from './scoreInterview.js';
import { packOfFinished, scoringReport } from './scoringReport.js';
import { getJieba } from '../../../core/scoring/text.js';

const log = createLogger('scoring');
/** Long enough that short-lived apps (tests, CLI) never pay for it; far shorter than any interview. */
const WARM_UP_DELAY_MS = 3000;

/**
 * Installs the interview finish hook (score → store → applicant feedback; never throws) and the
 * manager's scoring channels. Scores are stamped with the app's clock; the models are warmed up
 * `jobs.warmUpMs` after start.
 */
export function registerScoringHandlers(ctx: AppContext, jobs: { warmUpMs?: number } = {}): void {
  const opts: ScoreOptions = { modelsDir: ctx.config.modelsDir, preferDirs: [downlinkDirs(ctx.config.dataDir).modelsDir], clock: ctx.clock };
  ctx.hooks.onFinish = (db, interviewId, pack) => scoreInterviewSafely(db, interviewId, pack, opts);
  ctx.hooks.followUpReason = (pack, questionId, text) => followUpReason(pack, questionId, text, resolveModelFile(opts, pack.id));

  // Load the segmenter's dictionary (0.4–1.5 s) and each opening's model while the kiosk is
  // idle, so the finish screen does not wait for them. A missing model is only logged here;
  // the finish hook records it as 'not scored' for the manager.
  const warm = setTimeout(() => {
    try {
      getJieba();
    } catch (e) {
      log.warn('segmenter warm-up failed', e);
    }
    for (const { pack } of ctx.packs.current().packs) {
      loadModel(resolveModelFile(opts, pack.id)).catch((e: unknown) => log.warn(`no usable scoring model for ${pack.id}`, e));
    }
  }, jobs.warmUpMs ?? WARM_UP_DELAY_MS);
  warm.unref();
  ctx.disposers.push(() => clearTimeout(warm));

  const r = ctx.registry;
  r.register('scoring:report', ({ interviewId }) => scoringReport(ctx.db, interviewId));
  r.register('scoring:rescore', async ({ interviewId }) => {
    await scoreInterviewSafely(ctx.db, interviewId, packOfFinished(ctx.db, interviewId), opts);
    return scoringReport(ctx.db, interviewId);
  });
  r.register('scoring:policy', () => readPolicy(ctx.db));
  r.register('scoring:setPolicy', (policy, call) => {
    writePolicy(ctx.db, policy, call.userName ?? 'manager');
    return readPolicy(ctx.db);
  });
}
