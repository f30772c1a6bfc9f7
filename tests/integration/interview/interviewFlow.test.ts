import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectableRow } from '../../../electron/services/db/compactJson.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { channelNames } from '../../../electron/shared/contract/index.js';
import type { InterviewState } from '../../../electron/shared/contract/interview.js';
import { ErrorCode } from '../../../core/errors.js';
import { PROFILE, tempKiosk } from '../helpers/tempKiosk.js';

type App = ReturnType<typeof tempKiosk>;
let app: App;
beforeEach(() => {
  app = tempKiosk();
});
afterEach(async () => {
  await app.cleanup();
});

const consent = { data: true as const, camera: false, noticeVersion: 'notice-1' };
const start = (isPractice = false) => call(app.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice, consent });
const profile = (id: string, confirmations: Record<string, boolean> = { lift: true }, p = PROFILE) =>
  call(app.registry, 'interview:profile', { interviewId: id, profile: { ...p, availability: [...p.availability], industries: [...p.industries] }, confirmations });
const answer = (s: InterviewState, text: string, isRetake = false, questionId?: string) => {
  const qid = questionId ?? (s.next.step === 'question' ? s.next.question.id : 'none');
  return call(app.registry, 'interview:answer', { interviewId: s.interviewId, questionId: qid, mode: 'typed', text, isRetake, latencyMs: 1200, durationMs: 30_000 });
};
const count = (table: string) => (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('interview service through the contract', () => {
  it('every contract channel has exactly one handler, and a second registration is refused', () => {
    expect([...app.registry.names()].sort()).toEqual([...channelNames].sort());
    expect(() => app.registry.register('packs:list', () => ({ openings: [] }))).toThrow(/registered twice/);
  });

  it('lists the openings from the pack folder', async () => {
    const { openings } = await call(app.registry, 'packs:list', {});
    expect(openings.map((o) => o.packId)).toEqual(['test-sorter']);
    expect(openings[0]!.hasSkillsTest).toBe(true);
  });

  it('runs a whole typed interview and stores every answer, the receipt and a sync record', async () => {
    let s = await start();
    expect(s.next.step).toBe('profile');
    s = await profile(s.interviewId);
    expect(s.next).toMatchObject({ step: 'question', question: { id: 'q1', index: 0, total: 3 } });
    s = await answer(s, '我每天都准时到岗。');
    // retake q1 once, straight after answering it
    s = await answer(s, '我每天都准时到岗，从不迟到。', true, 'q1');
    await expect(answer(s, 'third try', true, 'q1')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    s = await answer(s, '马上告诉组长并改正。');
    await expect(answer(s, 'late retake', true, 'q1')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    s = await answer(s, '放警示牌，然后拖干。');
    expect(s.next).toMatchObject({ step: 'skills', test: { id: 'parcels', items: ['SF1234567890', 'JD0012345678-1-1', 'YT9876543210'] } });
    s = await call(app.registry, 'interview:skills', {
      interviewId: s.interviewId,
      testId: 'parcels',
      responses: [
        { answer: 'sf1234567890', ms: 4000 },
        { answer: 'JD0012345678-1-1', ms: 5000 },
        { answer: 'YT987654321', ms: 6000 },
      ],
    });
    expect(s.next.step).toBe('finish');
    const done = await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
    expect(done.receiptCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    // No result page is configured for this store (no signed 'result' setting from head office): no QR, only the code.
    expect(done.qrSvg).toBeNull();

    const answers = app.db.prepare('SELECT question_id, attempt, text FROM answers ORDER BY question_id, attempt').all();
    expect(answers).toEqual([
      { question_id: 'q1', attempt: 1, text: '我每天都准时到岗。' },
      { question_id: 'q1', attempt: 2, text: '我每天都准时到岗，从不迟到。' },
      { question_id: 'q2', attempt: 1, text: '马上告诉组长并改正。' },
      { question_id: 'q3', attempt: 1, text: '放警示牌，然后拖干。' },
    ]);
    expect(app.db.prepare('SELECT correct, total FROM skills_results').get()).toEqual({ correct: 2, total: 3 });
    const iv = app.db.prepare('SELECT status, receipt_code FROM interviews').get() as { status: string; receipt_code: string };
    expect(iv).toEqual({ status: 'finished', receipt_code: done.receiptCode });
    const outbox = app.db.prepare(`SELECT id FROM outbox WHERE kind = 'interview.completed'`).all() as { id: string }[];
    expect(outbox).toHaveLength(1);
    expect(readOutboxPayload(app.db, outbox[0]!.id)!.answers).toHaveLength(4);
    expect(verifyAudit(app.db)).toMatchObject({ ok: true });
    await expect(call(app.registry, 'interview:finish', { interviewId: s.interviewId })).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });

  it('two finish calls at once (a double tap) close the interview once, with one receipt and one sync record', async () => {
    let s = await start();
    s = await profile(s.interviewId);
    for (let i = 0; i < 3; i++) s = await answer(s, 'answer');
    s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: 'parcels', responses: [] });
    const results = await Promise.allSettled([call(app.registry, 'interview:finish', { interviewId: s.interviewId }), call(app.registry, 'interview:finish', { interviewId: s.interviewId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: ErrorCode.Conflict } });
    expect(count('outbox')).toBe(1);
    expect(app.db.prepare('SELECT count(*) AS n FROM interviews WHERE receipt_code IS NOT NULL').get()).toEqual({ n: 1 });
  });

  it('rejects an answer to a question that is not the next one', async () => {
    let s = await start();
    s = await profile(s.interviewId);
    await expect(answer(s, 'skipping ahead', false, 'q3')).rejects.toMatchObject({ code: ErrorCode.Conflict });
    expect(count('answers')).toBe(0);
  });

  it('explains failed knock-outs and lets the applicant continue or stop', async () => {
    let s = await start();
    s = await profile(s.interviewId, { lift: false }, { ...PROFILE, availability: ['mon-morning'] });
    expect(s.next.step).toBe('knockout');
    const checks = s.next.step === 'knockout' ? s.next.checks : [];
    expect(checks.filter((c) => !c.passed).map((c) => c.ruleId)).toEqual(['weekend', 'lift']);
    expect(checks.find((c) => c.ruleId === 'weekend')!.explain.en).toBe('This job needs weekend shifts.');
    const stopped = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: false });
    expect(stopped.next).toEqual({ step: 'ended', reason: 'declined' });

    let s2 = await start();
    s2 = await profile(s2.interviewId, {}, { ...PROFILE, availability: [] });
    s2 = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s2.interviewId, proceed: true });
    expect(s2.next).toMatchObject({ step: 'question', question: { id: 'q1' } });
  });

  it('practice mode asks nothing personal, runs the same questions and stores nothing', async () => {
    let s = await start(true);
    expect(s.isPractice).toBe(true);
    // No profile page and no knock-outs: straight to the first question.
    expect(s.next).toMatchObject({ step: 'question', question: { id: 'q1' } });
    await expect(profile(s.interviewId)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    for (let i = 0; i < 3; i++) s = await answer(s, 'practice answer');
    s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: 'parcels', responses: [] });
    const done = await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
    expect(done.receiptCode).toBeNull();
    for (const t of ['interviews', 'applicants', 'answers', 'skills_results', 'outbox', 'audit_log']) expect(count(t)).toBe(0);
  });

  it('resumes the latest unfinished interview at its first unanswered question; idle abandon ends it', async () => {
    let s = await start();
    s = await profile(s.interviewId);
    s = await answer(s, 'first');
    const { state } = await call(app.registry, 'interview:resume', {});
    expect(state).toMatchObject({ interviewId: s.interviewId, next: { step: 'question', question: { id: 'q2', index: 1 } } });
    await call(app.registry, 'interview:abandon', { interviewId: s.interviewId, reason: 'idle' });
    expect((await call(app.registry, 'interview:resume', {})).state).toBeNull();
    expect(count('answers')).toBe(0); // an interview that ends unfinished is not used: erased (below)
  });

  it('a stopped or declined interview keeps nothing personal: answers, profile and scores go at once; an anonymous row and sync record stay', async () => {
    // Stopped mid-interview, with a follow-up pending.
    let s = await start();
    s = await profile(s.interviewId);
    s = await answer(s, '我住在幸福路12号，每天都准时到岗。');
    await call(app.registry, 'interview:abandon', { interviewId: s.interviewId, reason: 'cancelled' });
    // Declined at a knock-out.
    let d = await start();
    d = await profile(d.interviewId, { lift: false }, { ...PROFILE, name: '李四', mobile: '13800002222' });
    expect(d.next.step).toBe('knockout');
    d = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: d.interviewId, proceed: false });
    expect(d.next).toEqual({ step: 'ended', reason: 'declined' });
    expect(d.applicantName).toBeNull();

    for (const t of ['applicants', 'answers', 'follow_ups', 'skills_results', 'scores']) expect(count(t), t).toBe(0);
    expect(app.db.prepare('SELECT id, applicant_id, status, pack_id FROM interviews ORDER BY started_at, id').all()).toEqual([
      { id: s.interviewId, applicant_id: null, status: 'abandoned', pack_id: 'test-sorter' },
      { id: d.interviewId, applicant_id: null, status: 'abandoned', pack_id: 'test-sorter' },
    ]);
    const outbox = app.db.prepare('SELECT id, kind, subject_id FROM outbox ORDER BY created_at, id').all() as { id: string; kind: string; subject_id: string }[];
    expect(outbox.map((o) => [o.kind, o.subject_id, readOutboxPayload(app.db, o.id)])).toEqual([
      ['interview.abandoned', s.interviewId, { v: 1, interviewId: s.interviewId, reason: 'cancelled', packId: 'test-sorter' }],
      ['interview.abandoned', d.interviewId, { v: 1, interviewId: d.interviewId, reason: 'declined', packId: 'test-sorter' }],
    ]);
    // Nothing personal anywhere in the file's rows, and the audit chain still verifies.
    const everything = JSON.stringify(
      (app.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) =>
        (app.db.prepare(`SELECT * FROM "${t.name}"`).all() as Record<string, unknown>[]).map(inspectableRow),
      ),
    );
    for (const secret of ['幸福路', PROFILE.name, PROFILE.mobile, '李四', '13800002222']) expect(everything).not.toContain(secret);
    expect(app.db.prepare(`SELECT detail_json FROM audit_log WHERE action = 'interview.erased' ORDER BY seq`).all()).toHaveLength(2);
    expect(verifyAudit(app.db)).toMatchObject({ ok: true });
  });

  it('records a request for a human interview with a sync record', async () => {
    const { requestId } = await call(app.registry, 'interview:humanRequest', { interviewId: null, packId: 'test-sorter', name: '王芳', mobile: '13700001111', lang: 'zh-CN' });
    expect(app.db.prepare('SELECT name, mobile FROM human_requests WHERE id = ?').get(requestId)).toEqual({ name: '王芳', mobile: '13700001111' });
    expect(count('outbox')).toBe(1);
  });

  it('validates input with messages naming the field', async () => {
    const r = await app.registry.dispatch('interview:profile', { interviewId: 'x', profile: { ...PROFILE, mobile: '12345' }, confirmations: {} }, { role: 'public', sessionId: null, userName: null });
    expect(r).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidInput, message: expect.stringContaining('profile.mobile') } });
    expect(await app.registry.dispatch('nope:nope', {}, { role: 'public', sessionId: null, userName: null })).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownChannel } });
  });
});
