import type { z } from 'zod';
import type { Decision, ReviewStatus, ScoreView } from '../../shared/contract/manager.js';
import { AnswerGate } from '../../shared/contract/scoring.js';
import type { LocalText } from '../../shared/packs/packSchema.js';
import type { Db } from '../db/openDatabase.js';
import { getPackSnapshot } from '../interview/interviewQueries.js';

/**
 * Shared reads for the console: an interview's current decision, where it stands for review,
 * and its score as the scoring service stored it (if that table exists in this build).
 */
export type DecisionRow = {
  id: string;
  interview_id: string;
  decision: Decision;
  recommendation: Decision | null;
  is_override: 0 | 1;
  reason: string | null;
  decided_by: string;
  decided_at: string;
  undone_at: string | null;
  undone_by: string | null;
};

export const currentDecision = (db: Db, interviewId: string): DecisionRow | undefined =>
  db.prepare('SELECT * FROM decisions WHERE interview_id = ? AND undone_at IS NULL ORDER BY decided_at DESC, rowid DESC LIMIT 1').get(interviewId) as DecisionRow | undefined;

export const isInPool = (db: Db, interviewId: string): boolean => db.prepare('SELECT 1 FROM talent_pool WHERE interview_id = ?').get(interviewId) !== undefined;
export const hasAssignment = (db: Db, interviewId: string): boolean => db.prepare('SELECT 1 FROM shift_assignments WHERE interview_id = ?').get(interviewId) !== undefined;

export function reviewStatus(interviewStatus: string, decision: Decision | null, isScheduled: boolean, inPool: boolean): ReviewStatus {
  if (interviewStatus === 'abandoned') return inPool ? 'pool' : 'abandoned';
  if (interviewStatus !== 'finished') return 'in_progress';
  if (decision === 'pass') return isScheduled ? 'scheduled' : 'passed';
  if (inPool) return 'pool';
  if (decision === 'hold') return 'hold';
  if (decision === 'fail') return 'not_selected';
  return 'awaiting';
}

export function statusOf(db: Db, interviewId: string, interviewStatus: string): ReviewStatus {
  return reviewStatus(interviewStatus, currentDecision(db, interviewId)?.decision ?? null, hasAssignment(db, interviewId), isInPool(db, interviewId));
}

/** The system only recommends: recommend → pass, borderline → hold (second interview), else fail. */
export const recommendationFor = (band: ScoreView['band']): Decision | null =>
  band === 'recommend' ? 'pass' : band === 'borderline' ? 'hold' : band === 'not_recommended' ? 'fail' : null;

const scoresTables = new WeakMap<Db, boolean>();
function scoresTableExists(db: Db): boolean {
  let has = scoresTables.get(db);
  if (has === undefined) scoresTables.set(db, (has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scores'`).get() !== undefined));
  return has;
}

type ScoreRow = { status?: string; reason?: string | null; model_version?: string | null; result_json?: string | null };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const asBand = (v: unknown): ScoreView['band'] => (v === 'recommend' || v === 'borderline' || v === 'not_recommended' ? v : null);
const both = (s: string): LocalText => ({ 'zh-CN': s, en: s });
const localText = (v: unknown): LocalText | null => {
  if (v && typeof v === 'object' && typeof (v as LocalText).en === 'string' && typeof (v as LocalText)['zh-CN'] === 'string') return v as LocalText;
  return null;
};

const CONTRIBUTION_KINDS = ['baseline', 'answer', 'feature', 'clamp'] as const;
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | null => (allowed.includes(v as T) ? (v as T) : null);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : []);

/** No score to show (interview not finished, or scoring not run). */
export const NO_SCORE: z.infer<typeof ScoreView> = { status: 'missing', reason: null, modelVersion: null, overall: null, band: null, competencies: [], answers: [] };

/**
 * Reads the scoring service's row loosely: the console shows whatever the stored result has
 * (competencies with their summary, evidence by label and exact contributions; each answer's
 * level and gate) and says why when there is none. Scores stored before scoring v2 still show.
 */
export function readScore(db: Db, interviewId: string, packHash: string): z.infer<typeof ScoreView> {
  const empty = NO_SCORE;
  if (!scoresTableExists(db)) return { ...empty, reason: 'scoring is not installed on this kiosk' };
  const row = db.prepare('SELECT * FROM scores WHERE interview_id = ?').get(interviewId) as ScoreRow | undefined;
  if (!row) return empty;
  let result: Record<string, unknown> = {};
  try {
    result = row.result_json ? (JSON.parse(row.result_json) as Record<string, unknown>) : {};
  } catch {
    return { ...empty, status: 'not_scored', reason: 'the stored score could not be read', modelVersion: row.model_version ?? null };
  }
  const pack = safePack(db, packHash);
  const comps = list(result.competencies);
  return {
    status: row.status === 'scored' ? 'scored' : 'not_scored',
    reason: row.reason ?? null,
    modelVersion: row.model_version ?? str(result.modelVersion),
    overall: num(result.overall),
    band: asBand(result.band),
    competencies: comps.map((c) => {
      const id = String(c.id ?? c.competency ?? '?');
      return {
        id,
        name: localText(c.name) ?? localText(pack?.competencies?.find((x) => x.id === id)?.name),
        score: num(c.score) ?? 0,
        level: num(c.level),
        summary: localText(c.summary),
        contributions: list(c.contributions).map((k) => ({
          kind: oneOf(k.kind, CONTRIBUTION_KINDS) ?? 'other',
          questionId: str(k.questionId),
          label: localText(k.label) ?? both(String(k.label ?? k.feature ?? k.id ?? '')),
          measured: localText(k.measured),
          contribution: num(k.contribution) ?? num(k.value) ?? 0,
          evidence: Array.isArray(k.evidence) ? k.evidence.map((e) => (typeof e === 'string' ? e : str((e as Record<string, unknown>)?.text) ?? JSON.stringify(e))) : [],
        })),
        evidence: list(c.evidence).flatMap((e) => {
          const polarity = oneOf(e.polarity, ['positive', 'negative'] as const);
          const status = oneOf(e.status, ['credited', 'avoided', 'negated'] as const);
          const label = localText(e.label);
          return polarity && status && label && typeof e.quote === 'string' && typeof e.questionId === 'string' ? [{ questionId: e.questionId, polarity, status, label, quote: e.quote }] : [];
        }),
      };
    }),
    answers: list(result.answers).flatMap((a) => {
      const score = num(a.score);
      const level = num(a.level);
      return typeof a.questionId === 'string' && score !== null && level !== null ? [{ questionId: a.questionId, score, level, gate: oneOf(a.gate, AnswerGate.options) }] : [];
    }),
  };
}

function safePack(db: Db, hash: string) {
  try {
    return getPackSnapshot(db, hash);
  } catch {
    return null;
  }
}

export const openingTitle = (db: Db, packHash: string): LocalText | null => safePack(db, packHash)?.opening.title ?? null;

/** Local calendar date (kiosk time zone) of an ISO timestamp. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
