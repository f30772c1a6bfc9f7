import type { z } from 'zod';
import type { AnswerView as AnswerViewSchema, ApplicantDetail, DecisionView } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AvailabilityCell, LocalText } from '../../../core/packs/packSchema.js';
import type { Db } from '../db/openDatabase.js';
import { getInterview, getPackSnapshot, listAnswers, listFollowUps, type FollowUpRow } from '../interview/interviewQueries.js';
import { readKnockouts } from '../interview/knockouts.js';
import { currentDecision, isInPool, reviewStatus, readScore, recommendationFor, hasAssignment, NO_SCORE, type DecisionRow } from './reviewState.js';
import { secondRoundBooking, secondRoundOffer } from './secondRound.js';

type AnswerView = z.infer<typeof AnswerViewSchema>;

/** Undo is possible this long after a decision (a mis-tap, not a change of mind weeks later). */
export const UNDO_WINDOW_MS = 5 * 60_000;

export function decisionView(d: DecisionRow, now: Date): z.infer<typeof DecisionView> {
  const until = Date.parse(d.decided_at) + UNDO_WINDOW_MS;
  return {
    id: d.id,
    decision: d.decision,
    recommendation: d.recommendation,
    isOverride: d.is_override === 1,
    reason: d.reason,
    decidedBy: d.decided_by,
    decidedAt: d.decided_at,
    undoneAt: d.undone_at,
    undoUntil: !d.undone_at && until > now.getTime() ? new Date(until).toISOString() : null,
  };
}

export function requireFinishedInterview(db: Db, interviewId: string) {
  const iv = getInterview(db, interviewId);
  if (!iv) throw new KioskError(ErrorCode.NotFound, 'This applicant is no longer on the kiosk (deleted or never saved).', { reason: 'applicant.gone' });
  return iv;
}

