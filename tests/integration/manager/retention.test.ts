import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { lastRetentionRun, runRetention, startRetentionJob } from '../../../electron/services/manager/retention.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { finishInterview, managerKiosk, MANAGER_PIN, setUpStore, type ManagerKiosk } from './managerHarness.js';
import { unlockAs } from './people.js';

const DAY = 86_400_000;
let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k);
});
afterEach(async () => {
  await k.close();
});

const interviewIds = () => (k.db.prepare('SELECT id FROM interviews ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe('retention job', () => {
  it('applies the store settings by age: not selected 90 d, pool 1 y, unfinished 30 d, handled requests 90 d', async () => {
    const notSelected = await finishInterview(k, { name: '甲', mobile: '13900000001' });
    const pooled = await finishInterview(k, { name: '乙', mobile: '13900000002' });
    const hired = await finishInterview(k, { name: '丙', mobile: '13900000003' });
    const undecided = await finishInterview(k, { name: '丁', mobile: '13900000004' });
    const started = await call(k.ctx.registry, 'interview:start', { packId: 'test-sorter', lang: 'en', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n' } });
    await call(k.ctx.registry, 'interview:abandon', { interviewId: started.interviewId, reason: 'idle' });
    await k.rpc('manager:decide', { interviewId: notSelected.interviewId, decision: 'fail', reason: null });
    await k.rpc('manager:decide', { interviewId: pooled.interviewId, decision: 'fail', reason: null, keepInPool: true });
    await k.rpc('manager:decide', { interviewId: hired.interviewId, decision: 'pass', reason: null });
    const { requestId } = await call(k.ctx.registry, 'interview:humanRequest', { interviewId: null, packId: null, name: '戊', mobile: '13900000005', lang: 'zh-CN' });
    await k.rpc('manager:handleHumanRequest', { id: requestId });
    // The interview service stamps with the real clock; age the unfinished one explicitly.
    k.db.prepare('UPDATE interviews SET updated_at = ? WHERE id = ?').run(new Date(Date.now() - 31 * DAY).toISOString(), started.interviewId);

    expect(runRetention(k.db, k.clock.now())).toMatchObject({ deletedInterviews: 1, deletedHumanRequests: 0 });
    expect(interviewIds()).not.toContain(started.interviewId);

    k.clock.advance(91 * DAY);
    await unlockAs(k, '王经理', MANAGER_PIN);
    const run = await k.rpc('manager:runRetention', {});
    expect(run).toMatchObject({ deletedInterviews: 1, deletedApplicants: 1, deletedHumanRequests: 1 });
    expect(interviewIds().sort()).toEqual([pooled.interviewId, hired.interviewId, undecided.interviewId].sort());
    expect(k.db.prepare(`SELECT count(*) AS n FROM applicants WHERE mobile = '13900000001'`).get()).toEqual({ n: 0 });

    k.clock.advance(275 * DAY); // 366 days after the pool entry
    runRetention(k.db, k.clock.now());
    expect(interviewIds().sort()).toEqual([hired.interviewId, undecided.interviewId].sort());
    expect(lastRetentionRun(k.db)).toMatchObject({ ranAt: k.clock.now().toISOString() });
    expect(k.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'applicant.deleted' AND actor = 'retention'`).get()).toEqual({ n: 3 });
    expect(verifyAudit(k.db).ok).toBe(true);
  });

  it('a shorter setting takes effect at the next run', async () => {
    const a = await finishInterview(k, { name: '甲', mobile: '13900000001' });
    await k.rpc('manager:decide', { interviewId: a.interviewId, decision: 'fail', reason: null });
    await k.rpc('manager:setRetention', { notSelectedDays: 7, poolDays: 30, unfinishedDays: 7, humanRequestDays: 7 });
    k.clock.advance(6 * DAY);
    expect(runRetention(k.db, k.clock.now()).deletedInterviews).toBe(0);
    k.clock.advance(2 * DAY);
    expect(runRetention(k.db, k.clock.now()).deletedInterviews).toBe(1);
  });

  it('the scheduler runs at start and then on its interval', async () => {
    const stop = startRetentionJob(k.db, { clock: k.clock.now, firstDelayMs: 5, intervalMs: 40 });
    await new Promise((r) => setTimeout(r, 150));
    const first = lastRetentionRun(k.db);
    expect(first).not.toBeNull();
    k.clock.advance(DAY);
    await new Promise((r) => setTimeout(r, 250));
    stop();
    expect(Date.parse(lastRetentionRun(k.db)!.ranAt) - Date.parse(first!.ranAt)).toBe(DAY);
  });
});
