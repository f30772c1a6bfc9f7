import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { defaultWeights } from '../../../electron/services/scoring/defaultWeights.js';
import type { ScoringInput } from '../../../electron/services/scoring/interviewInput.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../../../electron/services/util/ids.js';
import type { JobPack } from '../../../electron/shared/packs/packSchema.js';
import { buildModel } from '../../../models/scoring/buildModel.js';
import { CREATED, FX_PACK } from '../../fixtures/scoring/fixtures.js';

export const FX_WEIGHTS = defaultWeights(FX_PACK, { created: CREATED });

/** A temp folder laid out like models/: <dir>/scoring/built/fx-retail.onnx. */
export function tempModelsDir(): { modelsDir: string; modelFile: string; cleanup(): void } {
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-scoring-'));
  const built = path.join(modelsDir, 'scoring', 'built');
  fs.mkdirSync(built, { recursive: true });
  const modelFile = path.join(built, 'fx-retail.onnx');
  fs.writeFileSync(modelFile, buildModel(FX_WEIGHTS));
  return { modelsDir, modelFile, cleanup: () => fs.rmSync(modelsDir, { recursive: true, force: true }) };
}

/** A real encrypted kiosk database file with the real migrations. */
export function tempDb(): { db: Db; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-scoring-db-'));
  const db = openDatabase({ file: path.join(dir, 'kiosk.db'), key: 'ab'.repeat(32) });
  return {
    db,
    cleanup() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a finished interview the way the interview service stores one. */
export function seedInterview(db: Db, pack: JobPack, input: ScoringInput, opts: { earlierAttempts?: Record<string, string> } = {}): string {
  const id = ulid();
  const json = canonicalJson(pack);
  const hash = sha256Hex(json);
  const now = nowIso();
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, ?, ?, ?)').run(hash, pack.id, pack.version, json, now);
    db.prepare(
      `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at, finished_at)
       VALUES (?, NULL, ?, ?, ?, ?, 'finished', ?, 'notice-1', ?, ?, ?)`,
    ).run(id, pack.id, pack.version, hash, input.lang, input.cameraConsent ? 1 : 0, now, now, now);
    const ins = db.prepare(
      `INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, latency_ms, duration_ms, words_json, speaking_rate, pause_ratio, speech_model, face_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?)`,
    );
    for (const a of input.answers) {
      const earlier = opts.earlierAttempts?.[a.questionId];
      if (earlier !== undefined) ins.run(ulid(), id, a.questionId, 1, 'typed', earlier, null, 20000, null, null, null, now);
      ins.run(ulid(), id, a.questionId, earlier !== undefined ? 2 : 1, a.mode, a.text, a.latencyMs, a.durationMs ?? 30000, a.speakingRate, a.pauseRatio, a.face ? JSON.stringify(a.face) : null, now);
    }
    for (const s of input.skills) {
      db.prepare('INSERT INTO skills_results (id, interview_id, test_id, items_json, correct, total, total_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(ulid(), id, s.testId, '[]', s.correct, s.total, s.totalMs, now);
    }
  })();
  return id;
}
