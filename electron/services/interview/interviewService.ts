import type { z } from 'zod';
import type { AnswerInput, FinishResult, FollowUpInput, InterviewState, Profile } from '../../shared/contract/interview.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { maskName } from '../../shared/maskName.js';
import type { JobPack, Lang } from '../../../core/packs/packSchema.js';
import type { AppContext } from '../app/appContext.js';
import { appendAudit } from '../audit/auditLog.js';
import { integrityOf, openDatabase, type Db } from '../db/openDatabase.js';
import { enqueueBuiltRecord, enqueueOutbox } from '../sync/outbox.js';
import { canonicalJson, receiptCode, ulid } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { scrubAfterDelete } from '../manager/deletion.js';
import { eraseUnfinished } from './eraseUnfinished.js';
import { recordHumanRequest, type HumanRequestInput } from './humanRequests.js';
import { doneSkillTests, finalAnswers, followUpRow, getInterview, getPackSnapshot, pendingFollowUp, touchInterview, type InterviewRow } from './interviewQueries.js';
import { evaluateKnockouts, readKnockouts, storeKnockouts } from './knockouts.js';
import { findOpening, listOpenings } from './openings.js';
import { finishReceipt } from './receipt.js';
import { gradeSkills, skillsItemsForView, type SkillsResponse } from './skillsGrading.js';

const log = createLogger('interview');

/** An interrupted interview is offered for resumption only this long after its last answer. */
export const RESUME_WINDOW_MS = 2 * 60 * 60 * 1000;
const PRACTICE_TTL_MS = 60 * 60 * 1000;

type StartInput = { packId: string; lang: Lang; isPractice: boolean; consent: { data: true; camera: boolean; talentPool?: boolean; noticeVersion: string } };

/**
 * The interview's lifecycle: start (with consent), profile and knock-outs, answers and the one
 * follow-up, skills tests, finish (scored, closed, queued for head office) or abandon (erased).
 * Every row it writes, and the audit entries and sync records with them, carry the time of
 * `clock` (the app's clock): one reading per step. The openings catalogue (openings.ts), the
 * call-back requests (humanRequests.ts) and the finish screen's receipt (receipt.ts) are their own modules.
 */
