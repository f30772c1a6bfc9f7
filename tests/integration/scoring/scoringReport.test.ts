import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { storeScore } from '../../../electron/services/scoring/scoreInterview.js';
import { packOfFinished, scoringReport } from '../../../electron/services/scoring/scoringReport.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { finishInterview, managerKiosk, type ManagerKiosk } from '../manager/managerHarness.js';

/** scoring:report and scoring:rescore's parts, out of the handler (scoring/scoringReport.ts). */
let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});

describe('scoring report', () => {
  it('missing before scoring; not scored with the reason', async () => {
    const { interviewId } = await finishInterview(k, { name: '周九', mobile: '13412345678' });
    // The harness has no scoring hook: nothing is stored at finish.
    expect(scoringReport(k.db, interviewId)).toEqual({ status: 'missing', reason: 'This interview has not been scored yet.', modelVersion: null, result: null, feedback: null });
    storeScore(k.db, interviewId, { status: 'not_scored', reason: 'No scoring model is installed for this job.', createdAt: '2030-01-01T00:00:00.000Z' });
    expect(scoringReport(k.db, interviewId)).toEqual({ status: 'not_scored', reason: 'No scoring model is installed for this job.', modelVersion: null, result: null, feedback: null });
    expect(k.db.prepare(`SELECT at FROM audit_log WHERE action = 'interview.not_scored'`).get()).toEqual({ at: '2030-01-01T00:00:00.000Z' });
  });

  it('rescoring takes the pack the interview was taken with; unknown and unfinished interviews are refused', async () => {
    const { interviewId } = await finishInterview(k, { name: '吴十', mobile: '13412340000' });
    expect(packOfFinished(k.db, interviewId).id).toBe('test-sorter');
    expect(() => packOfFinished(k.db, 'nope')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
    const open = await call(
      k.ctx.registry,
      'interview:start',
      { packId: 'test-sorter', lang: 'en', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } },
      { role: 'public', sessionId: null, userName: null },
    );
    expect(() => packOfFinished(k.db, open.interviewId)).toThrow(expect.objectContaining({ code: ErrorCode.Conflict, message: 'Only finished interviews can be scored.' }));
  });
});
