/**
 * The kiosk side of issue 16 items 1 and 3 and issue 14 item 8: the store's hear-back setting,
 * what the finish screen may promise, the separate SMS consent (its own table, audit, sync
 * record), withdrawing it at the look-up screen, and the receipt QR pointing at head office's
 * result page once head office's signed store setting has arrived by the downlink.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerNotifyHandlers } from '../../../electron/services/notify/registerNotifyHandlers.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { applyDownlink, resultSetting } from '../../../electron/services/sync/downlink.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { downlinkMessage } from '../../../core/sync/protocol.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { sha256Hex } from '../../../core/ids.js';
import { headOfficeKey, issueEnrollmentCode } from '../../../headoffice/admin.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { setStoreSettings } from '../../../headoffice/notify/templates.js';
import { publishDownlink, publishResultSetting } from '../../../headoffice/publish.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { finishInterview, MANAGER_PIN, managerKiosk, setUpStore, type ManagerKiosk } from '../manager/managerHarness.js';
import { cleanupTempDirs, listenHo, tempDir } from '../sync/harness.js';

const PUB = { role: 'public' as const, sessionId: null, userName: null };

describe('hear-back setting, SMS consent and result QR at the kiosk', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  let k: ManagerKiosk;
  beforeAll(async () => {
    store = await openStore({ file: path.join(tempDir('ho-'), 'ho.db') });
    ho = await listenHo(store);
  });
  afterAll(async () => {
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });
  beforeEach(async () => {
    k = managerKiosk();
    registerNotifyHandlers(k.ctx, k.clock.now);
    await setUpStore(k);
  });
  afterEach(async () => {
    await k.close();
  });

  const unlock = async () => {
    const st = await k.rpc('auth:status', {});
    await k.rpc('auth:unlock', { userId: st.people.find((p) => p.name === '王经理')!.id, pin: MANAGER_PIN });
  };
  const consent = (interviewId: string, granted: boolean) => call(k.ctx.registry, 'notify:consent', { interviewId, granted }, PUB);
  const sync = async () => {
    const r = await syncNow(k.db, k.config.dataDir, { maxAttempts: 1 });
    expect(r.ok).toBe(true);
  };
  const enroll = async (storeId: string) => enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, storeId)).code);

  it('a kiosk head office does not send SMS for promises look-up only, shows no QR and refuses SMS everywhere', async () => {
    await unlock();
    expect(await k.rpc('manager:hearBack', {})).toEqual({ settings: { days: 3, channel: 'kiosk' }, ability: { canSms: false, resultUrl: null } });
    // The refusal names its reason, so the console can word it in its own language.
    await expect(k.rpc('manager:setHearBack', { days: 2, channel: 'sms' })).rejects.toMatchObject({ code: 'SMS_UNAVAILABLE', reason: 'hearBack.noSms' });
    expect(await k.ctx.registry.dispatch('manager:setHearBack', { days: 2, channel: 'sms' }, k.ctx.callContext())).toMatchObject({
      ok: false,
      error: { code: 'SMS_UNAVAILABLE', reason: 'hearBack.noSms' },
    });
    await expect(k.rpc('manager:setHearBack', { days: 0, channel: 'call' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await k.rpc('manager:setHearBack', { days: 2, channel: 'call' })).toEqual({ settings: { days: 2, channel: 'call' } });
    const audit = k.db.prepare(`SELECT actor, detail_json FROM audit_log WHERE action = 'hearback.changed'`).all() as { actor: string; detail_json: string }[];
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail_json)])).toEqual([['王经理', { days: 2, channel: 'call' }]]);
    await k.rpc('auth:lock', {});

    const a = await finishInterview(k, { name: '甲', mobile: '13900000021' });
    expect(a.finish).toMatchObject({ hearBack: { days: 2, channel: 'call' }, canSms: false, mobileTail: '0021', qrSvg: null });
    await expect(consent(a.interviewId, true)).rejects.toMatchObject({ code: 'SMS_UNAVAILABLE' });
    expect(k.db.prepare('SELECT COUNT(*) AS n FROM notify_consents').get()).toEqual({ n: 0 });
    await expect(call(k.ctx.registry, 'lookup:notify', { mobile: '13900000021', code: a.receiptCode, granted: true }, PUB)).rejects.toMatchObject({ code: 'SMS_UNAVAILABLE' });
  });

  it('with head office’s signed setting: QR opens the result page, SMS consent is its own record, withdrawn at look-up', async () => {
    await enroll('S-NOTIFY');
    await setStoreSettings(store, { storeId: 'S-NOTIFY', nameZh: '测试店', nameEn: 'Test store', resultUrl: 'https://ho.example/r' });
    await publishResultSetting(store, 'S-NOTIFY', true);
    await sync();
    await unlock();
    expect((await k.rpc('manager:hearBack', {})).ability).toEqual({ canSms: true, resultUrl: 'https://ho.example/r' });
    await k.rpc('manager:setHearBack', { days: 2, channel: 'sms' });
    await k.rpc('auth:lock', {});

    const a = await finishInterview(k, { name: '乙', mobile: '13900000022' });
    expect(a.finish).toMatchObject({ hearBack: { days: 2, channel: 'sms' }, canSms: true, mobileTail: '0022' });
    // The QR is exactly head office's phone page for this code, in the interview's language.
    expect(a.finish.qrSvg).toBe(await QRCode.toString(`https://ho.example/r?c=${a.receiptCode}&lang=zh`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));

    expect(await consent(a.interviewId, true)).toMatchObject({ granted: true });
    const rows = () => k.db.prepare('SELECT interview_id, granted, channel, wording_version, actor FROM notify_consents ORDER BY rowid').all();
    expect(rows()).toEqual([{ interview_id: a.interviewId, granted: 1, channel: 'sms', wording_version: 'notify-1', actor: 'applicant' }]);
    expect(k.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'notify.consented' AND subject = ?`).get(a.interviewId)).toEqual({ n: 1 });
    expect(k.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'notify.consent' AND subject_id = ?`).get(a.interviewId)).toEqual({ n: 1 });

    // Minutes later someone else may stand there: the finish-screen choice is closed.
    k.clock.advance(6 * 60_000);
    await expect(consent(a.interviewId, false)).rejects.toMatchObject({ code: 'CONFLICT' });

    // At look-up: shown in the applicant's language with the choice; a wrong pair changes nothing.
    const found = await call(k.ctx.registry, 'lookup:result', { mobile: '13900000022', code: a.receiptCode }, PUB);
    expect(found).toMatchObject({ status: 'pending', lang: 'zh-CN', smsConsent: true });
    expect(await call(k.ctx.registry, 'lookup:notify', { mobile: '13900000099', code: a.receiptCode, granted: false }, PUB)).toEqual({ found: false, smsConsent: false });
    expect(rows()).toHaveLength(1);
    expect(await call(k.ctx.registry, 'lookup:notify', { mobile: '13900000022', code: a.receiptCode, granted: false }, PUB)).toEqual({ found: true, smsConsent: false });
    expect((rows() as { granted: number }[]).map((r) => r.granted)).toEqual([1, 0]);
    expect(k.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'notify.consent' AND subject_id = ?`).get(a.interviewId)).toEqual({ n: 2 });
    expect(await call(k.ctx.registry, 'lookup:result', { mobile: '13900000022', code: a.receiptCode }, PUB)).toMatchObject({ smsConsent: false });

    // Head office stops SMS for the store: the promise falls back to look-up, and SMS is refused.
    await publishResultSetting(store, 'S-NOTIFY', false);
    await sync();
    k.clock.set(Date.now());
    const b = await finishInterview(k, { name: '丙', mobile: '13900000023' });
    expect(b.finish).toMatchObject({ hearBack: { days: 2, channel: 'kiosk' }, canSms: false });
    expect(b.finish.qrSvg).not.toBeNull();
    await expect(consent(b.interviewId, true)).rejects.toMatchObject({ code: 'SMS_UNAVAILABLE' });
  });

  it('refuses a store setting it cannot read, at head office and at the kiosk', async () => {
    await expect(publishDownlink(store, 'storeSetting', 'result', Buffer.from(JSON.stringify({ v: 1, resultUrl: 'ftp://x', sms: true })))).rejects.toThrow(/resultUrl/);
    await expect(publishDownlink(store, 'storeSetting', 'other', Buffer.from('{}'))).rejects.toThrow(/only setting/);
    // Signed by head office's key but unreadable: the kiosk rejects it and keeps what it had.
    await enroll('S-BAD');
    const content = Buffer.from(JSON.stringify({ v: 1, resultUrl: 'https://ho.example/r', sms: 'yes' }));
    const item = { kind: 'storeSetting' as const, name: 'result', version: 99, sha256: sha256Hex(content), publishedAt: new Date().toISOString() };
    const signature = crypto.sign(null, downlinkMessage(item), (await headOfficeKey(store)).privateKeyPem).toString('base64');
    const r = applyDownlink(k.db, k.config.dataDir, getIdentity(k.db)!.headOfficeKeyPem, [{ ...item, contentBase64: content.toString('base64'), signature }]);
    expect(r.rejected).toEqual(['storeSetting result v99']);
    expect(resultSetting(k.config.dataDir)).toEqual({ v: 1, resultUrl: null, sms: false });
  });
});
