import fc from 'fast-check';
import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingBatches, sealBatches } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { ingestBatch } from '../../../headoffice/ingest.js';
import { importOutcomesCsv } from '../../../headoffice/outcomes/outcomes.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, listenHo, openSimKiosk, tempDir, type SimKiosk } from './harness.js';

/**
 * Property tests (issue 9): whatever arrives at head office — garbage batches, mutated signed
 * batches, malformed CSV — it answers with a clear refusal, never crashes, and what was already
 * accepted stays exactly as it was.
 */
let store: HoStore;
let ho: Awaited<ReturnType<typeof listenHo>>;
let k: SimKiosk;
let kioskId = '';
let good: { id: string; body: Buffer; signature: string };
const count = async (sql: string) => (await store.all<{ n: number }>(sql))[0]!.n;

beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-prop-'), 'ho.db') });
  ho = await listenHo(store);
  k = openSimKiosk();
  await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
  const me = getIdentity(k.db)!;
  kioskId = me.kioskId;
  for (let i = 0; i < 3; i++) completeInterview(k.db, { packId: 'cashier', overall: 60 + i });
  sealBatches(k.db, me);
  const [b] = pendingBatches(k.db);
  good = b!;
  const r = await ingestBatch(store, { kioskId, batchId: good.id, signature: good.signature, body: good.body, source: 'http' });
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  k.close();
  await ho.close();
  await store.close();
  cleanupTempDirs();
});

describe('head-office ingest under arbitrary input', () => {
  it('random bodies, ids and signatures are refused with 4xx and change nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM ho_records');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
          fc.json().map((j) => zlib.gzipSync(Buffer.from(j))),
        ),
        fc.string({ maxLength: 40 }),
        fc.oneof(fc.string({ maxLength: 100 }), fc.constant(good.signature)),
        fc.constantFrom(kioskId, 'unknown-kiosk', ''),
        async (body, batchId, signature, kid) => {
          const r = await ingestBatch(store, { kioskId: kid, batchId, signature, body, source: 'http' });
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect([400, 401, 409]).toContain(r.status);
            expect(r.message.length).toBeGreaterThan(5);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(await count('SELECT count(*) AS n FROM ho_records')).toBe(before);
  });

  it('any single-byte change to a signed batch is refused as a forgery', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.body.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const body = Buffer.from(good.body);
        body[at] = body[at]! ^ xor;
        const r = await ingestBatch(store, { kioskId, batchId: crypto.randomUUID(), signature: good.signature, body, source: 'http' });
        expect(r).toMatchObject({ ok: false, status: expect.any(Number) });
      }),
      { numRuns: 60 },
    );
  });
});

describe('outcomes CSV import under arbitrary input', () => {
  it('never throws, lists row errors, and imports nothing from a file with any bad row', async () => {
    const before = await count('SELECT count(*) AS n FROM ho_outcomes');
    const header = 'interview_id,hire_date,retained_30,retained_90,rating';
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'yes', 'no', '1', '0', '6', '2026-13-40', '"quoted, comma"', '\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 8 }), fc.boolean(), async (rows, withHeader) => {
        const text = (withHeader ? header + '\n' : '') + rows.map((r) => r.join(',')).join('\n');
        const r = await importOutcomesCsv(store, text, 'property-test');
        // No interview ids in these rows exist at head office, so every file must be refused whole.
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.problem.length).toBeGreaterThan(3);
        }
      }),
      { numRuns: 150 },
    );
    expect(await count('SELECT count(*) AS n FROM ho_outcomes')).toBe(before);
  });
});
