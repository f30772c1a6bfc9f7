import { FaceAggregates } from '../../shared/contract/interview.js';
import type { AnswerRecord, ScoringInput } from '../../../core/scoring/interviewInput.js';
import type { Lang } from '../../../core/packs/packSchema.js';
import type { Db } from '../db/openDatabase.js';

type AnswerRow = {
  question_id: string;
  attempt: number;
  mode: 'typed' | 'spoken';
  text: string;
  latency_ms: number | null;
  duration_ms: number;
  speaking_rate: number | null;
  pause_ratio: number | null;
  face_json: string | null;
};

/** Reads an interview from the kiosk DB: the latest attempt of each question counts. */
export function loadScoringInput(db: Db, interviewId: string): ScoringInput | null {
  const iv = db.prepare('SELECT lang, camera_consent FROM interviews WHERE id = ?').get(interviewId) as { lang: Lang; camera_consent: number } | undefined;
  if (!iv) return null;
  const rows = db
    .prepare('SELECT question_id, attempt, mode, text, latency_ms, duration_ms, speaking_rate, pause_ratio, face_json FROM answers WHERE interview_id = ? ORDER BY question_id, attempt DESC')
    .all(interviewId) as AnswerRow[];
  const latest = new Map<string, AnswerRow>();
  for (const r of rows) if (!latest.has(r.question_id)) latest.set(r.question_id, r);
  const cameraConsent = iv.camera_consent === 1;
  const followUps = new Map(
    (db.prepare("SELECT question_id, text FROM follow_ups WHERE interview_id = ? AND answered_at IS NOT NULL AND text <> ''").all(interviewId) as { question_id: string; text: string }[]).map((f) => [
      f.question_id,
      f.text,
    ]),
  );
  const answers = [...latest.values()].map((r): AnswerRecord => ({
    questionId: r.question_id,
    mode: r.mode,
    text: r.text,
    followUpText: followUps.get(r.question_id) ?? null,
    latencyMs: r.latency_ms,
    durationMs: r.duration_ms,
    speakingRate: r.speaking_rate,
    pauseRatio: r.pause_ratio,
    // Face data without camera consent is never used, whatever is in the row.
    face: cameraConsent ? parseFace(r.face_json) : null,
  }));
  const skills = (
    db.prepare('SELECT test_id, correct, total, total_ms FROM skills_results WHERE interview_id = ? ORDER BY test_id').all(interviewId) as {
      test_id: string;
      correct: number;
      total: number;
      total_ms: number;
    }[]
  ).map((s) => ({ testId: s.test_id, correct: s.correct, total: s.total, totalMs: s.total_ms }));
  return { lang: iv.lang, cameraConsent, answers, skills };
}

function parseFace(json: string | null): FaceAggregates | null {
  if (!json) return null;
  try {
    const r = FaceAggregates.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