export function createInterviewService(ctx: AppContext, clock: () => Date = ctx.clock) {
  /** Practice interviews live in a throwaway in-memory database: same code path, nothing on disk. */
  const practice = new Map<string, { db: Db; createdAt: number }>();

  const dbFor = (id: string): Db => practice.get(id)?.db ?? ctx.db;
  const actor = (id: string) => (practice.has(id) ? 'practice' : 'applicant');

  function sweepPractice() {
    const cutoff = clock().getTime() - PRACTICE_TTL_MS;
    for (const [id, p] of practice) if (p.createdAt < cutoff) dropPractice(id);
  }
  function dropPractice(id: string) {
    practice.get(id)?.db.close();
    practice.delete(id);
  }

  function requireInterview(db: Db, id: string): InterviewRow {
    const row = getInterview(db, id);
    if (!row) throw new KioskError(ErrorCode.NotFound, 'This interview could not be found. Please start again.');
    return row;
  }

  function stateOf(db: Db, id: string): InterviewState {
    const row = requireInterview(db, id);
    const pack = getPackSnapshot(db, row.pack_hash);
    const name = row.applicant_id ? ((db.prepare('SELECT name FROM applicants WHERE id = ?').get(row.applicant_id) as { name: string } | undefined)?.name ?? null) : null;
    // Public channels (resume needs no id at all) never carry the full name: masked here, once.
    return {
      interviewId: row.id,
      packId: row.pack_id,
      lang: row.lang,
      isPractice: practice.has(id),
      cameraConsent: row.camera_consent === 1,
      applicantName: name === null ? null : maskName(name),
      next: nextStep(db, row, pack),
    };
  }

  function nextStep(db: Db, row: InterviewRow, pack: JobPack): InterviewState['next'] {
    switch (row.status) {
      case 'started':
      case 'profiled':
        return { step: 'profile' };
      case 'knocked_out':
        return { step: 'knockout', checks: readKnockouts(row.knockout_json, pack) ?? [] };
      case 'finished':
        return { step: 'ended', reason: 'finished' };
      case 'abandoned':
        return { step: 'ended', reason: row.knockout_proceed === 0 ? 'declined' : 'abandoned' };
      case 'in_progress': {
        const pending = pendingFollowUp(db, row.id);
        if (pending) {
          const qi = pack.questions.findIndex((q) => q.id === pending);
          const q = pack.questions[qi]!;
          return {
            step: 'followUp',
            followUp: { questionId: q.id, index: qi, total: pack.questions.length, kind: q.kind, questionText: q.text, text: q.followUp, answerSeconds: q.followUpSeconds },
          };
        }
        const answered = finalAnswers(db, row.id);
        const index = pack.questions.findIndex((q) => !answered.has(q.id));
        if (index >= 0) {
          const q = pack.questions[index]!;
          return {
            step: 'question',
            question: { id: q.id, index, total: pack.questions.length, kind: q.kind, text: q.text, hint: q.hint, thinkSeconds: q.thinkSeconds, answerSeconds: q.answerSeconds, retakesLeft: 1 },
          };
        }
        const done = doneSkillTests(db, row.id);
        const test = pack.skillsTests.find((t) => !done.has(t.id));
        if (test) {
          return {
            step: 'skills',
            test: { id: test.id, kind: test.kind, title: test.title, instructions: test.instructions, timeLimitSeconds: test.timeLimitSeconds, items: skillsItemsForView(test) },
          };
        }
        return { step: 'finish' };
      }
    }
  }

  function requireStatus(row: InterviewRow, ...allowed: InterviewRow['status'][]) {
    if (!allowed.includes(row.status)) {
      throw new KioskError(
        ErrorCode.Conflict,
        row.status === 'finished' || row.status === 'abandoned' ? 'This interview has already ended.' : 'That step is not open right now. The screen will move to the right step.',
      );
    }
  }

  return {
    listOpenings: () => listOpenings(ctx.packs.current()),

    start(input: StartInput): InterviewState {
      sweepPractice();
      // A damaged database (quick_check at start-up) takes no new applicants' data; practice
      // runs in memory and stays available. The manager's console shows why and what to do.
      if (!input.isPractice && !integrityOf(ctx.db).isOk) {
        throw new KioskError(ErrorCode.DatabaseCorrupt, 'This kiosk cannot take new interviews right now: its data file needs attention from the store manager.');
      }
      const { pack, hash } = findOpening(ctx.packs.current(), input.packId);
      const id = ulid();
      const at = clock();
      const now = at.toISOString();
      let db = ctx.db;
      if (input.isPractice) {
        db = openDatabase({ file: ':memory:', key: null });
        practice.set(id, { db, createdAt: at.getTime() });
      }
      db.transaction(() => {
        db.prepare('INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, ?, ?, ?)').run(hash, pack.id, pack.version, canonicalJson(pack), now);
        db.prepare(
          `INSERT INTO interviews (id, pack_id, pack_version, pack_hash, lang, status, camera_consent, pool_consent, notice_version, started_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'started', ?, ?, ?, ?, ?)`,
        ).run(id, pack.id, pack.version, hash, input.lang, input.consent.camera ? 1 : 0, input.consent.talentPool ? 1 : 0, input.consent.noticeVersion, now, now);
        if (input.isPractice) {
          // Practice asks nothing personal: a placeholder profile that clears every knock-out,
          // straight to the questions (in the throwaway database, like everything in practice).
          db.prepare(
            `INSERT INTO applicants (id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start, created_at) VALUES (?, 'practice', '', '[]', '[]', NULL, NULL, ?)`,
          ).run(id, now);
          db.prepare(`UPDATE interviews SET applicant_id = ?, status = 'in_progress', knockout_json = '[]' WHERE id = ?`).run(id, id);
        }
        appendAudit(
          db,
          {
            actor: actor(id),
            action: 'consent.recorded',
            subject: id,
            detail: { camera: input.consent.camera, talentPool: !!input.consent.talentPool, noticeVersion: input.consent.noticeVersion, pack: `${pack.id}@${pack.version}` },
          },
          at,
        );
      })();
      log.info(`interview ${id} started (${pack.id}, ${input.lang}${input.isPractice ? ', practice' : ''})`);
      return stateOf(db, id);
    },

    resume(): InterviewState | null {
      const cutoff = new Date(clock().getTime() - RESUME_WINDOW_MS).toISOString();
      const row = ctx.db.prepare(`SELECT id FROM interviews WHERE status IN ('started','profiled','knocked_out','in_progress') AND updated_at >= ? ORDER BY updated_at DESC LIMIT 1`).get(cutoff) as
        { id: string } | undefined;
      return row ? stateOf(ctx.db, row.id) : null;
    },

    state: (interviewId: string): InterviewState => stateOf(dbFor(interviewId), interviewId),

    profile(interviewId: string, profile: Profile, confirmations: Record<string, boolean>): InterviewState {
      const db = dbFor(interviewId);
      const row = requireInterview(db, interviewId);
      // From the knock-out page the applicant may go back and correct a mis-tap: the profile is
      // replaced (the earlier applicant row goes) and the rules are checked again.
      requireStatus(row, 'started', 'profiled', 'knocked_out');
      const pack = getPackSnapshot(db, row.pack_hash);
      const at = clock();
      const now = at.toISOString();
      const checks = evaluateKnockouts(pack, profile, confirmations, at);
      const isClear = checks.every((c) => c.passed);
      db.transaction(() => {
        const applicantId = ulid();
        const earlier = row.applicant_id;
        db.prepare(
          `INSERT INTO applicants (id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(applicantId, profile.name, profile.mobile, JSON.stringify(profile.availability), JSON.stringify(profile.industries), profile.expectedWageYuan, profile.earliestStart, now);
        db.prepare('UPDATE interviews SET applicant_id = ?, status = ?, knockout_json = ?, updated_at = ? WHERE id = ?').run(
          applicantId,
          isClear ? 'in_progress' : 'knocked_out',
          storeKnockouts(checks),
          now,
          interviewId,
        );
        if (earlier) db.prepare('DELETE FROM applicants WHERE id = ?').run(earlier);
        appendAudit(db, { actor: actor(interviewId), action: 'profile.saved', subject: interviewId, detail: { knockoutsFailed: checks.filter((c) => !c.passed).map((c) => c.ruleId) } }, at);
      })();
      return stateOf(db, interviewId);
    },

    /** Declining at a knock-out ends the interview, and its data goes at once (see eraseUnfinished). */
    acknowledgeKnockout(interviewId: string, proceed: boolean): InterviewState {
      const db = dbFor(interviewId);
      const row = requireInterview(db, interviewId);
      requireStatus(row, 'knocked_out');
      const isReal = !practice.has(interviewId);
      const at = clock();
      db.transaction(() => {
        db.prepare('UPDATE interviews SET status = ?, knockout_proceed = ?, updated_at = ? WHERE id = ?').run(proceed ? 'in_progress' : 'abandoned', proceed ? 1 : 0, at.toISOString(), interviewId);
        appendAudit(db, { actor: actor(interviewId), action: proceed ? 'knockout.continued' : 'knockout.declined', subject: interviewId }, at);
        if (!proceed && isReal) {
          eraseUnfinished(db, interviewId, 'declined', 'kiosk', at);
          enqueueOutbox(db, 'interview.abandoned', interviewId, { v: 1, interviewId, reason: 'declined', packId: row.pack_id }, at);
        }
      })();
      if (!proceed && isReal) scrubAfterDelete(db);
      return stateOf(db, interviewId);
    },

    /** Commits one answer durably before returning: a power cut after this loses nothing. */
    answer(input: z.infer<typeof AnswerInput>): InterviewState {
      const db = dbFor(input.interviewId);
      const row = requireInterview(db, input.interviewId);
      requireStatus(row, 'in_progress');
      const pack = getPackSnapshot(db, row.pack_hash);
      const qIndex = pack.questions.findIndex((q) => q.id === input.questionId);
      if (qIndex < 0) throw new KioskError(ErrorCode.NotFound, 'That question is not part of this interview.');
      const at = clock();
      const now = at.toISOString();
      db.transaction(() => {
        const answered = finalAnswers(db, row.id);
        const attempts = db.prepare('SELECT attempt FROM answers WHERE interview_id = ? AND question_id = ?').all(row.id, input.questionId) as { attempt: number }[];
        const followUp = followUpRow(db, row.id, input.questionId);
        let attempt: 1 | 2 = 1;
        if (input.isRetake) {
          const laterAnswered = pack.questions.slice(qIndex + 1).some((q) => answered.has(q.id));
          if (attempts.length !== 1 || laterAnswered || followUp?.answered_at) throw new KioskError(ErrorCode.Conflict, 'Each question can be retaken once, straight after answering it.');
          attempt = 2;
        } else {
          if (pendingFollowUp(db, row.id)) throw new KioskError(ErrorCode.Conflict, 'There is a follow-up question to answer or skip first. The screen will show it.');
          const expected = pack.questions.find((q) => !answered.has(q.id));
          if (!expected || expected.id !== input.questionId) throw new KioskError(ErrorCode.Conflict, 'This answer was already saved. The screen will move to the next question.');
        }
        const s = input.speech ?? null;
        db.prepare(
          `INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, latency_ms, duration_ms, words_json, speaking_rate, pause_ratio, speech_model, face_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          ulid(),
          row.id,
          input.questionId,
          attempt,
          input.mode,
          input.text,
          input.latencyMs,
          input.durationMs,
          s ? JSON.stringify(s.words) : null,
          s?.speakingRate ?? null,
          s?.pauseRatio ?? null,
          s?.model ?? null,
          row.camera_consent === 1 && input.face ? JSON.stringify(input.face) : null,
          now,
        );
        // The one follow-up: decided on the latest attempt, never asked twice (primary key).
        const reason = ctx.hooks.followUpReason?.(pack, input.questionId, input.text) ?? null;
        if (reason && !followUp) {
          db.prepare('INSERT INTO follow_ups (interview_id, question_id, reason, asked_at) VALUES (?, ?, ?, ?)').run(row.id, input.questionId, reason, now);
          appendAudit(db, { actor: actor(row.id), action: 'followup.asked', subject: row.id, detail: { questionId: input.questionId, reason } }, at);
        } else if (!reason && followUp && !followUp.answered_at) {
          // A retake that is no longer thin: the follow-up was not shown yet, so it is withdrawn.
          db.prepare('DELETE FROM follow_ups WHERE interview_id = ? AND question_id = ?').run(row.id, input.questionId);
        }
        touchInterview(db, row.id, now);
      })();
      return stateOf(db, row.id);
    },

    /** The answer to the follow-up (or '' to skip it), committed durably like any answer. */
    followUp(input: FollowUpInput): InterviewState {
      const db = dbFor(input.interviewId);
      const row = requireInterview(db, input.interviewId);
      requireStatus(row, 'in_progress');
      const at = clock();
      const now = at.toISOString();
      db.transaction(() => {
        if (pendingFollowUp(db, row.id) !== input.questionId) throw new KioskError(ErrorCode.Conflict, 'This follow-up was already answered. The screen will move to the next question.');
        db.prepare('UPDATE follow_ups SET mode = ?, text = ?, duration_ms = ?, answered_at = ? WHERE interview_id = ? AND question_id = ?').run(
          input.mode,
          input.text.trim() ? input.text : '',
          input.durationMs,
          now,
          row.id,
          input.questionId,
        );
        appendAudit(db, { actor: actor(row.id), action: input.text.trim() ? 'followup.answered' : 'followup.skipped', subject: row.id, detail: { questionId: input.questionId } }, at);
        touchInterview(db, row.id, now);
      })();
      return stateOf(db, row.id);
    },

    skills(interviewId: string, testId: string, responses: SkillsResponse[]): InterviewState {
      const db = dbFor(interviewId);
      const row = requireInterview(db, interviewId);
      requireStatus(row, 'in_progress');
      const next = nextStep(db, row, getPackSnapshot(db, row.pack_hash));
      if (next.step !== 'skills' || next.test.id !== testId) throw new KioskError(ErrorCode.Conflict, 'That test is not open right now.');
      const test = getPackSnapshot(db, row.pack_hash).skillsTests.find((t) => t.id === testId)!;
      const grade = gradeSkills(test, responses);
      const now = clock().toISOString();
      db.transaction(() => {
        db.prepare('INSERT INTO skills_results (id, interview_id, test_id, items_json, correct, total, total_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          ulid(),
          interviewId,
          testId,
          JSON.stringify(grade.items),
          grade.correct,
          grade.total,
          grade.totalMs,
          now,
        );
        touchInterview(db, interviewId, now);
      })();
      return stateOf(db, interviewId);
    },

    async finish(interviewId: string): Promise<z.infer<typeof FinishResult>> {
      const db = dbFor(interviewId);
      const row = requireInterview(db, interviewId);
      requireStatus(row, 'in_progress');
      const pack = getPackSnapshot(db, row.pack_hash);
      if (nextStep(db, row, pack).step !== 'finish') throw new KioskError(ErrorCode.Conflict, 'Some questions are still unanswered.');
      // Score first (it only reads answers); then one transaction closes the interview and
      // queues its sync record, so a crash in between just means scoring runs again on resume.
      let outcome: Awaited<ReturnType<NonNullable<AppContext['hooks']['onFinish']>>> = { scored: false, feedback: null };
      if (ctx.hooks.onFinish) {
        try {
          outcome = await ctx.hooks.onFinish(db, interviewId, pack);
        } catch (e) {
          log.error(`scoring failed for ${interviewId}; stored for manager review`, e);
        }
      }
      const isPractice = practice.has(interviewId);
      const code = isPractice ? null : receiptCode();
      const at = clock();
      db.transaction(() => {
        // Scoring awaited above: a second finish (double tap, retry) may have closed it meanwhile.
        const closed = db
          .prepare(`UPDATE interviews SET status = 'finished', receipt_code = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = 'in_progress'`)
          .run(code, at.toISOString(), at.toISOString(), interviewId);
        if (closed.changes !== 1) throw new KioskError(ErrorCode.Conflict, 'This interview has already ended.');
        appendAudit(db, { actor: actor(interviewId), action: 'interview.finished', subject: interviewId, detail: { scored: outcome.scored } }, at);
        if (!isPractice) enqueueBuiltRecord(db, 'interview.completed', interviewId, at);
      })();
      const receipt = await finishReceipt(ctx, { id: interviewId, lang: row.lang, receiptCode: code, isPractice, db });
      if (isPractice) dropPractice(interviewId);
      return { ...receipt, feedback: outcome.feedback, scored: outcome.scored };
    },

    abandon(interviewId: string, reason: 'idle' | 'cancelled'): boolean {
      const db = dbFor(interviewId);
      const row = getInterview(db, interviewId);
      if (!row || row.status === 'finished' || row.status === 'abandoned') {
        if (practice.has(interviewId)) dropPractice(interviewId);
        return false;
      }
      const isReal = !practice.has(interviewId);
      const at = clock();
      db.transaction(() => {
        db.prepare(`UPDATE interviews SET status = 'abandoned', updated_at = ? WHERE id = ?`).run(at.toISOString(), interviewId);
        appendAudit(db, { actor: 'kiosk', action: 'interview.abandoned', subject: interviewId, detail: { reason } }, at);
        if (isReal) {
          // "This interview will not be used": so nothing of it is kept but the anonymous count.
          eraseUnfinished(db, interviewId, reason, 'kiosk', at);
          enqueueOutbox(db, 'interview.abandoned', interviewId, { v: 1, interviewId, reason, packId: row.pack_id }, at);
        }
      })();
      if (isReal) scrubAfterDelete(db);
      else dropPractice(interviewId);
      return true;
    },

    /** A call-back request; it names the interview only when that is a real one on this kiosk (never a practice one). */
    humanRequest(input: HumanRequestInput): string {
      const interviewId = input.interviewId && !practice.has(input.interviewId) && getInterview(ctx.db, input.interviewId) ? input.interviewId : null;
      return recordHumanRequest(ctx.db, { ...input, interviewId }, clock());
    },

    close() {
      for (const id of [...practice.keys()]) dropPractice(id);
    },
  };
}
export type InterviewService = ReturnType<typeof createInterviewService>;
