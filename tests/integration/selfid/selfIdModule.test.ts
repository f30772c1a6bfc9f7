import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { setSetting } from '../../../electron/services/app/settings.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { DEFAULT_SELFID, PREFER_NOT, selfIdQuestions, submitSelfId } from '../../../electron/services/selfid/selfId.js';
import { finishInterview, managerKiosk, type ManagerKiosk } from '../manager/managerHarness.js';

/** Self-identification out of its handler (selfid/selfId.ts): the store's questions and the stored answers. */
let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});
const T = new Date('2030-07-08T09:10:11.000Z');
const lt = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('self-identification', () => {
  it('offers the default questions, or the jurisdiction’s from settings, each ending with “prefer not to say”', () => {
    expect(selfIdQuestions(k.db).map((q) => q.id)).toEqual(DEFAULT_SELFID.map((q) => q.id));
    expect(selfIdQuestions(k.db).every((q) => q.options.at(-1)!.id === PREFER_NOT)).toBe(true);
    setSetting(k.db, 'selfid.questions', [{ id: 'ageBand', label: lt('年龄', 'Age'), options: [{ id: 'under-30', label: lt('30 岁以下', 'Under 30') }] }]);
    expect(selfIdQuestions(k.db)).toEqual([
      {
        id: 'ageBand',
        label: lt('年龄', 'Age'),
        options: [
          { id: 'under-30', label: lt('30 岁以下', 'Under 30') },
          { id: PREFER_NOT, label: lt('不想回答', 'Prefer not to say') },
        ],
      },
    ]);
  });

  it('stores a finished interview’s answers at the given time, with its audit entry and sync record; refuses choices not offered', async () => {
    const { interviewId } = await finishInterview(k, { name: '林四', mobile: '13212345678' });
    expect(() => submitSelfId(k.db, { interviewId, answers: { gender: 'robot' } }, T)).toThrow(expect.objectContaining({ code: ErrorCode.InvalidInput }));
    expect(submitSelfId(k.db, { interviewId, answers: { gender: 'female', ageBand: PREFER_NOT } }, T)).toEqual({ stored: true });
    expect(k.db.prepare('SELECT gender, age_band, created_at FROM self_identification WHERE interview_id = ?').get(interviewId)).toEqual({
      gender: 'female',
      age_band: null,
      created_at: T.toISOString(),
    });
    expect(k.db.prepare(`SELECT at FROM audit_log WHERE action = 'selfid.recorded'`).get()).toEqual({ at: T.toISOString() });
    expect(k.db.prepare(`SELECT created_at FROM outbox WHERE kind = 'selfid.recorded'`).get()).toEqual({ created_at: T.toISOString() });
  });

  it('an unknown (practice) interview stores nothing; an unfinished one is refused', async () => {
    expect(submitSelfId(k.db, { interviewId: 'practice-id', answers: {} }, T)).toEqual({ stored: false });
    const s = await call(
      k.ctx.registry,
      'interview:start',
      { packId: 'test-sorter', lang: 'en', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } },
      { role: 'public', sessionId: null, userName: null },
    );
    expect(() => submitSelfId(k.db, { interviewId: s.interviewId, answers: {} }, T)).toThrow(expect.objectContaining({ code: ErrorCode.Conflict }));
  });
});
