import type { JobPack } from '../../../core/packs/packSchema.js';
import { toCurrentPackFormat } from '../../../core/packs/upgradePack.js';
import type { Db } from '../db/openDatabase.js';

export type InterviewRow = {
  id: string;
  applicant_id: string | null;
  pack_id: string;
  pack_version: string;
  pack_hash: string;
  lang: 'zh-CN' | 'en';
  status: 'started' | 'profiled' | 'knocked_out' | 'in_progress' | 'finished' | 'abandoned';
  camera_consent: 0 | 1;
  /** Migration 0080: the applicant's separate, optional talent-pool consent. */
  pool_consent: 0 | 1;
  notice_version: string;
  knockout_json: string | null;
  knockout_proceed: number | null;
  receipt_code: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
};

export type AnswerRow = {
  id: string;
  interview_id: string;
  question_id: string;
  attempt: 1 | 2;
  mode: 'typed' | 'spoken';
  text: string;
  latency_ms: number | null;
  duration_ms: number;
  words_json: string | null;
  speaking_rate: number | null;
  pause_ratio: number | null;
  speech_model: string | null;
  face_json: string | null;
  created_at: string;
};

export const getInterview = (db: Db, id: string): InterviewRow | undefined => db.prepare('SELECT * FROM interviews WHERE id = ?').get(id) as InterviewRow | undefined;

const snapshotCache = new Map<string, JobPack>();
/** The exact pack an interview was taken with (immutable by hash, so cached). */
export function getPackSnapshot(db: Db, hash: string): JobPack {
  const cached = snapshotCache.get(hash);
  if (cached) return cached;
  const row = db.prepare('SELECT json FROM pack_snapshots WHERE hash = ?').get(hash) as { json: string } | undefined;
  if (!row) throw new Error(`pack snapshot ${hash} missing`);
  // Snapshots taken before pack format 2 are read in the current shape.
  const pack = toCurrentPackFormat(JSON.parse(row.json)) as JobPack;
  snapshotCache.set(hash, pack);
  return pack;
}

export const listAnswers = (db: Db, interviewId: string): AnswerRow[] => db.prepare('SELECT * FROM answers WHERE interview_id = ? ORDER BY created_at, attempt').all(interviewId) as AnswerRow[];

/** The answer that counts per question: the latest attempt. */
export function finalAnswers(db: Db, interviewId: string): Map<string, AnswerRow> {
  const out = new Map<string, AnswerRow>();
  for (const a of listAnswers(db, interviewId)) {
    const prev = out.get(a.question_id);
    if (!prev || a.attempt > prev.attempt) out.set(a.question_id, a);
  }
  return out;
}

export const doneSkillTests = (db: Db, interviewId: string): Set<string> =>
  new Set((db.prepare('SELECT test_id FROM skills_results WHERE interview_id = ?').all(interviewId) as { test_id: string }[]).map((r) => r.test_id));

export const touchInterview = (db: Db, id: string, now: string): void => {
  db.prepare('UPDATE interviews SET updated_at = ? WHERE id = ?').run(now, id);
};

export type FollowUpRow = { question_id: string; reason: string; asked_at: string; mode: 'typed' | 'spoken' | null; text: string | null; duration_ms: number | null; answered_at: string | null };

export const followUpRow = (db: Db, interviewId: string, questionId: string): FollowUpRow | undefined =>
  db.prepare('SELECT question_id, reason, asked_at, mode, text, duration_ms, answered_at FROM follow_ups WHERE interview_id = ? AND question_id = ?').get(interviewId, questionId) as
    FollowUpRow | undefined;

export const listFollowUps = (db: Db, interviewId: string): FollowUpRow[] =>
  db.prepare('SELECT question_id, reason, asked_at, mode, text, duration_ms, answered_at FROM follow_ups WHERE interview_id = ? ORDER BY asked_at').all(interviewId) as FollowUpRow[];

/** The question whose follow-up was asked but not answered yet (at most one at a time). */
export const pendingFollowUp = (db: Db, interviewId: string): string | null =>
  (db.prepare('SELECT question_id FROM follow_ups WHERE interview_id = ? AND answered_at IS NULL ORDER BY asked_at LIMIT 1').get(interviewId) as { question_id: string } | undefined)?.question_id ??
  null;
