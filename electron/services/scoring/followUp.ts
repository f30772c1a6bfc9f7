/**
 * Whether an answer gets the one follow-up question: when it is gated (empty, one or two words,
 * a keyword list, a copy of the question, off topic) or thin (very short, or no good act named
 * and not close to any good graded answer). "Thin" is judged against the graded exemplars in the
 * job's scoring model, read synchronously from the model file (metadata only, no inference
 * session); a job with no usable model asks no follow-up (its answers go to the manager as they
 * are). Never throws: a failure means no follow-up, logged.
 */
import fs from 'node:fs';
import type { JobPack } from '../../../core/packs/packSchema.js';
import { createLogger } from '../../../core/logger.js';
import { analyseAnswer } from '../../../core/scoring/answerAnalysis.js';
import { questionContexts } from '../../../core/scoring/features.js';
import { readModelMetadata } from '../../../core/scoring/onnxMetadata.js';
import { WeightsFile, weightsHash } from '../../../core/scoring/weightsFile.js';

const log = createLogger('scoring.followup');
const cache = new Map<string, { key: string; weights: WeightsFile | null }>();

/** The weights embedded in a model file, checked against their hash; null when missing or unusable. */
export function modelWeightsSync(file: string): WeightsFile | null {
  let key: string;
  try {
    const st = fs.statSync(file);
    key = `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
  const hit = cache.get(file);
  if (hit?.key === key) return hit.weights;
  let weights: WeightsFile | null = null;
  try {
    const meta = readModelMetadata(fs.readFileSync(file));
    const w = WeightsFile.parse(JSON.parse(meta.weights_json ?? 'null'));
    weights = weightsHash(w) === meta.weights_sha256 && w.formatVersion === 2 && w.exemplars ? w : null;
  } catch (e) {
    log.warn(`cannot read the model's exemplars (${file}); no follow-up questions for this job`, e);
  }
  cache.set(file, { key, weights });
  return weights;
}

export function followUpReason(pack: JobPack, questionId: string, text: string, modelFile: string): string | null {
  try {
    const q = pack.questions.find((qq) => qq.id === questionId);
    const weights = q ? modelWeightsSync(modelFile) : null;
    if (!q || !weights || weights.packId !== pack.id) return null;
    const a = analyseAnswer(q, text, questionContexts(pack, weights).get(q.id)!);
    return a.gate ?? (a.isThin ? 'thin' : null);
  } catch (e) {
    log.warn('follow-up check failed; no follow-up asked', e);
    return null;
  }
}
