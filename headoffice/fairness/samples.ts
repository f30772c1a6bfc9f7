/**
 * Interviews as scoring sees them, rebuilt at head office: the feature vector is recomputed
 * from the synced interview record (answers, skills) with the kiosk's own feature code, so a
 * refit learns from exactly the inputs the model reads. Outcomes are joined by interview id.
 *
 * This file (and everything the refit path calls) never reads the self-ID table: self-identification
 * reaches only the adverse-impact check (impact.ts). A test holds that line.
 */
import { validatePack } from '../../core/packs/loadPacks.js';
import { computeFeatures } from '../../core/scoring/features.js';
import type { AnswerRecord, ScoringInput, SkillsRecord } from '../../core/scoring/interviewInput.js';
import { readModelMetadata } from '../../core/scoring/onnxMetadata.js';
import { DEFAULT_POLICY, type ScoringPolicy } from '../../core/scoring/policy.js';
import { WeightsFile } from '../../core/scoring/weightsFile.js';
import type { JobPack } from '../../core/packs/packSchema.js';
import { createLogger } from '../../core/logger.js';
import { parseRecord, type RecordPayload } from '../../core/records/registry.js';
import { DEFAULT_SHIPPED, readShipped, shippedPackFile, shippedWeightsFile, type ShippedFiles } from '../shipped.js';
import type { HoStore } from '../store/types.js';

export type OutcomeValues = { hireDate: string; retained30: 0 | 1 | null; retained90: 0 | 1 | null; rating: number | null };
/** What the kiosk's model said at the time (from the synced record). */
export type Deployed = { band: string | null; overall: number | null; modelVersion: string | null };
export type Sample = {
  interviewId: string;
  storeId: string;
  packId: string;
  finishedAt: string | null;
  /** Feature values in the order of the weights file they were computed for. */
  x: Float64Array;
  deployed: Deployed;
  outcome: OutcomeValues | null;
};

type Completed = RecordPayload<'interview.completed'>;

const log = createLogger('headoffice');

/**
 * The synced interview.completed record as stored. Ingest validated it; a row stored before
 * records were versioned does not parse and is left out (logged), never guessed at.
 */
export function completedRecord(id: string, payloadJson: string): Completed | null {
  const p = parseRecord('interview.completed', JSON.parse(payloadJson));
  if (p.ok && p.record.kind === 'interview.completed') return p.record.payload;
  log.warn(`interview ${id} left out: ${p.ok ? 'not an interview.completed record' : p.reason}`);
  return null;
}

/** What the kiosk's model said at the time. */
export function deployedScore(payload: Completed): Deployed {
  const s = payload.score;
  return { band: s?.result?.band ?? null, overall: s?.result?.overall ?? null, modelVersion: s?.result?.modelVersion ?? s?.modelVersion ?? null };
}

/** interview.completed record → what computeFeatures needs (latest attempt per question, as on the kiosk). */
export function scoringInputOf(payload: Completed): { input: ScoringInput; policy: ScoringPolicy } {
  const cameraConsent = payload.interview.cameraConsent;
  const latest = new Map<string, Completed['answers'][number]>();
  for (const a of payload.answers) {
    const prev = latest.get(a.questionId);
    if (!prev || a.attempt >= prev.attempt) latest.set(a.questionId, a);
  }
  // Only a follow-up that was answered with words counts (a skipped one is empty text).
  const followUps = new Map(payload.followUps.flatMap((f) => (f.text ? [[f.questionId, f.text] as const] : [])));
  const answers = [...latest.values()].map((a): AnswerRecord => ({
    questionId: a.questionId,
    mode: a.mode,
    text: a.text,
    followUpText: followUps.get(a.questionId) ?? null,
    latencyMs: a.latencyMs,
    durationMs: a.durationMs,
    speakingRate: a.speakingRate,
    pauseRatio: a.pauseRatio,
    face: cameraConsent ? a.face : null,
  }));
  const skills = payload.skills.filter((s) => s.total > 0).map((s): SkillsRecord => ({ testId: s.testId, correct: s.correct, total: s.total, totalMs: s.totalMs }));
  return { input: { lang: payload.interview.lang, cameraConsent, answers, skills }, policy: payload.score?.result?.policy ?? DEFAULT_POLICY };
}

