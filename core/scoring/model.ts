/**
 * Loads a scoring model once per file (cached by path, size and mtime), checks that its
 * embedded weights match its declared hash, and runs it through onnxruntime-node. Every run is
 * cross-checked against the embedded weights, so an explanation can never disagree with the
 * number the model produced.
 */
import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { ErrorCode, KioskError } from '../errors.js';
import { createLogger } from '../logger.js';
import { readModelMetadata } from './onnxMetadata.js';
import { evaluateWeights, WeightsFile, weightsHash } from './weightsFile.js';

const log = createLogger('scoring.model');

export type LoadedModel = {
  file: string;
  session: ort.InferenceSession;
  weights: WeightsFile;
  /** "<packId>@<modelVersion>", stored with every score. */
  modelVersion: string;
  weightsHash: string;
  loadMs: number;
};
export type ModelOutput = { raw: number[]; scores: number[]; overall: number };

export const modelFileFor = (modelsDir: string, packId: string): string => path.join(modelsDir, 'scoring', 'built', `${packId}.onnx`);

const cache = new Map<string, { key: string; model: Promise<LoadedModel> }>();

export function loadModel(file: string): Promise<LoadedModel> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return Promise.reject(
      new KioskError(
        ErrorCode.ModelMissing,
        `No scoring model is installed for this job (${path.basename(file)} is missing). The answers are saved: review them by hand, or sync to receive the model.`,
      ),
    );
  }
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = cache.get(file);
  if (hit && hit.key === key) return hit.model;
  const model = loadUncached(file);
  cache.set(file, { key, model });
  // A failed load is not cached: a fixed file is picked up on the next interview.
  model.catch(() => cache.get(file)?.model === model && cache.delete(file));
  return model;
}

export const clearModelCache = (): void => cache.clear();

async function loadUncached(file: string): Promise<LoadedModel> {
  return loadModelFromBytes(fs.readFileSync(file), file);
}

/** Loads a model held in memory (CLI --weights, tests); `file` names it in messages. */
export async function loadModelFromBytes(bytes: Uint8Array, file: string): Promise<LoadedModel> {
  const started = performance.now();
  const invalid = (why: string, cause?: unknown) =>
    new KioskError(
      ErrorCode.ModelInvalid,
      `The scoring model ${path.basename(file)} is damaged or incompatible (${why}). The answers are saved: review them by hand and ask head office for a new model.`,
      { cause },
    );
  let meta: Record<string, string>;
  try {
    meta = readModelMetadata(bytes);
  } catch (e) {
    throw invalid('unreadable file', e);
  }
  if (!meta.weights_json) throw invalid('no embedded weights');
  let weights: WeightsFile;
  try {
    weights = WeightsFile.parse(JSON.parse(meta.weights_json));
  } catch (e) {
    throw invalid('embedded weights are not valid', e);
  }
  const hash = weightsHash(weights);
  if (hash !== meta.weights_sha256) throw invalid('weights hash does not match');
  if (meta.features !== JSON.stringify(weights.features.map((f) => f.id))) throw invalid('feature list does not match the weights');
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (e) {
    throw invalid('onnxruntime could not load it', e);
  }
  for (const name of ['raw', 'scores', 'overall']) if (!session.outputNames.includes(name)) throw invalid(`output "${name}" missing`);
  const loadMs = performance.now() - started;
  log.info(`loaded ${path.basename(file)} (${weights.packId}@${weights.modelVersion}, ${weights.features.length} features) in ${loadMs.toFixed(1)} ms`);
  return { file, session, weights, modelVersion: `${weights.packId}@${weights.modelVersion}`, weightsHash: hash, loadMs };
}

/** Tolerance for the onnxruntime ↔ weights-file cross-check; float64 agrees to ~1e-12. */
export const CROSS_CHECK_TOLERANCE = 1e-6;

export async function runModel(model: LoadedModel, x: Float64Array): Promise<ModelOutput> {
  const F = model.weights.features.length;
  if (x.length !== F) throw new KioskError(ErrorCode.ModelInvalid, `The scoring model expects ${F} features but got ${x.length}.`);
  const out = await model.session.run({ features: new ort.Tensor('float64', x, [1, F]) });
  const res: ModelOutput = {
    raw: Array.from(out.raw!.data as Float64Array),
    scores: Array.from(out.scores!.data as Float64Array),
    overall: (out.overall!.data as Float64Array)[0]!,
  };
  const expect = evaluateWeights(model.weights, x);
  const worst = Math.max(Math.abs(expect.overall - res.overall), ...expect.raw.map((v, i) => Math.abs(v - res.raw[i]!)), ...expect.scores.map((v, i) => Math.abs(v - res.scores[i]!)));
  if (!(worst <= CROSS_CHECK_TOLERANCE)) {
    throw new KioskError(
      ErrorCode.ModelInvalid,
      `The scoring model ${path.basename(model.file)} computes something other than its declared weights (difference ${worst}). Ask head office for a new model.`,
    );
  }
  return res;
}
