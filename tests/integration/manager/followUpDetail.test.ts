import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packValue } from '../../../electron/services/db/compactJson.js';
import { call, type CallContext } from '../../../electron/services/rpc/registry.js';
import type { ChannelName, InputOf, OutputOf } from '../../../electron/shared/contract/index.js';
import { ApplicantDetail } from '../../../electron/shared/contract/manager.js';
import { managerKiosk, setUpStore, storeScore, type ManagerKiosk } from './managerHarness.js';

/**
 * manager:applicant carries each answer's follow-up (the pack's wording, the reply, how it was
 * given, or that it was skipped / never answered) and reads scoring v2's explanation (summary,
 * evidence by label, answer terms, per-answer level and gate) into the console's score view.
 * Real encrypted DB, real interview + manager services. Whether an answer is thin is scoring's
 * job (tested there, and end to end in tests/e2e/followUp.spec.ts); here a one- or two-character
 * answer stands in for "thin", since the foundation test pack has no scoring model.
 */
let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  k.ctx.hooks.followUpReason = (_pack, _questionId, text) => (text.trim().length <= 2 ? 'too-short' : null);
  await setUpStore(k);
});
afterEach(async () => {
  await k.close();
});

const pub: CallContext = { role: 'public', sessionId: null, userName: null };
/** As the applicant screens call: public, no session. */
const applicant = <K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> => call(k.ctx.registry, name, input, pub);