export function applicantDetail(db: Db, interviewId: string, now: Date): z.infer<typeof ApplicantDetail> {
  const iv = requireFinishedInterview(db, interviewId);
  const pack = getPackSnapshot(db, iv.pack_hash);
  const applicant = iv.applicant_id
    ? (db.prepare('SELECT * FROM applicants WHERE id = ?').get(iv.applicant_id) as
        { name: string; mobile: string; availability_json: string; industries_json: string; expected_wage_yuan: number | null; earliest_start: string | null } | undefined)
    : undefined;
  // Every attempt is kept; the manager sees the one that counts (the latest) and how many there were.
  const byQuestion = new Map<string, ReturnType<typeof listAnswers>>();
  for (const a of listAnswers(db, interviewId)) byQuestion.set(a.question_id, [...(byQuestion.get(a.question_id) ?? []), a]);
  const followUps = new Map(listFollowUps(db, interviewId).map((f) => [f.question_id, f]));
  const answers = pack.questions.flatMap((q, index) => {
    const attempts = byQuestion.get(q.id);
    if (!attempts?.length) return [];
    const a = attempts.reduce((x, y) => (y.attempt > x.attempt ? y : x));
    return [
      {
        questionId: q.id,
        index,
        question: q.text,
        mode: a.mode,
        text: a.text,
        attempts: attempts.length,
        durationMs: a.duration_ms,
        latencyMs: a.latency_ms,
        speechModel: a.speech_model,
        face: a.face_json ? pickFace(JSON.parse(a.face_json) as Record<string, unknown>) : null,
        followUp: followUpView(followUps.get(q.id), q.followUp),
      },
    ];
  });
  const skills = (
    db.prepare('SELECT test_id, correct, total, total_ms FROM skills_results WHERE interview_id = ?').all(interviewId) as { test_id: string; correct: number; total: number; total_ms: number }[]
  ).map((s) => ({
    testId: s.test_id,
    title: pack.skillsTests.find((t) => t.id === s.test_id)?.title ?? null,
    correct: s.correct,
    total: s.total,
    totalMs: s.total_ms,
  }));
  const score = iv.status === 'finished' ? readScore(db, interviewId, iv.pack_hash) : NO_SCORE;
  const decision = currentDecision(db, interviewId);
  const history = (db.prepare('SELECT * FROM decisions WHERE interview_id = ? ORDER BY decided_at, rowid').all(interviewId) as DecisionRow[]).map((d) => decisionView(d, now));
  const assignments = db
    .prepare(
      'SELECT s.id AS shiftId, s.day, s.start_time AS start, s.end_time AS "end", s.role, a.start_date AS startDate FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id WHERE a.interview_id = ? ORDER BY a.assigned_at',
    )
    .all(interviewId) as z.infer<typeof ApplicantDetail>['assignments'];
  const consentRow = db.prepare(`SELECT at FROM audit_log WHERE subject = ? AND action = 'consent.recorded' ORDER BY seq LIMIT 1`).get(interviewId) as { at: string } | undefined;
  const inPool = isInPool(db, interviewId);
  const humanRequests = (db.prepare('SELECT count(*) AS n FROM human_requests WHERE interview_id = ?').get(interviewId) as { n: number }).n;
  return {
    interviewId,
    applicantId: iv.applicant_id,
    status: reviewStatus(iv.status, decision?.decision ?? null, hasAssignment(db, interviewId), inPool),
    interviewStatus: iv.status,
    lang: iv.lang,
    opening: pack.opening.title,
    packId: iv.pack_id,
    packVersion: iv.pack_version,
    receiptCode: iv.receipt_code,
    startedAt: iv.started_at,
    finishedAt: iv.finished_at,
    profile: applicant
      ? {
          name: applicant.name,
          mobile: applicant.mobile,
          availability: JSON.parse(applicant.availability_json) as AvailabilityCell[],
          industries: JSON.parse(applicant.industries_json) as string[],
          expectedWageYuan: applicant.expected_wage_yuan,
          earliestStart: applicant.earliest_start,
        }
      : null,
    consent: { camera: iv.camera_consent === 1, talentPool: iv.pool_consent === 1, noticeVersion: iv.notice_version, recordedAt: consentRow?.at ?? iv.started_at },
    knockouts: (readKnockouts(iv.knockout_json, pack) ?? []).map((k) => {
      const rule = pack.knockouts.find((r) => r.id === k.ruleId);
      return {
        ruleId: k.ruleId,
        kind: k.kind,
        passed: k.passed,
        explain: k.explain,
        label: rule?.managerLabel ?? null,
        question: rule?.kind === 'confirm' ? rule.question : null,
        requireDays: rule?.kind === 'availability' ? [...rule.requireDays] : [],
        withinDays: rule?.kind === 'earliestStart' ? rule.withinDays : null,
      };
    }),
    knockoutProceeded: iv.knockout_proceed === null ? null : iv.knockout_proceed === 1,
    answers,
    skills,
    score,
    recommendation: recommendationFor(score.band),
    decision: decision ? decisionView(decision, now) : null,
    history,
    assignments,
    inPool,
    humanRequests,
    secondRound: secondRoundBooking(db, interviewId),
    secondRoundOffer: secondRoundOffer(db, interviewId),
  };
}

/** The follow-up as the manager reads it: the pack's wording (as asked), and the reply or that it was skipped. */
function followUpView(f: FollowUpRow | undefined, question: LocalText): AnswerView['followUp'] {
  if (!f) return null;
  if (!f.answered_at) return { question, status: 'unanswered', mode: null, text: null, durationMs: null };
  const text = f.text ?? '';
  return { question, status: text.trim() ? 'answered' : 'skipped', mode: f.mode, text, durationMs: f.duration_ms };
}

function pickFace(f: Record<string, unknown>) {
  const n = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : 0);
  const nn = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : null);
  // Expression signals (smileRatio) are deliberately not passed on: the manager never sees them.
  return {
    framesAnalysed: n('framesAnalysed'),
    facePresentRatio: n('facePresentRatio'),
    multiFaceRatio: n('multiFaceRatio'),
    attentionRatio: n('attentionRatio'),
    framingQuality: n('framingQuality'),
    mouthMovementWhileSpeaking: nn('mouthMovementWhileSpeaking'),
    identityConsistency: nn('identityConsistency'),
  };
}
