import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';
import { canonicalJson, nowIso, sha256Hex, ulid } from '../../../core/ids.js';
import type { JobPack } from '../../../core/packs/packSchema.js';
import { ROOT } from '../../fixtures/scoring/fixtures.js';

/** A temp folder laid out like models/, holding a copy of the shipped model for `packId`. */
export function tempModelsDir(packId = 'cashier'): { modelsDir: string; modelFile: string; cleanup(): void } {
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-scoring-'));
  const built = path.join(modelsDir, 'scoring', 'built');
  fs.mkdirSync(built, { recursive: true });
  const modelFile = path.join(built, `${packId}.onnx`);
  fs.copyFileSync(path.join(ROOT, 'models/scoring/built', `${packId}.onnx`), modelFile);
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

/** Writes a finished interview the way the interview service stores one (follow-ups included). */
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
      if (a.followUpText !== null) {
        db.prepare('INSERT INTO follow_ups (interview_id, question_id, reason, asked_at, mode, text, duration_ms, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          id,
          a.questionId,
          'thin',
          now,
          'typed',
          a.followUpText,
          20000,
          now,
        );
      }
    }
    for (const s of input.skills) {
      db.prepare('INSERT INTO skills_results (id, interview_id, test_id, items_json, correct, total, total_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        ulid(),
        id,
        s.testId,
        '[]',
        s.correct,
        s.total,
        s.totalMs,
        now,
      );
    }
  })();
  return id;
}
