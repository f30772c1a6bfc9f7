import type { Db } from '../db/openDatabase.js';
import { getInterview, listAnswers, listFollowUps } from './interviewQueries.js';

/**
 * The complete, self-contained record of one interview: what sync sends to head office
 * (kind interview.completed), what the manager's report prints. No raw audio or video exists
 * to include; face data is per-answer aggregates only.
 */
export function buildInterviewRecord(db: Db, interviewId: string): Record<string, unknown> {
  const iv = getInterview(db, interviewId);
  if (!iv) throw new Error(`interview ${interviewId} not found`);
  const applicant = iv.applicant_id
    ? (db.prepare('SELECT * FROM applicants WHERE id = ?').get(iv.applicant_id) as Record<string, unknown> | undefined)
    : undefined;
  const answers = listAnswers(db, interviewId).map((a) => ({
    questionId: a.question_id,
    attempt: a.attempt,
    mode: a.mode,
    text: a.text,
    latencyMs: a.latency_ms,
    durationMs: a.duration_ms,
    words: a.words_json ? (JSON.parse(a.words_json) as unknown) : null,
    speakingRate: a.speaking_rate,
    pauseRatio: a.pause_ratio,
    speechModel: a.speech_model,
    face: a.face_json ? (JSON.parse(a.face_json) as unknown) : null,
    at: a.created_at,
  }));
  const skills = (db.prepare('SELECT test_id, items_json, correct, total, total_ms FROM skills_results WHERE interview_id = ?').all(interviewId) as {
    test_id: string;
    items_json: string;
    correct: number;
    total: number;
    total_ms: number;
  }[]).map((s) => ({ testId: s.test_id, items: JSON.parse(s.items_json) as unknown, correct: s.correct, total: s.total, totalMs: s.total_ms }));
  const score = (db.prepare('SELECT * FROM scores WHERE interview_id = ?').get(interviewId) as Record<string, unknown> | undefined) ?? null;
  return {
    interview: {
      id: iv.id,
      packId: iv.pack_id,
      packVersion: iv.pack_version,
      lang: iv.lang,
      status: iv.status,
      cameraConsent: iv.camera_consent === 1,
      noticeVersion: iv.notice_version,
      knockouts: iv.knockout_json ? (JSON.parse(iv.knockout_json) as unknown) : null,
      knockoutProceed: iv.knockout_proceed,
      receiptCode: iv.receipt_code,
      startedAt: iv.started_at,
      finishedAt: iv.finished_at,
    },
    applicant: applicant
      ? {
          id: applicant.id,
          name: applicant.name,
          mobile: applicant.mobile,
          availability: JSON.parse(String(applicant.availability_json)) as unknown,
          industries: JSON.parse(String(applicant.industries_json)) as unknown,
          expectedWageYuan: applicant.expected_wage_yuan,
          earliestStart: applicant.earliest_start,
        }
      : null,
    answers,
    // The one follow-up per thin answer, scored together with the answer it follows.
    followUps: listFollowUps(db, interviewId).map((f) => ({ questionId: f.question_id, reason: f.reason, askedAt: f.asked_at, mode: f.mode, text: f.text, durationMs: f.duration_ms, answeredAt: f.answered_at })),
    skills,
    score: score ? { ...score, result: score.result_json ? (JSON.parse(String(score.result_json)) as unknown) : null, result_json: undefined } : null,
  };
}
