import { FaceAggregates, Feedback, KnockoutCheck, SpeechFeatures } from '../../shared/contract/interview.js';
import { ScoreResult } from '../../shared/contract/scoring.js';
import { AvailabilityCell } from '../../../core/packs/packSchema.js';
import type { RecordInput } from '../../../core/records/registry.js';
import { unpackValue } from '../db/compactJson.js';
import type { Db } from '../db/openDatabase.js';
import { readScoreRow } from '../scoring/scoreStore.js';
import { getInterview, getPackSnapshot, listAnswers, listFollowUps } from './interviewQueries.js';
import { readKnockouts } from './knockouts.js';

type ApplicantRow = {
  id: string;
  name: string;
  mobile: string;
  availability_json: string;
  industries_json: string;
  expected_wage_yuan: number | null;
  earliest_start: string | null;
};
type SkillsRow = { test_id: string; items_json: string; correct: number; total: number; total_ms: number };

/** JSON columns are read through their schemas, so a record never carries what the kiosk could not have written. */
const json = <T>(text: string, schema: { parse: (v: unknown) => T }): T => schema.parse(JSON.parse(text));

/**
 * The complete, self-contained record of one interview: what sync sends to head office
 * (interview.completed v2, core/records/interviewRecords.ts), read from the tables
 * column by column. No raw audio or video exists to include; face data is per-answer
 * aggregates only. enqueueOutbox validates the result against the schema.
 */
export function buildInterviewRecord(db: Db, interviewId: string): RecordInput<'interview.completed'> {
  const iv = getInterview(db, interviewId);
  if (!iv) throw new Error(`interview ${interviewId} not found`);
  if (iv.status !== 'finished') throw new Error(`interview ${interviewId} is ${iv.status}, not finished`);
  const applicant = iv.applicant_id
    ? (db.prepare('SELECT id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start FROM applicants WHERE id = ?').get(iv.applicant_id) as ApplicantRow | undefined)
    : undefined;
  const skills = db.prepare('SELECT test_id, items_json, correct, total, total_ms FROM skills_results WHERE interview_id = ? ORDER BY created_at').all(interviewId) as SkillsRow[];
  const score = readScoreRow(db, interviewId);
  // The scoring service stores the result flat with the applicant's feedback beside it.
  const stored = unpackValue<{ feedback?: unknown }>(score?.result);
  return {
    v: 2,
    interview: {
      id: iv.id,
      packId: iv.pack_id,
      packVersion: iv.pack_version,
      lang: iv.lang,
      status: 'finished',
      cameraConsent: iv.camera_consent === 1,
      talentPoolConsent: iv.pool_consent === 1,
      noticeVersion: iv.notice_version,
      knockouts: iv.knockout_json ? KnockoutCheck.array().parse(readKnockouts(iv.knockout_json, getPackSnapshot(db, iv.pack_hash))) : null,
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
          availability: json(applicant.availability_json, AvailabilityCell.array()),
          industries: JSON.parse(applicant.industries_json) as string[],
          expectedWageYuan: applicant.expected_wage_yuan,
          earliestStart: applicant.earliest_start,
        }
      : null,
    answers: listAnswers(db, interviewId).map((a) => ({
      questionId: a.question_id,
      attempt: a.attempt,
      mode: a.mode,
      text: a.text,
      latencyMs: a.latency_ms,
      durationMs: a.duration_ms,
      words: a.words_json ? json(a.words_json, SpeechFeatures.shape.words) : null,
      speakingRate: a.speaking_rate,
      pauseRatio: a.pause_ratio,
      speechModel: a.speech_model,
      face: a.face_json ? json(a.face_json, FaceAggregates) : null,
      at: a.created_at,
    })),
    followUps: listFollowUps(db, interviewId).map((f) => ({
      questionId: f.question_id,
      reason: f.reason,
      askedAt: f.asked_at,
      mode: f.mode,
      text: f.text,
      durationMs: f.duration_ms,
      answeredAt: f.answered_at,
    })),
    skills: skills.map((s) => ({
      testId: s.test_id,
      items: JSON.parse(s.items_json) as { item: string; answer: string; isCorrect: boolean; ms: number }[],
      correct: s.correct,
      total: s.total,
      totalMs: s.total_ms,
    })),
    score: score
      ? {
          status: score.status,
          reason: score.reason,
          modelVersion: score.model_version,
          result: stored ? ScoreResult.parse(stored) : null,
          feedback: stored?.feedback ? Feedback.parse(stored.feedback) : null,
          scoredAt: score.created_at,
        }
      : null,
  };
}
