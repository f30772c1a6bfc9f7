import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { setSetting } from '../../../electron/services/app/settings.js';
import { listHumanRequests, markHumanRequestHandled, recordHumanRequest } from '../../../electron/services/interview/humanRequests.js';
import { kioskStatus } from '../../../electron/services/interview/kioskStatus.js';
import { findOpening, listOpenings } from '../../../electron/services/interview/openings.js';
import { finishReceipt, reachable } from '../../../electron/services/interview/receipt.js';
import { DEFAULT_RETENTION } from '../../../electron/services/manager/retention.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { finishInterview, managerKiosk, type ManagerKiosk } from '../manager/managerHarness.js';

/**
 * The modules split out of interviewService and out of the handlers (issue 15 §4), called
 * directly: the openings catalogue, call-back requests, the finish screen's receipt and the
 * attract screen's status. The same behaviour through the contract is in interviewFlow and the
 * manager tests.
 */
let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});
const PUB = { role: 'public' as const, sessionId: null, userName: null };
const T1 = new Date('2030-03-04T05:06:07.000Z');
const T2 = new Date('2030-03-04T06:00:00.000Z');

describe('openings catalogue', () => {
  it('lists each loaded pack as packs:list gives it, with the rough length and the yes/no questions', async () => {
    const openings = listOpenings(k.ctx.packs.current());
    expect(await call(k.ctx.registry, 'packs:list', {}, PUB)).toEqual({ openings });
    const sorter = openings.find((o) => o.packId === 'test-sorter')!;
    expect(sorter).toMatchObject({ questionCount: 3, hasSkillsTest: true, confirmQuestions: [{ ruleId: 'lift' }] });
    expect(sorter.estimatedMinutes).toBeGreaterThan(3);
  });

  it('finds an opening by id and refuses one that is gone in the applicant’s words', () => {
    expect(findOpening(k.ctx.packs.current(), 'test-sorter').pack.id).toBe('test-sorter');
    expect(() => findOpening(k.ctx.packs.current(), 'gone')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound, message: expect.stringContaining('no longer available') }));
  });
});

