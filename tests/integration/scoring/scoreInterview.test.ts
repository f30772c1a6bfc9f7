import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packValue, unpackValue } from '../../../electron/services/db/compactJson.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { DEFAULT_POLICY } from '../../../core/scoring/policy.js';
import { POLICY_KEY, readPolicy, writePolicy } from '../../../electron/services/scoring/policySetting.js';
import { readScore, scoreInterview, scoreInterviewSafely } from '../../../electron/services/scoring/scoreInterview.js';
import { ErrorCode } from '../../../core/errors.js';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import type { JobPack } from '../../../core/packs/packSchema.js';
import { realPack, ROOT, typed } from '../../fixtures/scoring/fixtures.js';
import { PROFILE, tempKiosk } from '../helpers/tempKiosk.js';
import { buildModel } from '../../../core/scoring/buildModel.js';
import { shipped } from './bankHelpers.js';
import { seedInterview, tempDb, tempModelsDir } from './scoringHelpers.js';

/** The cashier pack (it has a skills test) and held-out bank answers of one level. */
const PACK: JobPack = realPack('cashier');
const WEIGHTS = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models/scoring/weights/cashier.weights.json'), 'utf8')));
const answerAt = (lang: 'zh-CN' | 'en', level: number, qid: string): string =>
  shipped.cashier!.bank.answers.find((a) => a.split === 'heldout' && a.questionId === qid && a.lang === lang && a.level === level)!.text;
function fxInput(lang: 'zh-CN' | 'en', kind: 'strong' | 'weak'): ScoringInput {
  return {
    lang,
    cameraConsent: false,
    answers: PACK.questions.map((q) => typed(q.id, answerAt(lang, kind === 'strong' ? 5 : 2, q.id))),
    skills: [{ testId: 'make-change', correct: kind === 'strong' ? 7 : 2, total: 7, totalMs: 80_000 }],
  };
}
const FX_PACK = PACK;
const Q1 = PACK.questions[0]!.id;

let env: ReturnType<typeof tempDb>;
let models: ReturnType<typeof tempModelsDir>;
beforeEach(() => {
  env = tempDb();
  models = tempModelsDir();
});
afterEach(() => {
  env.cleanup();
  models.cleanup();
});

const DIGIT = /\d/;

