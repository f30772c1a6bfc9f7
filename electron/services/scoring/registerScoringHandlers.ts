import type { z } from 'zod';
import type { ScoringReport } from '../../shared/contract/scoring.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { JobPack } from '../../../core/packs/packSchema.js';
import { toCurrentPackFormat } from '../../../core/packs/upgradePack.js';
import type { AppContext } from '../app/appContext.js';
import type { Db } from '../db/openDatabase.js';
import { downlinkDirs } from '../sync/downlink.js';
import { createLogger } from '../../../core/logger.js';
import { loadModel } from '../../../core/scoring/model.js';
import { followUpReason } from './followUp.js';
import { readPolicy, writePolicy } from './policySetting.js';
import { readScore, resolveModelFile, scoreInterviewSafely, type ScoreOptions } from './scoreInterview.js';
import { getJieba } from '../../../core/scoring/text.js';

const log = createLogger('scoring');
/** Long enough that short-lived apps (tests, CLI) never pay for it; far shorter than any interview. */
const WARM_UP_DELAY_MS = 3000;

/**
 * Installs the interview finish hook (score → store → applicant feedback; never throws) and the
 * manager's scoring channels.
 */
export function registerScoringHandlers(ctx: AppContext): void {
  const opts: ScoreOptions = { modelsDir: ctx.config.modelsDir, preferDirs: [downlinkDirs(ctx.config.dataDir).modelsDir] };
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
  }, WARM_UP_DELAY_MS);
  warm.unref();
  ctx.disposers.push(() => clearTimeout(warm));

  const r = ctx.registry;
  r.register('scoring:report', ({ interviewId }) => report(ctx.db, interviewId));
  r.register('scoring:rescore', async ({ interviewId }) => {
    const pack = packOf(ctx.db, interviewId);
    await scoreInterviewSafely(ctx.db, interviewId, pack, opts);
    return report(ctx.db, interviewId);
  });
  r.register('scoring:policy', () => readPolicy(ctx.db));
  r.register('scoring:setPolicy', (policy, call) => {
    writePolicy(ctx.db, policy, call.userName ?? 'manager');
    return readPolicy(ctx.db);
  });
}

function report(db: Db, interviewId: string): z.infer<typeof ScoringReport> {
  const s = readScore(db, interviewId);
  if (!s) return { status: 'missing', reason: 'This interview has not been scored yet.', modelVersion: null, result: null, feedback: null };
  if (s.status === 'not_scored') return { status: 'not_scored', reason: s.reason, modelVersion: null, result: null, feedback: null };
  return { status: 'scored', reason: null, modelVersion: s.modelVersion, result: s.result, feedback: s.feedback };
}

function packOf(db: Db, interviewId: string): JobPack {
  const row = db
    .prepare(`SELECT s.json, i.status FROM interviews i JOIN pack_snapshots s ON s.hash = i.pack_hash WHERE i.id = ?`)
    .get(interviewId) as { json: string; status: string } | undefined;
  if (!row) throw new KioskError(ErrorCode.NotFound, 'This interview was not found.');
  if (row.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'Only finished interviews can be scored.');
  return JobPack.parse(toCurrentPackFormat(JSON.parse(row.json)));
}
