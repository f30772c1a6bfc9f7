import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePolicy } from '../../../electron/services/scoring/policySetting.js';
import { setRetention } from '../../../electron/services/manager/retention.js';
import { finishInterview, MANAGER_PIN, managerKiosk, setUpStore, type ManagerKiosk } from './managerHarness.js';

async function unlock(k: ManagerKiosk) {
  const st = await k.rpc('auth:status', {});
  await k.rpc('auth:unlock', { userId: st.people.find((p) => p.name === '王经理')!.id, pin: MANAGER_PIN });
}

describe('talent pool: the applicant’s own, separate consent (issue 19, item 12)', () => {
  let k: ManagerKiosk;
  beforeEach(async () => {
    k = managerKiosk();
    await setUpStore(k);
  });
  afterEach(async () => {
    await k.close();
  });

  it('is stored with the interview and the consent audit entry, and shown to the manager', async () => {
    const yes = await finishInterview(k, { name: '甲', mobile: '13900000011', talentPool: true });
    const no = await finishInterview(k, { name: '乙', mobile: '13900000012', talentPool: false });
    await unlock(k);
    expect((await k.rpc('manager:applicant', { interviewId: yes.interviewId })).consent.talentPool).toBe(true);
    expect((await k.rpc('manager:applicant', { interviewId: no.interviewId })).consent.talentPool).toBe(false);
    const audit = k.db.prepare(`SELECT subject, detail_json FROM audit_log WHERE action = 'consent.recorded'`).all() as { subject: string; detail_json: string }[];
    const bySubject = Object.fromEntries(audit.map((a) => [a.subject, JSON.parse(a.detail_json) as { talentPool: boolean }]));
    expect(bySubject[yes.interviewId]!.talentPool).toBe(true);
    expect(bySubject[no.interviewId]!.talentPool).toBe(false);
  });

  it('without it, the manager cannot keep the applicant in the pool; with it, they can', async () => {
    const no = await finishInterview(k, { name: '丙', mobile: '13900000013', talentPool: false });
    const yes = await finishInterview(k, { name: '丁', mobile: '13900000014', talentPool: true });
    await unlock(k);
    await expect(k.rpc('manager:decide', { interviewId: no.interviewId, decision: 'fail', reason: null, keepInPool: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const pooled = () => (k.db.prepare('SELECT interview_id FROM talent_pool').all() as { interview_id: string }[]).map((r) => r.interview_id);
    expect(pooled()).toEqual([]);
    // The same decision without the pool goes through.
    await k.rpc('manager:decide', { interviewId: no.interviewId, decision: 'fail', reason: null });
    await k.rpc('manager:decide', { interviewId: yes.interviewId, decision: 'fail', reason: null, keepInPool: true });
    expect(pooled()).toEqual([yes.interviewId]);
  });

  it('an interview started without the field has no pool consent (the default)', async () => {
    const s = await k.rpc('interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'old-screen' } as never });
    expect((k.db.prepare('SELECT pool_consent FROM interviews WHERE id = ?').get(s.interviewId) as { pool_consent: number }).pool_consent).toBe(0);
  });

  it('kiosk:status tells the notice the real retention periods and whether face signals are scored', async () => {
    expect((await k.rpc('kiosk:status', {})).notice).toEqual({ retention: { notSelectedDays: 90, poolDays: 365, unfinishedDays: 30 }, isFaceScored: false });
    setRetention(k.db, 'test', { notSelectedDays: 60, poolDays: 180, unfinishedDays: 14, humanRequestDays: 30 });
    writePolicy(k.db, { useSpeechDelivery: false, useFaceSignals: true, useExpressionSignals: false }, 'test');
    expect((await k.rpc('kiosk:status', {})).notice).toEqual({ retention: { notSelectedDays: 60, poolDays: 180, unfinishedDays: 14 }, isFaceScored: true });
  });
});