async function begin(name: string, mobile: string) {
  let s = await applicant('interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'notice-1' } });
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  s = await applicant('interview:profile', {
    interviewId: s.interviewId,
    profile: { name, mobile, availability: ['sat-morning', 'sun-afternoon', 'mon-evening'], industries: ['retail'], expectedWageYuan: 24, earliestStart: start },
    confirmations: { lift: true },
  });
  if (s.next.step === 'knockout') s = await applicant('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  return s;
}

const answer = (interviewId: string, questionId: string, text: string) =>
  applicant('interview:answer', { interviewId, questionId, mode: 'typed', text, isRetake: false, latencyMs: 1000, durationMs: 20_000 });

describe('manager:applicant — follow-ups', () => {
  it('shows the follow-up asked after a thin answer with the reply, a skipped one as skipped, and none where none was asked', async () => {
    let s = await begin('陈一', '13900000001');
    const id = s.interviewId;
    expect(s.next.step).toBe('question');
    const [q1, q2, q3] = ['q1', 'q2', 'q3'];

    s = await answer(id, q1, '好');
    expect(s.next).toMatchObject({ step: 'followUp', followUp: { questionId: q1 } });
    const reply = '我在超市做过理货，每天早上把货按标签上架，发现放错的就马上拿回来，告诉组长。';
    s = await applicant('interview:followUp', { interviewId: id, questionId: q1, mode: 'spoken', text: reply, durationMs: 31_000 });
    expect(s.next).toMatchObject({ step: 'question', question: { id: q2 } });

    s = await answer(id, q2, '嗯');
    expect(s.next.step).toBe('followUp');
    s = await applicant('interview:followUp', { interviewId: id, questionId: q2, mode: 'typed', text: '', durationMs: 4000 });

    s = await answer(id, q3, '我会先在旁边放一个小心地滑的牌子，然后拿拖把拖干，再告诉组长是哪里漏的水。');
    expect(s.next.step).not.toBe('followUp');
    while (s.next.step === 'skills') {
      s = await applicant('interview:skills', { interviewId: id, testId: s.next.test.id, responses: s.next.test.items.map((a) => ({ answer: a, ms: 3000 })) });
    }
    await applicant('interview:finish', { interviewId: id });

    const d = await k.rpc('manager:applicant', { interviewId: id });
    expect(() => ApplicantDetail.parse(d)).not.toThrow();
    const pack = k.ctx.packs.current().packs.find((p) => p.pack.id === 'test-sorter')!.pack;
    const byQ = new Map(d.answers.map((a) => [a.questionId, a]));
    expect(byQ.get(q1)!.text).toBe('好');
    expect(byQ.get(q1)!.followUp).toEqual({ question: pack.questions[0]!.followUp, status: 'answered', mode: 'spoken', text: reply, durationMs: 31_000 });
    expect(byQ.get(q2)!.followUp).toEqual({ question: pack.questions[1]!.followUp, status: 'skipped', mode: 'typed', text: '', durationMs: 4000 });
    expect(byQ.get(q3)!.followUp).toBeNull();
  });

  it('an applicant who left with a follow-up pending is erased at once: the manager finds no answers or name', async () => {
    let s = await begin('李二', '13900000002');
    s = await answer(s.interviewId, 'q1', '好');
    expect(s.next.step).toBe('followUp');
    await applicant('interview:abandon', { interviewId: s.interviewId, reason: 'idle' });
    const d = await k.rpc('manager:applicant', { interviewId: s.interviewId });
    expect(d.answers).toEqual([]);
    expect(JSON.stringify(d)).not.toContain('李二');
  });
});

describe('manager:applicant — the score view reads scoring v2', () => {
  it('passes on summary, level, evidence by label and each answer term with its question; each answer level and gate', async () => {
    let s = await begin('王三', '13900000003');
    const id = s.interviewId;
    for (const q of ['q1', 'q2', 'q3']) {
      s = await answer(id, q, '我会先告诉组长，再把包裹放回正确的格口，然后把这一批都检查一遍。');
      if (s.next.step === 'followUp') s = await applicant('interview:followUp', { interviewId: id, questionId: q, mode: 'typed', text: '', durationMs: 1000 });
    }
    while (s.next.step === 'skills') s = await applicant('interview:skills', { interviewId: id, testId: s.next.test.id, responses: s.next.test.items.map((a) => ({ answer: a, ms: 3000 })) });
    await applicant('interview:finish', { interviewId: id });
    storeScore(k.db, id, 'borderline', 55); // creates the table when this build has none
    const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
    const v2 = {
      modelVersion: 'test-sorter@2',
      overall: 55,
      band: 'borderline',
      competencies: [
        {
          id: 'accuracy',
          name: t('细致准确', 'Accuracy'),
          score: 55,
          level: 3,
          summary: t('最接近第 3 级（共 5 级）', 'Closest to level 3 of 5'),
          contributions: [
            { feature: 'baseline', kind: 'baseline', label: t('起点分', 'starting point'), contribution: 10, value: null, weight: null, measured: null },
            { feature: 'q:q2', kind: 'answer', questionId: 'q2', label: t('第2题的回答', 'Answer to question 2'), contribution: 45, value: null, weight: null, measured: null },
          ],
          evidence: [
            { questionId: 'q2', competency: 'accuracy', polarity: 'positive', status: 'credited', label: t('告诉组长', 'Tells the lead'), quote: '我会先告诉组长' },
            { questionId: 'q2', competency: 'accuracy', polarity: 'negative', status: 'avoided', label: t('瞒着不说', 'Hides it'), quote: '不会瞒着' },
            { questionId: 'q2', competency: 'accuracy', polarity: 'broken' },
          ],
        },
      ],
      answers: [
        { questionId: 'q1', score: 5, level: 1, gate: 'keyword-list', terms: [] },
        { questionId: 'q2', score: 70, level: 4, gate: null, terms: [] },
        { questionId: 'q3', score: 40, level: 2, gate: 'not-a-gate', terms: [] },
      ],
    };
    k.db.prepare('UPDATE scores SET result = ? WHERE interview_id = ?').run(packValue(v2), id);
    const d = await k.rpc('manager:applicant', { interviewId: id });
    expect(() => ApplicantDetail.parse(d)).not.toThrow();
    const c = d.score.competencies[0]!;
    expect(c).toMatchObject({ id: 'accuracy', level: 3, summary: v2.competencies[0]!.summary });
    expect(c.contributions).toEqual([
      { kind: 'baseline', questionId: null, label: t('起点分', 'starting point'), contribution: 10, evidence: [], measured: null },
      { kind: 'answer', questionId: 'q2', label: t('第2题的回答', 'Answer to question 2'), contribution: 45, evidence: [], measured: null },
    ]);
    // A malformed evidence item is dropped, not shown half-empty.
    expect(c.evidence).toEqual([
      { questionId: 'q2', polarity: 'positive', status: 'credited', label: t('告诉组长', 'Tells the lead'), quote: '我会先告诉组长' },
      { questionId: 'q2', polarity: 'negative', status: 'avoided', label: t('瞒着不说', 'Hides it'), quote: '不会瞒着' },
    ]);
    // An unknown gate is shown as none rather than as a raw word.
    expect(d.score.answers).toEqual([
      { questionId: 'q1', score: 5, level: 1, gate: 'keyword-list' },
      { questionId: 'q2', score: 70, level: 4, gate: null },
      { questionId: 'q3', score: 40, level: 2, gate: null },
    ]);
  });

  it('a score stored before scoring v2 still shows, with its quoted words per term', async () => {
    let s = await begin('赵四', '13900000004');
    const id = s.interviewId;
    for (const q of ['q1', 'q2', 'q3']) {
      s = await answer(id, q, '我会先告诉组长，再把包裹放回正确的格口，然后把这一批都检查一遍。');
      if (s.next.step === 'followUp') s = await applicant('interview:followUp', { interviewId: id, questionId: q, mode: 'typed', text: '', durationMs: 1000 });
    }
    while (s.next.step === 'skills') s = await applicant('interview:skills', { interviewId: id, testId: s.next.test.id, responses: s.next.test.items.map((a) => ({ answer: a, ms: 3000 })) });
    await applicant('interview:finish', { interviewId: id });
    storeScore(k.db, id, 'recommend', 81);
    const d = await k.rpc('manager:applicant', { interviewId: id });
    expect(d.score.competencies[0]).toMatchObject({ level: null, summary: null, evidence: [] });
    expect(d.score.competencies[0]!.contributions[0]).toMatchObject({ kind: 'other', questionId: null, evidence: ['每天都准时到岗'] });
    expect(d.score.answers).toEqual([]);
  });
});
