import { z } from 'zod';
import type { Decision, ReviewStatus, ScoreView } from '../../shared/contract/manager.js';
import { AnswerGate, AnswerScore, Contribution, EvidenceItem, ScoringBand } from '../../shared/contract/scoring.js';
import { LocalText } from '../../../core/packs/packSchema.js';
import { unpackValue } from '../db/compactJson.js';
import type { Db } from '../db/openDatabase.js';
import { getPackSnapshot } from '../interview/interviewQueries.js';
import { readScoreRow } from '../scoring/scoreStore.js';

/**
 * Shared reads for the console: an interview's current decision, where it stands for review,
 * and its score as the scoring service stored it.
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
export const recommendationFor = (band: ScoreView['band']): Decision | null => (band === 'recommend' ? 'pass' : band === 'borderline' ? 'hold' : band === 'not_recommended' ? 'fail' : null);

/** A list whose items are each read through `item`; an item that does not match is dropped alone, never hiding the rest. */
const eachOf = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((xs) =>
      xs.flatMap((x): z.output<T>[] => {
        const r = item.safeParse(x);
        return r.success ? [r.data] : [];
      }),
    );

/**
 * The scoring service's stored result (ScoreResult + feedback, electron/shared/contract/scoring.ts)
 * as the console reads it: the contract's own item schemas, plus what scores stored before
 * scoring v2 carried (quoted words per term, terms without a kind or label). The console shows
 * what it can: an item that does not match is dropped, an unknown gate or band shows as none.
 */
const StoredContribution = z.object({
  kind: Contribution.shape.kind.catch('other'),
  questionId: z.string().optional(),
  feature: z.string().optional(),
  label: LocalText.optional().catch(undefined),
  contribution: z.number(),
  measured: LocalText.nullable().catch(null),
  /** Before scoring v2: the applicant's words behind this term. */
  evidence: eachOf(z.union([z.string(), z.object({ text: z.string() }).transform((q) => q.text)])),
});
const StoredResult = z.object({
  modelVersion: z.string().optional().catch(undefined),
  overall: z.number().nullable().catch(null),
  band: ScoringBand.nullable().catch(null),
  competencies: eachOf(
    z.object({
      id: z.string(),
      name: LocalText.nullable().catch(null),
      score: z.number(),
      /** Before scoring v2 there was no level or summary. */
      level: z.number().nullable().catch(null),
      summary: LocalText.nullable().catch(null),
      contributions: eachOf(StoredContribution),
      evidence: eachOf(EvidenceItem),
    }),
  ),
  answers: eachOf(AnswerScore.pick({ questionId: true, score: true, level: true }).extend({ gate: AnswerGate.nullable().catch(null) })),
});

const both = (s: string): LocalText => ({ 'zh-CN': s, en: s });

/** No score to show (interview not finished, or scoring not run). */
export const NO_SCORE: z.infer<typeof ScoreView> = { status: 'missing', reason: null, modelVersion: null, overall: null, band: null, competencies: [], answers: [] };

/** The score as the console shows it, read through StoredResult; says why when there is none. */
export function readScore(db: Db, interviewId: string, packHash: string): z.infer<typeof ScoreView> {
  const row = readScoreRow(db, interviewId);
  if (!row) return NO_SCORE;
  const unreadable = { ...NO_SCORE, status: 'not_scored' as const, reason: 'the stored score could not be read', modelVersion: row.model_version };
  let raw: unknown = {};
  try {
    raw = unpackValue(row.result) ?? {};
  } catch {
    return unreadable;
  }
  const parsed = StoredResult.safeParse(raw);
  if (!parsed.success) return unreadable;
  const result = parsed.data;
  const pack = safePack(db, packHash);
  return {
    status: row.status,
    reason: row.reason,
    modelVersion: row.model_version ?? result.modelVersion ?? null,
    overall: result.overall,
    band: result.band,
    competencies: result.competencies.map((c) => ({
      id: c.id,
      name: c.name ?? pack?.competencies?.find((x) => x.id === c.id)?.name ?? null,
      score: c.score,
      level: c.level,
      summary: c.summary,
      contributions: c.contributions.map((k) => ({
        kind: k.kind,
        questionId: k.questionId ?? null,
        label: k.label ?? both(k.feature ?? ''),
        measured: k.measured,
        contribution: k.contribution,
        evidence: k.evidence,
      })),
      evidence: c.evidence.map((e) => ({ questionId: e.questionId, polarity: e.polarity, status: e.status, label: e.label, quote: e.quote })),
    })),
    answers: result.answers,
  };
}

function safePack(db: Db, hash: string) {
  try {
    return getPackSnapshot(db, hash);
  } catch {
    return null;
  }
}

/** Null when the snapshot is missing or unreadable (the screens then say "opening"). */
export const openingTitle = (db: Db, packHash: string): LocalText | null => (safePack(db, packHash) as { opening?: { title?: LocalText } } | null)?.opening?.title ?? null;

/** Local calendar date (kiosk time zone) of an ISO timestamp. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
