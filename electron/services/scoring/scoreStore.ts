import type { Db } from '../db/openDatabase.js';

/**
 * The stored score row as is. `result` is compact JSON (db/compactJson.ts) of the flat
 * {...ScoreResult, feedback}; read it with unpackValue. Kept apart from scoreInterview.ts so
 * readers (the sync record, the manager console) do not load the ONNX runtime.
 */
export type ScoreRow = { status: 'scored' | 'not_scored'; reason: string | null; model_version: string | null; result: Buffer | null; created_at: string };

export const readScoreRow = (db: Db, interviewId: string): ScoreRow | undefined =>
  db.prepare('SELECT status, reason, model_version, result, created_at FROM scores WHERE interview_id = ?').get(interviewId) as ScoreRow | undefined;