describe('scoring an interview stored in the kiosk database', () => {
  it('scores the latest attempt, stores the result with its model version, and rescoring is identical', async () => {
    const input = fxInput('zh-CN', 'strong');
    // q1 was retaken: attempt 1 was weak, attempt 2 (strong) counts.
    const id = seedInterview(env.db, FX_PACK, input, { earlierAttempts: { [Q1]: '好' } });
    const out = await scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir });
    expect(out.scored).toBe(true);
    const stored = readScore(env.db, id);
    expect(stored).toMatchObject({ status: 'scored', modelVersion: 'cashier@2.0.0' });
    if (stored?.status !== 'scored') throw new Error('not scored');
    const q1Quotes = stored.result.competencies.flatMap((c) => c.evidence).filter((q) => q.questionId === Q1);
    expect(q1Quotes.length).toBeGreaterThan(0);
    for (const q of q1Quotes) expect(input.answers[0]!.text).toContain(q.quote);
    expect(stored.result.answers.find((a) => a.questionId === Q1)!.gate).toBeNull();
    const row1 = env.db.prepare('SELECT result, model_version FROM scores WHERE interview_id = ?').get(id) as { result: Buffer; model_version: string };
    await scoreInterview(env.db, id, FX_PACK, { modelsDir: models.modelsDir });
    const row2 = env.db.prepare('SELECT result, model_version FROM scores WHERE interview_id = ?').get(id);
    expect(row2).toEqual(row1);
    // Flat stored shape (compact JSON) that other readers (manager console) can take apart directly.
    expect(unpackValue(row1.result)).toMatchObject({ band: 'recommend', modelVersion: 'cashier@2.0.0', overall: expect.any(Number), competencies: expect.any(Array), feedback: expect.any(Object) });
    expect(verifyAudit(env.db)).toMatchObject({ ok: true, entries: 2 });
  });

  it('feedback: strengths only where credited, tips for weak answers, the skills result; numbers only if the pack allows', async () => {
    const strong = await scoreInterviewSafely(env.db, seedInterview(env.db, FX_PACK, fxInput('en', 'strong')), FX_PACK, { modelsDir: models.modelsDir });
    expect(strong.feedback!.strengths.length).toBeGreaterThanOrEqual(2);
    expect(strong.feedback!.strengths.length).toBeLessThanOrEqual(3);
    expect(strong.feedback!.skills).toEqual([{ 'zh-CN': expect.stringContaining('7 题答对 7 题'), en: expect.stringContaining('7 of 7 right') }]);
    const weak = await scoreInterviewSafely(env.db, seedInterview(env.db, FX_PACK, fxInput('en', 'weak')), FX_PACK, { modelsDir: models.modelsDir });
    expect(weak.feedback!.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(weak.feedback!.suggestions.length).toBeLessThanOrEqual(2);
    for (const t of [...strong.feedback!.strengths, ...weak.feedback!.suggestions]) {
      expect(t['zh-CN'].length).toBeGreaterThan(5);
      // Scores never appear (quotes of the applicant's own words may hold numbers).
      expect(t.en.replace(/“[^”]*”/g, '').replace(/Question \d/g, '')).not.toMatch(DIGIT);
    }
    const withNumbers = { ...FX_PACK, scoring: { ...FX_PACK.scoring, showNumbersToApplicant: true } };
    const id = seedInterview(env.db, withNumbers, fxInput('zh-CN', 'weak'));
    const { feedback } = await scoreInterviewSafely(env.db, id, withNumbers, { modelsDir: models.modelsDir });
    expect(feedback!.suggestions[0]!['zh-CN']).toMatch(/\d+(\.\d)?\/100/);
  });

  it('the follow-up answer is scored together with the answer it follows, and quoted from', async () => {
    const input = fxInput('zh-CN', 'weak');
    input.answers[0] = typed(Q1, '好', { followUpText: '我会先重新点一遍钱，核对小票和退款记录，然后马上告诉店长。' });
    const id = seedInterview(env.db, FX_PACK, input);
    await scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir });
    const stored = readScore(env.db, id);
    if (stored?.status !== 'scored') throw new Error('not scored');
    const q1 = stored.result.competencies.flatMap((c) => c.evidence).filter((e) => e.questionId === Q1);
    expect(q1.length).toBeGreaterThan(0);
    for (const e of q1) expect(input.answers[0]!.followUpText).toContain(e.quote);
    const without = seedInterview(env.db, FX_PACK, { ...input, answers: [typed(Q1, '好'), ...input.answers.slice(1)] });
    await scoreInterviewSafely(env.db, without, FX_PACK, { modelsDir: models.modelsDir });
    const w = readScore(env.db, without);
    if (w?.status !== 'scored') throw new Error('not scored');
    expect(stored.result.answers[0]!.score).toBeGreaterThan(w.result.answers[0]!.score);
  });

  it('a corrupt model never crashes the interview: stored as not scored with a reason the manager can act on', async () => {
    fs.writeFileSync(models.modelFile, Buffer.from([0x08, 0x08, 0x12, 0xff, 0xff, 0x01]));
    const id = seedInterview(env.db, FX_PACK, fxInput('en', 'strong'));
    await expect(scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir })).resolves.toEqual({ scored: false, feedback: null });
    expect(readScore(env.db, id)).toMatchObject({ status: 'not_scored', reason: expect.stringMatching(/damaged.*review them by hand/) });
    fs.rmSync(models.modelFile);
    await expect(scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir })).resolves.toEqual({ scored: false, feedback: null });
    expect(readScore(env.db, id)).toMatchObject({ status: 'not_scored', reason: expect.stringContaining('No scoring model is installed') });
    expect(verifyAudit(env.db)).toMatchObject({ ok: true });
  });

  it('a model head office published (sync downlink folder) wins over the shipped one', async () => {
    const published = path.join(models.modelsDir, 'downlink-models');
    fs.mkdirSync(published);
    fs.writeFileSync(path.join(published, 'cashier.onnx'), buildModel({ ...WEIGHTS, modelVersion: '2.1.0' }));
    const id = seedInterview(env.db, FX_PACK, fxInput('en', 'strong'));
    await scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir, preferDirs: [path.join(models.modelsDir, 'empty'), published] });
    expect(readScore(env.db, id)).toMatchObject({ status: 'scored', modelVersion: 'cashier@2.1.0' });
  });

  it('a model for another pack version is refused with the reason, not silently mis-scored', async () => {
    const changed = structuredClone(FX_PACK);
    changed.version = '2.1.0';
    changed.questions[0]!.indicators[0]!.id = 'recount-renamed';
    const id = seedInterview(env.db, changed, fxInput('en', 'strong'));
    await scoreInterviewSafely(env.db, id, changed, { modelsDir: models.modelsDir });
    expect(readScore(env.db, id)).toMatchObject({ status: 'not_scored', reason: expect.stringContaining('does not match job pack version 2.1.0') });
  });

  it('a model from the keyword scoring (weights format 1) is refused, not used', async () => {
    const old = {
      format: 'kiosk-scoring-weights',
      formatVersion: 1,
      packId: 'cashier',
      packVersion: '1.0.0',
      modelVersion: '1.0.0',
      created: '2026-01-01T00:00:00Z',
      notes: '',
      competencies: [{ id: 'accuracy', intercept: 10, overallWeight: 1 }],
      features: [{ id: 'skills:accuracy', group: 'skills', competency: 'accuracy', weight: 50, label: { 'zh-CN': '小测试', en: 'skills test' } }],
    };
    fs.writeFileSync(models.modelFile, buildModel(WeightsFile.parse(old)));
    const id = seedInterview(env.db, FX_PACK, fxInput('en', 'strong'));
    await scoreInterviewSafely(env.db, id, FX_PACK, { modelsDir: models.modelsDir });
    expect(readScore(env.db, id)).toMatchObject({ status: 'not_scored', reason: expect.stringContaining('old keyword scoring') });
  });

  it('the store policy defaults to words only, is audited when changed, and falls back to strict when damaged', () => {
    expect(readPolicy(env.db)).toEqual(DEFAULT_POLICY);
    writePolicy(env.db, { useSpeechDelivery: true, useFaceSignals: false, useExpressionSignals: false }, 'manager-1');
    expect(readPolicy(env.db).useSpeechDelivery).toBe(true);
    expect(env.db.prepare(`SELECT action FROM audit_log`).all()).toEqual([{ action: 'scoring.policy.changed' }]);
    env.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('{"useFaceSignals": "yes please"', POLICY_KEY);
    expect(readPolicy(env.db)).toEqual(DEFAULT_POLICY);
  });

  it('migration 0030: a scored row needs a model version and a result; a not-scored row needs a reason', () => {
    const id = seedInterview(env.db, FX_PACK, fxInput('en', 'weak'));
    const ins = env.db.prepare('INSERT INTO scores (interview_id, status, reason, model_version, result, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    expect(() => ins.run(id, 'scored', null, null, packValue({}), 'now')).toThrow(/CHECK/);
    expect(() => ins.run(id, 'not_scored', null, null, null, 'now')).toThrow(/CHECK/);
    expect(() => ins.run(id, 'maybe', 'x', null, null, 'now')).toThrow(/CHECK/);
    ins.run(id, 'not_scored', 'no model', null, null, 'now');
    env.db.prepare('DELETE FROM interviews WHERE id = ?').run(id);
    expect(env.db.prepare('SELECT count(*) AS n FROM scores').get()).toEqual({ n: 0 }); // deletion on request cascades
  });
});

