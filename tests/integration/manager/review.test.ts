import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPacks } from '../../../core/packs/loadPacks.js';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { ErrorCode } from '../../../core/errors.js';
import { localDate } from '../../../electron/services/manager/reviewState.js';
import { finishInterview, managerKiosk, setUpStore, storeScore, type ManagerKiosk } from './managerHarness.js';

let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k);
});
afterEach(async () => {
  await k.close();
});

const lookup = (mobile: string, code: string) => call(k.ctx.registry, 'lookup:result', { mobile, code });
const outboxKinds = () => (k.db.prepare('SELECT kind FROM outbox ORDER BY rowid').all() as { kind: string }[]).map((r) => r.kind);

describe('dashboard and applicant page', () => {
  it('lists today, who is still in the store, and searches by name, mobile and receipt code', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    const b = await finishInterview(k, { name: 'Li Er', mobile: '13900000002' });
    // a finished 40 minutes ago (same day): no longer "still in the store".
    k.db.prepare('UPDATE interviews SET finished_at = ? WHERE id = ?').run(new Date(Date.now() - 40 * 60_000).toISOString(), a.interviewId);
    storeScore(k.db, b.interviewId, 'recommend', 81);
    const d = await k.rpc('manager:dashboard', { date: localDate(k.clock.now().toISOString()) });
    expect(d.today).toMatchObject({ applicants: 2, awaitingReview: 2, stillInStore: 1 });
    expect(d.stillInStore.map((r) => r.interviewId)).toEqual([b.interviewId]);
    expect(d.rows.find((r) => r.interviewId === b.interviewId)).toMatchObject({ name: 'Li Er', mobileTail: '0002', band: 'recommend', overall: 81, status: 'awaiting' });
    expect(d.rows.find((r) => r.interviewId === a.interviewId)).toMatchObject({ band: 'not_scored' });
    expect((await k.rpc('manager:dashboard', { query: '陈' })).rows.map((r) => r.interviewId)).toEqual([a.interviewId]);
    expect((await k.rpc('manager:dashboard', { query: '0002' })).rows.map((r) => r.interviewId)).toEqual([b.interviewId]);
    expect((await k.rpc('manager:dashboard', { query: a.receiptCode.toLowerCase().replace(/-/g, ' ') })).rows.map((r) => r.interviewId)).toEqual([a.interviewId]);
    expect((await k.rpc('manager:dashboard', { band: 'recommend' })).rows.map((r) => r.interviewId)).toEqual([b.interviewId]);
    expect((await k.rpc('manager:dashboard', { date: '2020-01-01' })).rows).toEqual([]);
  });

  it('people who stopped, or only opened the first page, are counted, not listed as nameless rows', async () => {
    const done = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    const start = () => call(k.ctx.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n' } });
    const stopped = await start();
    await call(k.ctx.registry, 'interview:abandon', { interviewId: stopped.interviewId, reason: 'cancelled' });
    await start(); // still on the name page
    const d = await k.rpc('manager:dashboard', { date: localDate(k.clock.now().toISOString()) });
    expect(d.rows.map((r) => r.interviewId)).toEqual([done.interviewId]);
    expect(d.today).toMatchObject({ applicants: 3, leftEarly: 1, notYetNamed: 1 });
  });

  it('shows every answer with its question, consent, knock-outs, skills, face signals and the score with evidence', async () => {
    const { interviewId } = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    storeScore(k.db, interviewId, 'borderline', 55);
    const d = await k.rpc('manager:applicant', { interviewId });
    expect(d.profile).toMatchObject({ name: '陈一', mobile: '13900000001', availability: ['sat-morning', 'sun-afternoon', 'mon-evening'] });
    expect(d.answers).toHaveLength(3);
    expect(d.answers[0]).toMatchObject({ index: 0, mode: 'typed', text: '我叫陈一，每天都准时到岗。', durationMs: 20_000, attempts: 1 });
    expect(d.answers[0]!.question['zh-CN'].length).toBeGreaterThan(3);
    expect(d.answers[2]!.face).toMatchObject({ facePresentRatio: 0.96, multiFaceRatio: 0.2 });
    expect(d.consent).toMatchObject({ camera: true, noticeVersion: 'notice-1' });
    expect(d.knockouts.length).toBeGreaterThan(0);
    expect(d.skills[0]).toMatchObject({ correct: d.skills[0]!.total });
    expect(d.score).toMatchObject({ status: 'scored', modelVersion: 'test-sorter@1', band: 'borderline', overall: 55 });
    expect(d.score.competencies[0]!.contributions[0]).toMatchObject({ label: { en: 'indicator:punctual' }, evidence: ['每天都准时到岗'] });
    expect(d.recommendation).toBe('hold');
    expect(JSON.stringify(d)).not.toContain('smileRatio');
  });
});

