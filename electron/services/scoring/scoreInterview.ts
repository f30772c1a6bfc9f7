/**
 * Scoring an interview end to end: answers → features → ONNX model → exact explanation →
 * applicant feedback → one row in `scores` (+ audit entry). The safe wrapper is what the
 * interview's finish hook calls: any failure becomes a stored 'not_scored' row with a reason a
 * manager can act on, never a crashed interview.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobPack } from '../../../core/packs/packSchema.js';
import { ErrorCode, isKioskError, KioskError } from '../../../core/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { packValue, unpackValue } from '../db/compactJson.js';
import { nowIso } from '../../../core/ids.js';
import { readScoreRow } from './scoreStore.js';
import { createLogger } from '../../../core/logger.js';
import { explain, type ScoreResult } from '../../../core/scoring/explain.js';
import { computeFeatures, featureGroup } from '../../../core/scoring/features.js';
import type { AnswerAnalysis } from '../../../core/scoring/answerAnalysis.js';
import { ANSWER_FEATURES } from '../../../core/scoring/weightsFile.js';
import { buildFeedback, type Feedback } from './feedback.js';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';
import { loadScoringInput } from './loadScoringInput.js';
import { loadModel, modelFileFor, runModel, type LoadedModel } from '../../../core/scoring/model.js';
import type { ScoringPolicy } from '../../../core/scoring/policy.js';
import { readPolicy } from './policySetting.js';

const log = createLogger('scoring');

export type Scored = { result: ScoreResult; feedback: Feedback; analyses?: Map<string, AnswerAnalysis> };
export type StoredScore = { status: 'scored'; modelVersion: string; result: ScoreResult; feedback: Feedback; createdAt: string } | { status: 'not_scored'; reason: string; createdAt: string };

/** Refuses a model built for another pack, an old-format model, or one that refers to questions/indicators the pack lacks. */
export function checkModelFitsPack(model: LoadedModel, pack: JobPack): void {
  const w = model.weights;
  if (w.packId !== pack.id) throw new KioskError(ErrorCode.ModelInvalid, `The scoring model is for job "${w.packId}", not "${pack.id}". Install the right model.`);
  if (w.formatVersion !== 2 || !w.answerModel || !w.exemplars)
    throw new KioskError(
      ErrorCode.ModelInvalid,
      `The scoring model ${model.modelVersion} was made for the old keyword scoring and is no longer used. The answers are saved: ask head office for a current model.`,
    );
  const known = new Set<string>();
  for (const q of pack.questions) {
    for (const c of q.competencies) for (const k of ANSWER_FEATURES) known.add(`${k}:${q.id}:${c}`);
    for (const i of q.indicators) known.add(`ind:${q.id}:${i.competency}:${i.id}`);
  }
  const comps = new Set(pack.competencies.map((c) => c.id));
  const missing = w.features.filter((f) => featureGroup(f.id) === 'text' && !known.has(f.id)).map((f) => f.id);
  const missingComps = w.competencies.filter((c) => !comps.has(c.id)).map((c) => c.id);
  if (missing.length || missingComps.length) {
    throw new KioskError(
      ErrorCode.ModelInvalid,
      `The scoring model (${model.modelVersion}, built for pack version ${w.packVersion}) does not match job pack version ${pack.version}: ` +
        `${[...missingComps, ...missing].slice(0, 3).join(', ')} not in the pack. Ask head office for a model for this pack version.`,
    );
  }
}

export async function scoreInput(pack: JobPack, input: ScoringInput, model: LoadedModel, policy: ScoringPolicy): Promise<Scored> {
  checkModelFitsPack(model, pack);
  const fv = computeFeatures(pack, model.weights, input, policy);
  const out = await runModel(model, fv.x);
  const result = explain(pack, model.weights, fv, out, { modelVersion: model.modelVersion, weightsHash: model.weightsHash, policy });
  return { result, feedback: buildFeedback(pack, result, input), analyses: fv.analyses };
}