/** The job pack: the latest one head office published to all stores, else the one shipped with the app. */
export async function packFor(store: HoStore, packId: string, shipped: ShippedFiles = DEFAULT_SHIPPED): Promise<JobPack> {
  const row = await store.get<{ content: Buffer }>(`SELECT content FROM ho_downlink WHERE kind = 'pack' AND name = ? AND stores IS NULL ORDER BY version DESC LIMIT 1`, [packId]);
  const raw = row ? Buffer.from(row.content).toString('utf8') : readShipped(shippedPackFile(shipped, packId));
  if (raw === null) throw new Error(`no job pack "${packId}" is published at head office or shipped with the app`);
  const v = validatePack(JSON.parse(raw));
  if (!v.ok) throw new Error(`job pack "${packId}" is invalid: ${v.problems.slice(0, 2).join('; ')}`);
  return v.pack;
}

export type CurrentModel = { weights: WeightsFile; source: 'published' | 'shipped'; downlinkVersion: number | null };

/** The model kiosks use for this job: the latest published to all stores, else the shipped one. */
export async function currentModel(store: HoStore, packId: string, shipped: ShippedFiles = DEFAULT_SHIPPED): Promise<CurrentModel> {
  const row = await store.get<{ content: Buffer; version: number }>(
    `SELECT content, version FROM ho_downlink WHERE kind = 'scoringModel' AND name = ? AND stores IS NULL ORDER BY version DESC LIMIT 1`,
    [packId],
  );
  if (row) return { weights: weightsOfModel(Buffer.from(row.content)), source: 'published', downlinkVersion: row.version };
  const raw = readShipped(shippedWeightsFile(shipped, packId));
  if (raw === null) throw new Error(`no scoring model for "${packId}" is published or shipped`);
  return { weights: WeightsFile.parse(JSON.parse(raw)), source: 'shipped', downlinkVersion: null };
}

export function weightsOfModel(onnx: Buffer): WeightsFile {
  const meta = readModelMetadata(onnx);
  if (!meta.weights_json) throw new Error('the model has no embedded weights');
  return WeightsFile.parse(JSON.parse(meta.weights_json));
}

type Row = { id: string; store_id: string; pack_id: string; finished_at: string | null; payload_json: string };
type OutcomeRow = { interview_id: string; hire_date: string; retained_30: number | null; retained_90: number | null; rating: number | null };

const bit = (v: number | null): 0 | 1 | null => (v === null ? null : v ? 1 : 0);

/** Every completed interview of the job (not erased), with features for `weights` and its outcome. */
export async function loadSamples(store: HoStore, pack: JobPack, weights: WeightsFile, filter: { store?: string } = {}): Promise<Sample[]> {
  const params: string[] = [pack.id];
  if (filter.store) params.push(filter.store);
  const rows = await store.all<Row>(
    `SELECT i.id, i.store_id, i.pack_id, i.finished_at, r.payload_json FROM ho_interviews i
     JOIN ho_records r ON r.interview_id = i.id AND r.kind = 'interview.completed' AND r.payload_json IS NOT NULL
     WHERE i.status = 'completed' AND i.pack_id = ? ${filter.store ? 'AND i.store_id = ?' : ''} ORDER BY i.id`,
    params,
  );
  const outcomes = new Map(
    (await store.all<OutcomeRow>('SELECT interview_id, hire_date, retained_30, retained_90, rating FROM ho_outcomes WHERE pack_id = ?', [pack.id])).map((o) => [
      o.interview_id,
      { hireDate: o.hire_date, retained30: bit(o.retained_30), retained90: bit(o.retained_90), rating: o.rating },
    ]),
  );
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue; // a replayed completion under another record id
    seen.add(r.id);
    const payload = completedRecord(r.id, r.payload_json);
    if (!payload) continue;
    const { input, policy } = scoringInputOf(payload);
    const { x } = computeFeatures(pack, weights, input, policy);
    out.push({ interviewId: r.id, storeId: r.store_id, packId: r.pack_id, finishedAt: r.finished_at, x, deployed: deployedScore(payload), outcome: outcomes.get(r.id) ?? null });
  }
  return out;
}

/** Feature vector → the id-keyed map refit() takes. */
export const featureMap = (weights: WeightsFile, x: Float64Array): Record<string, number> => Object.fromEntries(weights.features.map((f, i) => [f.id, x[i]!]));