describe('call-back requests', () => {
  it('records the request with its audit entry and sync record at the given time; lists open ones first, newest first; marks handled once', () => {
    const first = recordHumanRequest(k.db, { interviewId: null, packId: 'test-sorter', name: '赵六', mobile: '13700001111', lang: 'zh-CN' }, T1);
    const second = recordHumanRequest(k.db, { interviewId: null, packId: null, name: 'Ann', mobile: '13700002222', lang: 'en' }, T2);
    expect(k.db.prepare('SELECT created_at, interview_id FROM human_requests WHERE id = ?').get(first)).toEqual({ created_at: T1.toISOString(), interview_id: null });
    expect(k.db.prepare(`SELECT at, actor FROM audit_log WHERE action = 'human.requested' AND subject = ?`).get(first)).toEqual({ at: T1.toISOString(), actor: 'applicant' });
    const record = k.db.prepare(`SELECT id, created_at FROM outbox WHERE kind = 'human.requested' AND subject_id = ?`).get(first) as { id: string; created_at: string };
    expect(record.created_at).toBe(T1.toISOString());
    expect(readOutboxPayload(k.db, record.id)).toMatchObject({ requestId: first, name: '赵六', mobile: '13700001111', packId: 'test-sorter' });

    let list = listHumanRequests(k.db, { includeHandled: false }, k.ctx.packs.current());
    expect(list.map((r) => r.id)).toEqual([second, first]);
    // No interview of the opening yet: its title comes from the pack loaded now.
    expect(list[1]!.opening).toEqual(k.ctx.packs.current().packs.find((p) => p.pack.id === 'test-sorter')!.pack.opening.title);
    expect(list[0]!.opening).toBeNull();

    expect(markHumanRequestHandled(k.db, '王经理', second, T2)).toBe(true);
    expect(markHumanRequestHandled(k.db, '王经理', second, T2)).toBe(false);
    expect(markHumanRequestHandled(k.db, '王经理', 'no-such-id', T2)).toBe(false);
    expect(k.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'human_request.handled'`).get()).toEqual({ n: 1 });
    list = listHumanRequests(k.db, { includeHandled: false }, k.ctx.packs.current());
    expect(list.map((r) => r.id)).toEqual([first]);
    list = listHumanRequests(k.db, { includeHandled: true }, k.ctx.packs.current());
    expect(list.map((r) => [r.id, r.handledAt])).toEqual([
      [first, null],
      [second, T2.toISOString()],
    ]);
  });

  it('through the service, a request names only a real interview on this kiosk (not a practice one, not an unknown id)', async () => {
    const consent = { data: true as const, camera: false, noticeVersion: 'n1' };
    const real = await call(k.ctx.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent }, PUB);
    const practice = await call(k.ctx.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: true, consent }, PUB);
    const ask = (interviewId: string) => call(k.ctx.registry, 'interview:humanRequest', { interviewId, packId: 'test-sorter', name: '钱七', mobile: '13600001111', lang: 'zh-CN' }, PUB);
    const ids = [await ask(real.interviewId), await ask(practice.interviewId), await ask('01JUNKNOWN00000000000000000')];
    const stored = ids.map(({ requestId }) => (k.db.prepare('SELECT interview_id FROM human_requests WHERE id = ?').get(requestId) as { interview_id: string | null }).interview_id);
    expect(stored).toEqual([real.interviewId, null, null]);
  });
});

describe('finish receipt', () => {
  it('a real interview: the code, no QR without head office’s result page, the look-up promise, the number’s last 4 digits', async () => {
    const { interviewId, receiptCode, finish } = await finishInterview(k, { name: '孙八', mobile: '13512345678' });
    const receipt = await finishReceipt(k.ctx, { id: interviewId, lang: 'zh-CN', receiptCode, isPractice: false, db: k.db });
    expect(receipt).toEqual({ receiptCode, qrSvg: null, hearBack: { days: 3, channel: 'kiosk' }, canSms: false, mobileTail: '5678' });
    expect(finish).toMatchObject(receipt);
  });

  it('a practice interview has no code and promises nothing', async () => {
    expect(await finishReceipt(k.ctx, { id: 'p', lang: 'en', receiptCode: null, isPractice: true, db: k.db })).toEqual({
      receiptCode: null,
      qrSvg: null,
      hearBack: null,
      canSms: false,
      mobileTail: null,
    });
  });

  it('a call or an SMS is promised only with a number to use', () => {
    expect(reachable({ days: 2, channel: 'call' }, null)).toEqual({ days: 2, channel: 'kiosk' });
    expect(reachable({ days: 2, channel: 'sms' }, '')).toEqual({ days: 2, channel: 'kiosk' });
    expect(reachable({ days: 2, channel: 'call' }, '13512345678')).toEqual({ days: 2, channel: 'call' });
  });
});

describe('kiosk status', () => {
  it('is set up once the store has a name; states the store’s retention periods and face policy', () => {
    expect(kioskStatus(k.ctx)).toMatchObject({ storeName: null, isSetUp: false, storage: { isOk: true }, notice: { isFaceScored: false } });
    setSetting(k.db, 'store.name', '徐汇店');
    setSetting(k.db, 'retention', { ...DEFAULT_RETENTION, poolDays: 120 });
    setSetting(k.db, 'scoring.policy', { useSpeechDelivery: false, useFaceSignals: true, useExpressionSignals: false });
    expect(kioskStatus(k.ctx)).toMatchObject({ storeName: '徐汇店', isSetUp: true, idleSeconds: k.config.idleSeconds, notice: { retention: { poolDays: 120 }, isFaceScored: true } });
  });

  it('a damaged retention setting does not stop the attract screen: defaults, and face scoring said to be possible', () => {
    k.db.prepare(`INSERT INTO settings (key, value) VALUES ('retention', '{"poolDays": "forever"}')`).run();
    const { notSelectedDays, poolDays, unfinishedDays } = DEFAULT_RETENTION;
    expect(kioskStatus(k.ctx).notice).toEqual({ retention: { notSelectedDays, poolDays, unfinishedDays }, isFaceScored: true });
  });
});
