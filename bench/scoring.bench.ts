/**
 * Scoring on this machine, with the committed retail-sales model and the sample interview:
 * - time from last answer to report: the whole scoreInterview on a real encrypted SQLite file
 *   (read answers, features with jieba, ONNX run + cross-check, explanation, feedback, store
 *   + audit), first call in the process (cold: segmenter dictionary and model load) and warm;
 * - model load time (read, metadata + hash check, onnxruntime session), uncached;
 * - jieba dictionary load (once per process; the kiosk warms it up at start);
 * - inference latency: one onnxruntime run with the cross-check, median and p99;
 * - agreement with the human grades on each pack's held-out split (QWK, ρ) per language.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT } from '../electron/services/app/config.js';
import { openDatabase } from '../electron/services/db/openDatabase.js';
import { InterviewFile } from '../core/scoring/interviewInput.js';
import { clearModelCache, loadModel, loadModelFromBytes, modelFileFor, runModel } from '../core/scoring/model.js';
import { scoreInterview } from '../electron/services/scoring/scoreInterview.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../core/ids.js';
import { setLogSink } from '../core/logger.js';
import { JobPack } from '../core/packs/packSchema.js';
import { AnswerBank } from '../core/packs/bankSchema.js';
import { agreement } from '../core/scoring/agreement.js';
import { answerScores } from '../core/scoring/explain.js';
import { computeFeatures } from '../core/scoring/features.js';
import { DEFAULT_POLICY } from '../core/scoring/policy.js';
import type { BenchRow } from './run.js';
import { median, quantile } from './stats.js';

export const name = 'scoring';
const group = 'scoring';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sample = InterviewFile.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'tests', 'fixtures', 'interview.sample.json'), 'utf8')));
  const pack = JobPack.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'resources', 'packs', `${sample.packId}.json`), 'utf8')));
  const modelsDir = path.join(APP_ROOT, 'models');
  const modelFile = modelFileFor(modelsDir, pack.id);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-scoring-'));
  setLogSink(() => {}); // one log line per scored interview would drown the table
  const db = openDatabase({ file: path.join(dir, 'kiosk.db'), key: 'cd'.repeat(32) });
  try {
    const json = canonicalJson(pack);
    const hash = sha256Hex(json);
    db.prepare('INSERT INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, ?, ?, ?)').run(hash, pack.id, pack.version, json, nowIso());
    const seed = () => {
      const id = ulid();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, 'finished', 1, 'n', ?, ?, ?)`,
        ).run(id, pack.id, pack.version, hash, sample.lang, nowIso(), nowIso(), nowIso());
        for (const a of sample.answers) {
          db.prepare(
            `INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, latency_ms, duration_ms, speaking_rate, pause_ratio, face_json, created_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(ulid(), id, a.questionId, a.mode, a.text, a.latencyMs, a.durationMs ?? 30000, a.speakingRate, a.pauseRatio, a.face ? JSON.stringify(a.face) : null, nowIso());
        }
      })();
      return id;
    };

    clearModelCache();
    const t0 = performance.now();
    await scoreInterview(db, seed(), pack, { modelsDir });
    rows.push({ group, metric: 'last answer → report, cold (first in process)', value: performance.now() - t0, unit: 'ms', note: 'incl. jieba dict + model load' });

    const warm: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = seed();
      const t = performance.now();
      await scoreInterview(db, id, pack, { modelsDir });
      warm.push(performance.now() - t);
    }
    rows.push({ group, metric: 'last answer → report, warm (median)', value: median(warm), unit: 'ms', note: `${sample.answers.length} answers, real encrypted DB` });
    rows.push({ group, metric: 'last answer → report, warm (p99)', value: quantile(warm, 0.99), unit: 'ms' });

    const bytes = fs.readFileSync(modelFile);
    const loads: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await loadModelFromBytes(bytes, modelFile);
      loads.push(performance.now() - t);
    }
    rows.push({ group, metric: 'model load (median of 10, uncached)', value: median(loads), unit: 'ms', note: `${(bytes.length / 1024).toFixed(1)} KiB, ${pack.id}` });

    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict.js');
    const jl: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      Jieba.withDict(dict);
      jl.push(performance.now() - t);
    }
    rows.push({ group, metric: 'jieba dictionary load (median of 3)', value: median(jl), unit: 'ms', note: 'once per process, warmed at start' });

    const model = await loadModel(modelFile);
    const x = Float64Array.from({ length: model.weights.features.length }, (_, i) => (i % 3) / 2);
    for (let i = 0; i < 50; i++) await runModel(model, x);
    const inf: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await runModel(model, x);
      inf.push(performance.now() - t);
    }
    rows.push({
      group,
      metric: 'inference + cross-check (median)',
      value: median(inf) * 1000,
      unit: 'µs',
      note: `${model.weights.features.length} features × ${model.weights.competencies.length} competencies, float64`,
    });
    rows.push({ group, metric: 'inference + cross-check (p99)', value: quantile(inf, 0.99) * 1000, unit: 'µs' });

    // Agreement with the human grades on the held-out split, measured in this run through the
    // kiosk's code path (the same figures the model cards report; a test keeps them equal).
    for (const packId of ['cashier', 'delivery-rider', 'retail-sales', 'warehouse-sorter']) {
      const p = JobPack.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'resources', 'packs', `${packId}.json`), 'utf8')));
      const bank = AnswerBank.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'resources', 'packs', 'banks', `${packId}.bank.json`), 'utf8')));
      const w = (await loadModel(modelFileFor(modelsDir, packId))).weights;
      const held = bank.answers.filter((a) => a.split === 'heldout');
      const t = performance.now();
      const scored = held.map((a) => {
        const fv = computeFeatures(
          p,
          w,
          {
            lang: a.lang,
            cameraConsent: false,
            answers: [{ questionId: a.questionId, mode: a.mode, text: a.text, followUpText: null, latencyMs: null, durationMs: null, speakingRate: null, pauseRatio: null, face: null }],
            skills: [],
          },
          DEFAULT_POLICY,
        );
        return { lang: a.lang, level: a.level, score: answerScores(p, w, fv).find((x) => x.questionId === a.questionId)!.score };
      });
      const perAnswer = (performance.now() - t) / held.length;
      for (const lang of ['zh-CN', 'en'] as const) {
        const sub = scored.filter((r) => r.lang === lang);
        const g = agreement(
          sub.map((r) => r.level),
          sub.map((r) => r.score),
        );
        rows.push({
          group,
          metric: `held-out agreement ${packId} ${lang}: QWK`,
          value: g.qwk,
          unit: '',
          note: `95% [${g.qwkLow}, ${g.qwkHigh}], Spearman ρ ${g.spearman}, exact ${g.exact}, within one ${g.adjacent}, n=${g.n}`,
        });
      }
      rows.push({ group, metric: `answer analysis + answer model, ${packId} (mean per answer)`, value: perAnswer, unit: 'ms', note: `${held.length} held-out answers` });
    }
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    setLogSink((line) => process.stderr.write(line + '\n'));
  }
  return rows;
}
