import type { z } from 'zod';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { JobPack } from '../../../core/packs/packSchema.js';
import { toCurrentPackFormat } from '../../../core/packs/upgradePack.js';
import type { ScoringReport } from '../../shared/contract/scoring.js';
import type { Db } from '../db/openDatabase.js';
import { readScore } from './scoreInterview.js';

/** The manager's view of one interview's score: scored, not scored (with the reason), or not scored yet. */
export function scoringReport(db: Db, interviewId: string): z.infer<typeof ScoringReport> {
  const s = readScore(db, interviewId);
  if (!s) return { status: 'missing', reason: 'This interview has not been scored yet.', modelVersion: null, result: null, feedback: null };
  if (s.status === 'not_scored') return { status: 'not_scored', reason: s.reason, modelVersion: null, result: null, feedback: null };
  return { status: 'scored', reason: null, modelVersion: s.modelVersion, result: s.result, feedback: s.feedback };
}

/** The pack a finished interview was taken with, to score it again; unknown and unfinished interviews are refused. */
export function packOfFinished(db: Db, interviewId: string): JobPack {
  const row = db.prepare(`SELECT s.json, i.status FROM interviews i JOIN pack_snapshots s ON s.hash = i.pack_hash WHERE i.id = ?`).get(interviewId) as { json: string; status: string } | undefined;
  if (!row) throw new KioskError(ErrorCode.NotFound, 'This interview was not found.');
  if (row.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'Only finished interviews can be scored.');
  return JobPack.parse(toCurrentPackFormat(JSON.parse(row.json)));
}