describe('knock-outs as the manager reads them (issue 19, item 18)', () => {
  it("an unmet rule carries the pack's short manager label; a pack without one gives null (the console then names the kind of rule)", async () => {
    // The same pack with a label on its weekend rule, in a folder of its own (a pack update).
    const original = k.ctx.packs.current();
    const file = original.packs.find((p) => p.pack.id === 'test-sorter')!.file;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { knockouts: { id: string; managerLabel?: unknown }[] };
    raw.knockouts.find((r) => r.id === 'weekend')!.managerLabel = { 'zh-CN': '周末不能上班', en: "Can't work weekends" };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-labelled-'));
    fs.writeFileSync(path.join(dir, 'test-sorter.json'), JSON.stringify(raw));
    const labelledPacks = loadPacks(dir);
    expect(labelledPacks.errors).toEqual([]);
    // No weekend day ticked: the weekend rule is not met, and the applicant goes on anyway.
    const older = await finishInterview(k, { name: '陈二', mobile: '13900000002', availability: ['mon-evening'] });
    k.ctx.packs.current = () => labelledPacks;
    const labelled = await finishInterview(k, { name: '陈一', mobile: '13900000001', availability: ['mon-evening', 'tue-evening'] });
    fs.rmSync(dir, { recursive: true, force: true });
    const a = await k.rpc('manager:applicant', { interviewId: labelled.interviewId });
    expect(a.knockouts.find((x) => x.ruleId === 'weekend')).toMatchObject({ passed: false, label: { 'zh-CN': '周末不能上班', en: "Can't work weekends" }, requireDays: ['sat', 'sun'] });
    expect(a.knockoutProceeded).toBe(true);
    // Each interview reads its own pack snapshot: the one taken without a label stays without.
    const b = await k.rpc('manager:applicant', { interviewId: older.interviewId });
    expect(b.knockouts.find((x) => x.ruleId === 'weekend')).toMatchObject({ passed: false, label: null });
    expect(b.knockouts.find((x) => x.ruleId === 'lift')).toMatchObject({ passed: true, label: null });
  });
});