describe('wired into the kiosk app', () => {
  it('a thin answer gets exactly one follow-up; finishing scores answer + follow-up together; the manager channels work', async () => {
    const app = tempKiosk({ packsDir: path.join(ROOT, 'resources/packs'), modelsDir: path.join(ROOT, 'models') });
    try {
      expect(app.hooks.onFinish).not.toBeNull();
      expect(app.hooks.followUpReason).not.toBeNull();
      let s = await call(app.registry, 'interview:start', { packId: 'cashier', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } });
      s = await call(app.registry, 'interview:profile', {
        interviewId: s.interviewId,
        profile: { ...PROFILE, availability: ['mon-evening', 'tue-evening', 'sat-morning'], industries: [...PROFILE.industries] },
        confirmations: Object.fromEntries(PACK.knockouts.filter((k) => k.kind === 'confirm').map((k) => [k.id, true])),
      });
      if (s.next.step === 'knockout') s = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
      const id = s.interviewId;
      const q1 = PACK.questions[0]!;
      expect(s.next).toMatchObject({ step: 'question', question: { id: q1.id } });
      s = await call(app.registry, 'interview:answer', { interviewId: id, questionId: q1.id, mode: 'typed', text: '好', isRetake: false, latencyMs: 1500, durationMs: 5_000 });
      expect(s.next).toEqual({ step: 'followUp', followUp: expect.objectContaining({ questionId: q1.id, text: q1.followUp, answerSeconds: q1.followUpSeconds }) });
      // The next question cannot be answered past the follow-up.
      await expect(
        call(app.registry, 'interview:answer', { interviewId: id, questionId: PACK.questions[1]!.id, mode: 'typed', text: 'x', isRetake: false, latencyMs: 1, durationMs: 1 }),
      ).rejects.toMatchObject({ code: ErrorCode.Conflict });
      const followUpText = '我会先把钱重新点一遍，核对小票和退款记录，然后马上告诉店长。';
      s = await call(app.registry, 'interview:followUp', { interviewId: id, questionId: q1.id, mode: 'typed', text: followUpText, durationMs: 20_000 });
      expect(s.next).toMatchObject({ step: 'question', question: { id: PACK.questions[1]!.id } });
      // A double tap sends it again: refused, nothing changes.
      await expect(call(app.registry, 'interview:followUp', { interviewId: id, questionId: q1.id, mode: 'typed', text: followUpText, durationMs: 20_000 })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
      // No retake after the follow-up was answered, so no second follow-up for this question.
      await expect(call(app.registry, 'interview:answer', { interviewId: id, questionId: q1.id, mode: 'typed', text: '好', isRetake: true, latencyMs: 1, durationMs: 1 })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
      for (const q of PACK.questions.slice(1)) {
        s = await call(app.registry, 'interview:answer', { interviewId: id, questionId: q.id, mode: 'spoken', text: answerAt('zh-CN', 5, q.id), isRetake: false, latencyMs: 1500, durationMs: 40_000 });
        expect(s.next.step).not.toBe('followUp');
      }
      expect(s.next).toMatchObject({ step: 'skills' });
      s = await call(app.registry, 'interview:skills', {
        interviewId: id,
        testId: 'make-change',
        responses: ['12.20', '7.35', '11.60', '27.00', '3.01', '43.80', '57.30'].map((answer) => ({ answer, ms: 9000 })),
      });
      const done = await call(app.registry, 'interview:finish', { interviewId: id });
      expect(done.scored).toBe(true);
      expect(done.feedback!.strengths.length).toBeGreaterThanOrEqual(2);
      expect(app.db.prepare('SELECT count(*) AS n FROM follow_ups WHERE interview_id = ?').get(id)).toEqual({ n: 1 });
      const staff = { role: 'staff' as const, sessionId: 's', userName: 'li' };
      const report = await call(app.registry, 'scoring:report', { interviewId: id }, staff);
      expect(report).toMatchObject({ status: 'scored', modelVersion: 'cashier@2.0.0' });
      const q1Evidence = report.result!.competencies.flatMap((c) => c.evidence).filter((e) => e.questionId === q1.id);
      expect(q1Evidence.length).toBeGreaterThan(0);
      for (const e of q1Evidence) expect(followUpText).toContain(e.quote);
      await expect(call(app.registry, 'scoring:report', { interviewId: id })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
      await expect(call(app.registry, 'scoring:setPolicy', { useSpeechDelivery: true, useFaceSignals: false, useExpressionSignals: false }, staff)).rejects.toMatchObject({
        code: ErrorCode.Unauthorized,
      });
      const manager = { role: 'manager' as const, sessionId: 's', userName: 'wang' };
      expect(await call(app.registry, 'scoring:rescore', { interviewId: id }, manager)).toEqual(report);
      // The sync record carries the follow-up, so head office scores the same inputs.
      const rec = readOutboxPayload(app.db, (app.db.prepare(`SELECT id FROM outbox WHERE kind = 'interview.completed'`).get() as { id: string }).id) as {
        followUps: { questionId: string; text: string }[];
      };
      expect(rec.followUps).toEqual([expect.objectContaining({ questionId: q1.id, text: followUpText })]);
    } finally {
      await app.cleanup();
    }
  });
});
