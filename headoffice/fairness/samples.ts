/**
 * Interviews as scoring sees them, rebuilt at head office: the feature vector is recomputed
 * from the synced interview record (answers, skills) with the kiosk's own feature code, so a
 * refit learns from exactly the inputs the model reads. Outcomes are joined by interview id.
 *
 * This file (and everything the refit path calls) never reads the self-ID table: self-identification
 * reaches only the adverse-impact check (impact.ts). A test holds that line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../electron/services/app/config.js';
import { validatePack } from '../../electron/services/packs/loadPacks.js';
import { computeFeatures } from '../../electron/services/scoring/features.js';
import type { AnswerRecord, ScoringInput, SkillsRecord } from '../../electron/services/scoring/interviewInput.js';
import { readModelMetadata } from '../../electron/services/scoring/onnxMetadata.js';
import { DEFAULT_POLICY, ScoringPolicy } from '../../electron/services/scoring/policy.js';
import { WeightsFile } from '../../electron/services/scoring/weightsFile.js';
import type { JobPack } from '../../electron/shared/packs/packSchema.js';
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

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The kiosk stores score rows as {…, result:{overall, band, modelVersion}}; older/simple records are flat. */
export function deployedScore(payload: Record<string, unknown>): Deployed {
  const s = obj(payload.score);
  const r = obj(s.result);
  return {
    band: str(r.band) ?? str(s.band),
    overall: num(r.overall) ?? num(s.overall),
    modelVersion: str(r.modelVersion) ?? str(s.model_version) ?? str(s.modelVersion),
  };
}

/** interview.completed payload → what computeFeatures needs (latest attempt per question). */
export function scoringInputOf(payload: Record<string, unknown>): { input: ScoringInput; policy: ScoringPolicy } {
  const iv = obj(payload.interview);
  const cameraConsent = iv.cameraConsent === true;
  const latest = new Map<string, Record<string, unknown>>();
  for (const a of Array.isArray(payload.answers) ? payload.answers.map(obj) : []) {
    const q = str(a.questionId);
    if (!q) continue;
    const prev = latest.get(q);
    if (!prev || (num(a.attempt) ?? 1) >= (num(prev.attempt) ?? 1)) latest.set(q, a);
  }
  const followUps = new Map(
    (Array.isArray(payload.followUps) ? payload.followUps.map(obj) : []).flatMap((f) => (str(f.questionId) && str(f.text) ? [[str(f.questionId)!, str(f.text)!] as const] : [])),
  );
  const answers = [...latest.entries()].map(
    ([questionId, a]): AnswerRecord => ({
      questionId,
      mode: a.mode === 'spoken' ? 'spoken' : 'typed',
      text: typeof a.text === 'string' ? a.text : '',
      followUpText: followUps.get(questionId) ?? null,
      latencyMs: num(a.latencyMs),
      durationMs: num(a.durationMs),
      speakingRate: num(a.speakingRate),
      pauseRatio: num(a.pauseRatio),
      face: cameraConsent && a.face && typeof a.face === 'object' ? (a.face as AnswerRecord['face']) : null,
    }),
  );
  const skills = (Array.isArray(payload.skills) ? payload.skills.map(obj) : [])
    .map((s): SkillsRecord | null => {
      const testId = str(s.testId);
      const total = num(s.total);
      return testId && total ? { testId, correct: num(s.correct) ?? 0, total, totalMs: num(s.totalMs) ?? 0 } : null;
    })
    .filter((s): s is SkillsRecord => s !== null);
  const p = ScoringPolicy.safeParse(obj(obj(payload.score).result).policy);
  return { input: { lang: iv.lang === 'en' ? 'en' : 'zh-CN', cameraConsent, answers, skills }, policy: p.success ? p.data : DEFAULT_POLICY };
}

/** The job pack: the latest one head office published to all stores, else the one shipped with the app. */
export async function packFor(store: HoStore, packId: string): Promise<JobPack> {
  const row = await store.get<{ content: Buffer }>(`SELECT content FROM ho_downlink WHERE kind = 'pack' AND name = ? AND stores IS NULL ORDER BY version DESC LIMIT 1`, [packId]);
  const raw = row ? Buffer.from(row.content).toString('utf8') : readShipped(path.join(APP_ROOT, 'resources', 'packs', `${packId}.json`));
  if (raw === null) throw new Error(`no job pack "${packId}" is published at head office or shipped with the app`);
  const v = validatePack(JSON.parse(raw));
  if (!v.ok) throw new Error(`job pack "${packId}" is invalid: ${v.problems.slice(0, 2).join('; ')}`);
  return v.pack;
}

const readShipped = (file: string): string | null => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);

export type CurrentModel = { weights: WeightsFile; source: 'published' | 'shipped'; downlinkVersion: number | null };

/** The model kiosks use for this job: the latest published to all stores, else the shipped one. */
export async function currentModel(store: HoStore, packId: string): Promise<CurrentModel> {
  const row = await store.get<{ content: Buffer; version: number }>(
    `SELECT content, version FROM ho_downlink WHERE kind = 'scoringModel' AND name = ? AND stores IS NULL ORDER BY version DESC LIMIT 1`,
    [packId],
  );
  if (row) return { weights: weightsOfModel(Buffer.from(row.content)), source: 'published', downlinkVersion: row.version };
  const raw = readShipped(path.join(APP_ROOT, 'models', 'scoring', 'weights', `${packId}.weights.json`));
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
    const payload = JSON.parse(r.payload_json) as Record<string, unknown>;
    const { input, policy } = scoringInputOf(payload);
    const { x } = computeFeatures(pack, weights, input, policy);
    out.push({ interviewId: r.id, storeId: r.store_id, packId: r.pack_id, finishedAt: r.finished_at, x, deployed: deployedScore(payload), outcome: outcomes.get(r.id) ?? null });
  }
  return out;
}

/** Feature vector → the id-keyed map refit() takes. */
export const featureMap = (weights: WeightsFile, x: Float64Array): Record<string, number> => Object.fromEntries(weights.features.map((f, i) => [f.id, x[i]!]));
