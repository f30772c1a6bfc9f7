/**
 * `headoffice fairness-report` where nobody self-identified: it says "insufficient data" with the
 * counts (scored applicants, self-identified, unknown per dimension) instead of an empty table,
 * and the same for a store with no scored interviews at all.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import { cleanupTempDirs, completeInterview, listenHo, openSimKiosk, tempDir } from '../sync/harness.js';

let file = '';
const report = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'headoffice/cli.ts', 'fairness-report', ...args, '--db', file], { cwd: APP_ROOT, env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } }))
    .stdout;

beforeAll(async () => {
  file = path.join(tempDir('ho-fair-'), 'ho.db');
  const store = await openStore({ file });
  const ho = await listenHo(store);
  const k = openSimKiosk();
  await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
  for (const overall of [55, 72, 88]) completeInterview(k.db, { packId: 'cashier', overall });
  expect((await pushPending(k.db, getIdentity(k.db)!, { maxAttempts: 1 })).ok).toBe(true);
  k.close();
  await ho.close();
  await store.close();
});
afterAll(cleanupTempDirs);

describe('fairness-report without self-identification', () => {
  it('says insufficient data, with the counts', async () => {
    const text = await report('--store', 'S1');
    expect(text).toContain('store S1 · cashier: INSUFFICIENT DATA — 3 scored applicants, 0 self-identified');
    expect(text).toContain('! insufficient data: none of the 3 scored applicants self-identified');
    expect(text).toContain('unknown (no self-ID): gender 3, ageBand 3');
    const json = JSON.parse(await report('--store', 'S1', '--json')) as { groups: { verdict: string; applicants: number; withSelfId: number; reasons: string[]; rows: unknown[] }[] };
    expect(json.groups).toHaveLength(1);
    expect(json.groups[0]).toMatchObject({ verdict: 'insufficient', applicants: 3, withSelfId: 0, rows: [] });
    expect(json.groups[0]!.reasons[0]).toBe('insufficient data: none of the 3 scored applicants self-identified');
  }, 60_000);

  it('a store with no scored interviews: insufficient data, zero counts, not an empty list', async () => {
    expect(await report('--store', 'S9')).toBe('insufficient data: no scored interviews match (store S9) — 0 scored applicants, 0 self-identified.\n');
  }, 60_000);
});