export type ScoreOptions = {
  modelsDir: string;
  modelFile?: string;
  /** Folders checked first for <packId>.onnx, e.g. models head office published via sync. */
  preferDirs?: string[];
  /** The time a score row is stamped with (the app's clock); without one, now. */
  clock?: () => Date;
};

const stampOf = (opts: ScoreOptions): string => (opts.clock ? opts.clock().toISOString() : nowIso());

/** A published model (sync downlink) wins over the one shipped with the app. */
export function resolveModelFile(opts: ScoreOptions, packId: string): string {
  if (opts.modelFile) return opts.modelFile;
  for (const dir of opts.preferDirs ?? []) {
    const f = path.join(dir, `${packId}.onnx`);
    if (fs.existsSync(f)) return f;
  }
  return modelFileFor(opts.modelsDir, packId);
}

/** Scores and stores; throws on failure (use scoreInterviewSafely from the finish hook). */
export async function scoreInterview(db: Db, interviewId: string, pack: JobPack, opts: ScoreOptions): Promise<Scored> {
  const started = performance.now();
  const input = loadScoringInput(db, interviewId);
  if (!input) throw new KioskError(ErrorCode.NotFound, 'This interview was not found.');
  const model = await loadModel(resolveModelFile(opts, pack.id));
  const scored = await scoreInput(pack, input, model, readPolicy(db));
  storeScore(db, interviewId, { status: 'scored', modelVersion: scored.result.modelVersion, result: scored.result, feedback: scored.feedback, createdAt: stampOf(opts) });
  log.info(`scored interview in ${(performance.now() - started).toFixed(1)} ms with ${scored.result.modelVersion}`);
  return scored;
}

export async function scoreInterviewSafely(db: Db, interviewId: string, pack: JobPack, opts: ScoreOptions): Promise<{ scored: boolean; feedback: Feedback | null }> {
  try {
    const s = await scoreInterview(db, interviewId, pack, opts);
    return { scored: true, feedback: s.feedback };
  } catch (e) {
    const reason = isKioskError(e) ? e.message : 'Scoring failed unexpectedly. The answers are saved: review them by hand.';
    log.warn(`interview not scored (${isKioskError(e) ? e.code : 'unexpected'})`, e);
    try {
      storeScore(db, interviewId, { status: 'not_scored', reason, createdAt: stampOf(opts) });
    } catch (e2) {
      log.error('could not record the not-scored status', e2);
    }
    return { scored: false, feedback: null };
  }
}

export function storeScore(db: Db, interviewId: string, s: StoredScore): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO scores (interview_id, status, reason, model_version, result, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(interview_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, model_version = excluded.model_version,
         result = excluded.result, created_at = excluded.created_at`,
    ).run(
      interviewId,
      s.status,
      s.status === 'not_scored' ? s.reason : null,
      s.status === 'scored' ? s.modelVersion : null,
      // Flat shape ({...result, feedback}) so readers can take competencies/overall/band directly;
      // stored compact (db/compactJson.ts), read back with readStoredResult.
      s.status === 'scored' ? packValue({ ...s.result, feedback: s.feedback }) : null,
      s.createdAt,
    );
    appendAudit(
      db,
      {
        actor: 'system',
        action: s.status === 'scored' ? 'interview.scored' : 'interview.not_scored',
        subject: interviewId,
        detail: s.status === 'scored' ? { modelVersion: s.modelVersion, band: s.result.band, overall: s.result.overall } : { reason: s.reason },
      },
      new Date(s.createdAt),
    );
  })();
}

export function readScore(db: Db, interviewId: string): StoredScore | null {
  const row = readScoreRow(db, interviewId);
  if (!row) return null;
  if (row.status === 'not_scored') return { status: 'not_scored', reason: row.reason ?? '', createdAt: row.created_at };
  const { feedback, ...result } = unpackValue<ScoreResult & { feedback: Feedback }>(row.result)!;
  return { status: 'scored', modelVersion: row.model_version!, result, feedback, createdAt: row.created_at };
}
