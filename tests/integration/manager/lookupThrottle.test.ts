import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/rpc/registry.js';
import { ErrorCode } from '../../../core/errors.js';
import { finishInterview, managerKiosk, setUpStore, type ManagerKiosk } from './managerHarness.js';

/**
 * The probe: six wrong lookups by one person locked result lookup for the whole store (one
 * kiosk-wide counter). Now failures count per receipt code and per mobile typed.
 */
let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k);
});
afterEach(async () => {
  await k.close();
});

const lookup = (mobile: string, code: string) => call(k.ctx.registry, 'lookup:result', { mobile, code });

describe('lookup rate limit per code and per mobile', () => {
  it("six bad tries by one person lock that person's mobile, not lookup for everyone", async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    const b = await finishInterview(k, { name: '李二', mobile: '13900000002' });
    await k.rpc('auth:lock', {});
    for (let i = 0; i < 5; i++) expect(await lookup('13900000001', `2222-3333-44${i}5`)).toEqual({ status: 'notFound' });
    // That mobile now waits, even with its own right code …
    await expect(lookup('13900000001', '2222-3333-4465')).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    await expect(lookup('13900000001', a.receiptCode)).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    // … while the next applicant in the store looks up their result at once.
    expect(await lookup('13900000002', b.receiptCode)).toMatchObject({ status: 'pending' });
    k.clock.advance(61_000);
    expect(await lookup('13900000001', a.receiptCode)).toMatchObject({ status: 'pending' });
  });

  it('trying many mobiles against one receipt code locks that code', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    const b = await finishInterview(k, { name: '李二', mobile: '13900000002' });
    for (let i = 0; i < 5; i++) expect(await lookup(`1370000000${i}`, a.receiptCode)).toEqual({ status: 'notFound' });
    await expect(lookup('13900000001', a.receiptCode)).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    // The code is written in other ways too (lower case, no dashes): still the same counter.
    await expect(lookup('13900000001', a.receiptCode.toLowerCase().replace(/-/g, ''))).rejects.toMatchObject({ code: ErrorCode.RateLimited });
    expect(await lookup('13900000002', b.receiptCode)).toMatchObject({ status: 'pending' });
  });

  it('the throttle table never holds a mobile number or a code, and forgets quiet counters', async () => {
    const a = await finishInterview(k, { name: '陈一', mobile: '13900000001' });
    await lookup('13912345678', a.receiptCode);
    const names = (k.db.prepare(`SELECT name FROM throttles WHERE name LIKE 'lookup:%'`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toHaveLength(2);
    // Named by an HMAC only (a fixed 11-digit check failed 1 run in 10: hex often holds 11 digits in a row).
    for (const n of names) expect(n).toMatch(/^lookup:(code|mobile):[0-9a-f]{32}$/);
    expect(names.join(' ')).not.toMatch(/13912345678|13900000001/);
    expect(names.join(' ')).not.toContain(a.receiptCode);
    k.clock.advance(11 * 60_000);
    await lookup('13900000001', a.receiptCode);
    expect(k.db.prepare(`SELECT count(*) AS n FROM throttles WHERE name LIKE 'lookup:%'`).get()).toEqual({ n: 0 });
  });
});
