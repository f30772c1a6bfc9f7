import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSummary } from '../../../electron/services/manager/auditSummary.js';
import { getStoreInfo, setStoreInfo } from '../../../electron/services/manager/storeInfo.js';
import { managerKiosk, setUpStore, type ManagerKiosk } from './managerHarness.js';

/** The console's store card and audit card, out of the manager handlers into their own modules. */
let k: ManagerKiosk;
beforeEach(() => {
  k = managerKiosk();
});
afterEach(async () => {
  await k.close();
});
const T = new Date('2030-05-06T07:08:09.000Z');

describe('store info', () => {
  it('empty before set-up; set-up names the store; the manager renames it and says what to bring (audited, stored as text)', async () => {
    expect(getStoreInfo(k.db)).toEqual({ storeName: '', storeId: '', whatToBring: '' });
    await setUpStore(k);
    expect(getStoreInfo(k.db)).toEqual({ storeName: '测试门店', storeId: 'SH-001', whatToBring: '' });
    setStoreInfo(k.db, '王经理', { storeName: '测试门店（二店）', whatToBring: '身份证、健康证' }, T);
    expect(getStoreInfo(k.db)).toEqual({ storeName: '测试门店（二店）', storeId: 'SH-001', whatToBring: '身份证、健康证' });
    expect(k.db.prepare(`SELECT value FROM settings WHERE key = 'store.whatToBring'`).get()).toEqual({ value: '身份证、健康证' });
    expect(k.db.prepare(`SELECT at, actor FROM audit_log WHERE action = 'store.updated'`).all()).toEqual([{ at: T.toISOString(), actor: '王经理' }]);
  });
});

describe('audit summary', () => {
  it('says the chain is intact and shows the newest entries first, at most the given number', async () => {
    await setUpStore(k);
    for (let i = 0; i < 5; i++) setStoreInfo(k.db, '王经理', { storeName: `店${i}`, whatToBring: '' }, T);
    const all = k.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const s = auditSummary(k.db, 3);
    expect(s).toMatchObject({ isIntact: true, entries: all.n, firstBrokenSeq: null });
    expect(s.recent).toHaveLength(3);
    expect(s.recent.map((e) => e.seq)).toEqual([all.n, all.n - 1, all.n - 2]);
    expect(s.recent[0]).toEqual({ seq: all.n, at: T.toISOString(), actor: '王经理', action: 'store.updated', subject: null });
    expect(auditSummary(k.db).recent).toHaveLength(Math.min(40, all.n));
  });

  it('names the first entry changed after it was written', async () => {
    await setUpStore(k);
    setStoreInfo(k.db, '王经理', { storeName: '新名', whatToBring: '' }, T);
    const seq = (k.db.prepare(`SELECT seq FROM audit_log WHERE action = 'store.updated'`).get() as { seq: number }).seq;
    k.db.prepare(`UPDATE audit_log SET actor = 'someone else' WHERE seq = ?`).run(seq);
    expect(auditSummary(k.db)).toMatchObject({ isIntact: false, firstBrokenSeq: seq });
  });
});