describe('decisions', () => {
  it('needs a reason only against the recommendation; audits who and when; queues sync; undo within 5 minutes', async () => {
    const { interviewId } = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    storeScore(k.db, interviewId, 'recommend');
    const agree = await k.rpc('manager:decide', { interviewId, decision: 'pass', reason: null });
    expect(agree).toMatchObject({ decision: 'pass', recommendation: 'pass', isOverride: false, decidedBy: '王经理' });
    expect(agree.undoUntil).not.toBeNull();
    k.clock.advance(60_000);
    await expect(k.rpc('manager:decide', { interviewId, decision: 'fail', reason: '  ' })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    const override = await k.rpc('manager:decide', { interviewId, decision: 'fail', reason: '无法满足周末排班' });
    expect(override).toMatchObject({ decision: 'fail', isOverride: true, reason: '无法满足周末排班' });
    expect((await k.rpc('manager:applicant', { interviewId })).status).toBe('not_selected');

    // The manager keeps using the console (each call counts as activity) while time passes.
    k.clock.advance(2 * 60_000);
    await k.rpc('auth:touch', {});
    k.clock.advance(2 * 60_000);
    expect(await k.rpc('manager:undoDecision', { decisionId: override.id })).toEqual({ undone: true });
    const after = await k.rpc('manager:applicant', { interviewId });
    expect(after.decision).toMatchObject({ id: agree.id, decision: 'pass' });
    expect(after.history.map((h) => [h.decision, h.undoneAt !== null])).toEqual([
      ['pass', false],
      ['fail', true],
    ]);
    // The first decision is now older than the window.
    k.clock.advance(2 * 60_000);
    await expect(k.rpc('manager:undoDecision', { decisionId: agree.id })).rejects.toMatchObject({ code: ErrorCode.Conflict });

    const audit = k.db.prepare(`SELECT actor, action, at FROM audit_log WHERE action LIKE 'decision.%' ORDER BY seq`).all();
    expect(audit).toEqual([
      { actor: '王经理', action: 'decision.made', at: expect.any(String) },
      { actor: '王经理', action: 'decision.made', at: expect.any(String) },
      { actor: '王经理', action: 'decision.undone', at: expect.any(String) },
    ]);
    expect(outboxKinds().filter((x) => x.startsWith('decision.'))).toEqual(['decision.made', 'decision.made', 'decision.undone']);
    expect(verifyAudit(k.db).ok).toBe(true);
  });

  it('without a score there is no recommendation, so no reason is demanded', async () => {
    const { interviewId } = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    expect(await k.rpc('manager:decide', { interviewId, decision: 'hold', reason: null })).toMatchObject({ recommendation: null, isOverride: false });
  });
});

describe('shifts, lookup, pool, human requests', () => {
  it('matches shifts to availability, flags full and clashing ones, schedules, and the applicant can look it up', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001', availability: ['sat-morning', 'sat-afternoon', 'mon-evening'] });
    const b = await finishInterview(k, { name: '李二', mobile: '13900000002', availability: ['sat-morning'] });
    const sat = await k.rpc('manager:saveShift', { day: 'sat', start: '08:00', end: '14:00', role: '分拣', packId: 'test-sorter', headcount: 1, note: null });
    const satLate = await k.rpc('manager:saveShift', { day: 'sat', start: '12:00', end: '18:00', role: '分拣', packId: null, headcount: 2, note: null });
    const tue = await k.rpc('manager:saveShift', { day: 'tue', start: '18:00', end: '22:00', role: '理货', packId: null, headcount: 1, note: null });

    expect(await lookup('13900000001', a.receiptCode)).toMatchObject({ status: 'pending' });
    await expect(k.rpc('manager:assignShift', { interviewId: a.interviewId, shiftId: sat.id, startDate: '2026-11-28' })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await k.rpc('manager:decide', { interviewId: a.interviewId, decision: 'pass', reason: null });
    const m = (await k.rpc('manager:shiftMatches', { interviewId: a.interviewId })).matches;
    expect(m.find((s) => s.id === sat.id)).toMatchObject({ fitsAvailability: true, isFull: false, conflictsWith: null });
    expect(m.find((s) => s.id === tue.id)).toMatchObject({ fitsAvailability: false });
    expect(m.at(-1)!.id).toBe(tue.id);
    expect(await k.rpc('manager:assignShift', { interviewId: a.interviewId, shiftId: sat.id, startDate: '2026-11-28' })).toEqual({ status: 'scheduled' });
    const m2 = (await k.rpc('manager:shiftMatches', { interviewId: a.interviewId })).matches;
    expect(m2.find((s) => s.id === satLate.id)!.conflictsWith).toContain('08:00');
    await expect(k.rpc('manager:assignShift', { interviewId: a.interviewId, shiftId: satLate.id, startDate: '2026-11-28' })).rejects.toMatchObject({ code: ErrorCode.Conflict });

    await k.rpc('manager:decide', { interviewId: b.interviewId, decision: 'pass', reason: null });
    expect((await k.rpc('manager:shiftMatches', { interviewId: b.interviewId })).matches.find((s) => s.id === sat.id)).toMatchObject({ isFull: true });
    await expect(k.rpc('manager:assignShift', { interviewId: b.interviewId, shiftId: sat.id, startDate: '2026-11-28' })).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('full'),
    });

    await k.rpc('manager:setStoreInfo', { storeName: '测试门店', whatToBring: '身份证、健康证' });
    expect(await lookup('139 0000 0001', a.receiptCode.toLowerCase())).toEqual({
      status: 'passed',
      opening: expect.any(Object),
      storeName: '测试门店',
      shifts: [{ day: 'sat', start: '08:00', end: '14:00', role: '分拣' }],
      startDate: '2026-11-28',
      whatToBring: '身份证、健康证',
      // Shown in the language the applicant interviewed in; no SMS was chosen (issue 14 item 15, issue 16 item 1).
      lang: 'zh-CN',
      smsConsent: false,
    });
  });

  it('a wrong mobile looks exactly like an unknown code, and failures are throttled', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    await k.rpc('manager:decide', { interviewId: a.interviewId, decision: 'fail', reason: null, keepInPool: true });
    expect(await lookup('13900000001', a.receiptCode)).toMatchObject({ status: 'notSelected', isInPool: true });
    const wrongMobile = await lookup('13900000009', a.receiptCode);
    const unknownCode = await lookup('13900000001', '2222-3333-4444');
    expect(wrongMobile).toEqual({ status: 'notFound' });
    expect(unknownCode).toEqual(wrongMobile);
    for (let i = 0; i < 4; i++) expect(await lookup('13900000001', `2222-3333-444${i + 5}`)).toEqual({ status: 'notFound' });
    // 5 failures for this mobile within 10 minutes: now even the right pair waits.
    await expect(lookup('13900000001', a.receiptCode)).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    k.clock.advance(61_000);
    expect(await lookup('13900000001', a.receiptCode)).toMatchObject({ status: 'notSelected' });
    expect(await lookup('13900000001', '2222-3333-444A')).toEqual({ status: 'notFound' });
    await expect(lookup('13900000001', a.receiptCode)).rejects.toMatchObject({ code: ErrorCode.RateLimited, message: expect.stringContaining('2 min') });
  });

  it('keeps "not now" applicants in a pool searchable by opening and availability; lists human-interview requests', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001', availability: ['sat-morning', 'wed-evening'] });
    const b = await finishInterview(k, { name: '李二', mobile: '13900000002', availability: ['sat-morning', 'sun-morning'] });
    await k.rpc('manager:decide', { interviewId: a.interviewId, decision: 'fail', reason: null, keepInPool: true });
    await k.rpc('manager:poolAdd', { interviewId: b.interviewId, note: '下月有空' });
    expect((await k.rpc('manager:pool', {})).entries).toHaveLength(2);
    expect((await k.rpc('manager:pool', { day: 'wed', slot: 'evening' })).entries.map((e) => e.name)).toEqual(['陈一']);
    expect((await k.rpc('manager:pool', { packId: 'other' })).entries).toEqual([]);
    expect((await k.rpc('manager:applicant', { interviewId: b.interviewId })).status).toBe('pool');

    const { requestId } = await call(k.ctx.registry, 'interview:humanRequest', { interviewId: null, packId: 'test-sorter', name: '赵六', mobile: '13700000006', lang: 'zh-CN' });
    expect((await k.rpc('manager:humanRequests', {})).requests).toMatchObject([{ id: requestId, name: '赵六', mobile: '13700000006' }]);
    expect((await k.rpc('manager:dashboard', {})).today.openHumanRequests).toBe(1);
    await k.rpc('manager:handleHumanRequest', { id: requestId });
    expect((await k.rpc('manager:humanRequests', {})).requests).toEqual([]);
    expect((await k.rpc('manager:humanRequests', { includeHandled: true })).requests[0]!.handledAt).not.toBeNull();
  });
});
