import path from 'node:path';
import zlib from 'node:zlib';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { canonicalJson } from '../../../core/ids.js';
import { batchIdFor, encodeBatchBody, recordContentHash, signBatch, type BatchBody } from '../../../core/sync/protocol.js';
import { pendingBatches, sealBatches } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { getIdentity, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { ingestBatch } from '../../../headoffice/ingest.js';
import { createPreparePool } from '../../../headoffice/ingestPool.js';
import { prepareBatch, type PreparedBatch, type PrepareInput } from '../../../headoffice/ingestPrepare.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, listenHo, openSimKiosk, tempDir, type SimKiosk } from '../sync/harness.js';

/**
 * Issue 17: the CPU half of ingest (signature, inflate, parse, canonical form, hash and schema
 * checks) runs in a pool of worker threads. What a worker answers must be exactly what the same
 * code answers in-process, for good and bad batches alike, and a worker that dies mid-batch
 * must lose nothing.
 */
let store: HoStore;
let ho: Awaited<ReturnType<typeof listenHo>>;
let k: SimKiosk;
let me: SyncIdentity;
const inputs: { name: string; input: PrepareInput }[] = [];

/** The batch re-signed by the kiosk after `edit` changed its body: a well-signed batch with bad content. */
function resigned(b: { body: Buffer }, edit: (body: BatchBody) => void): PrepareInput {
  const body = JSON.parse(zlib.gunzipSync(b.body).toString('utf8')) as BatchBody;
  edit(body);
  body.batchId = batchIdFor(body.kioskId, body.records);
  const bytes = encodeBatchBody(body);
  return { kioskId: me.kioskId, batchId: body.batchId, signature: signBatch(me.privateKeyPem, me.kioskId, body.batchId, bytes), body: bytes, publicKeyPem: me.publicKeyPem, decode: true };
}

beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-pool-'), 'ho.db') });
  ho = await listenHo(store);
  k = openSimKiosk();
  await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
  me = getIdentity(k.db)!;
  for (let i = 0; i < 6; i++) {
    const { interviewId } = completeInterview(k.db, { packId: i % 2 ? 'cashier' : 'warehouse', overall: 55 + i });
    if (i % 3 === 0) decide(k.db, interviewId, 'pass');
  }
  sealBatches(k.db, me);
  const [b] = pendingBatches(k.db);
  const good: PrepareInput = { kioskId: me.kioskId, batchId: b!.id, signature: b!.signature, body: b!.body, publicKeyPem: me.publicKeyPem, decode: true };
  inputs.push(
    { name: 'a good batch', input: good },
    { name: 'a revoked kiosk (signature only)', input: { ...good, decode: false } },
    { name: 'a wrong signature', input: { ...good, signature: signBatch(me.privateKeyPem, me.kioskId, good.batchId, Buffer.from('other')) } },
    { name: 'a truncated body', input: { ...good, body: b!.body.subarray(0, 40), signature: signBatch(me.privateKeyPem, me.kioskId, good.batchId, b!.body.subarray(0, 40)) } },
    {
      name: 'a record whose hash does not match',
      input: resigned(b!, (body) => {
        (body.records[0]!.payload as { v: number; extra?: string }).extra = 'changed';
      }),
    },
    {
      name: 'a record that breaks its schema and one of an unknown kind',
      input: resigned(b!, (body) => {
        const r = body.records[1]!;
        r.payload = { v: (r.payload as { v: number }).v };
        r.contentHash = recordContentHash(r.kind, r.payload);
        const u = body.records[2]!;
        u.kind = 'interview.teleported';
        u.contentHash = recordContentHash(u.kind, u.payload);
      }),
    },
    {
      name: 'a record the schema changes (version 1 from an older kiosk, read as version 2)',
      input: resigned(b!, (body) => {
        const r = body.records.find((x) => x.kind === 'interview.completed');
        if (!r) throw new Error('the sample batch has no interview');
        const p = r.payload as { v: number; interview: Record<string, unknown> };
        p.v = 1;
        delete p.interview.talentPoolConsent;
        r.contentHash = recordContentHash(r.kind, r.payload);
      }),
    },
  );
});
afterAll(async () => {
  k.close();
  await ho.close();
  await store.close();
  cleanupTempDirs();
});

/** The checked records of a batch that decoded (none otherwise). */
const recordsOf = (b: PreparedBatch | undefined) => (b?.signatureOk && b.decoded?.ok ? b.decoded.body.records : []);

/** A pool for one test, closed when the test ends, pass or fail. */
function openPool(...args: Parameters<typeof createPreparePool>) {
  const pool = createPreparePool(...args);
  onTestFinished(() => pool.close());
  return pool;
}

describe('ingest worker pool', () => {
  it('answers exactly what in-process preparation answers, for good and bad batches', async () => {
    const pool = openPool(2);
    for (const { name, input } of inputs) {
      const here = prepareBatch(input);
      expect(await pool.prepare(input), name).toEqual(here);
    }
    expect(pool.counts()).toEqual({ worker: inputs.length, inProcess: 0 });
    // The cases above really are the ones named.
    const [good, revoked, badSig, truncated, badHash, badRecord, changed] = inputs.map((x) => prepareBatch(x.input));
    expect(good).toMatchObject({ signatureOk: true, decoded: { ok: true } });
    const recs = recordsOf(good);
    expect(recs.length).toBeGreaterThan(6);
    expect(recs.every((r) => r.isHashOk && r.parsed.ok && r.canonical === canonicalJson(JSON.parse(r.canonical)))).toBe(true);
    expect(revoked).toEqual({ signatureOk: true, decoded: null });
    expect(badSig).toEqual({ signatureOk: false });
    expect(truncated).toMatchObject({ signatureOk: true, decoded: { ok: false, reason: expect.stringMatching(/gzip/) } });
    const hashRecs = recordsOf(badHash);
    expect(hashRecs.map((r) => r.isHashOk)).toEqual(recs.map((_, i) => i !== 0));
    const bad = recordsOf(badRecord);
    expect(bad[1]!.parsed).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(bad[2]!.parsed).toMatchObject({ ok: false, problem: 'unknown' });
    // The changed record: stored as sent (version 1), held as checked (version 2).
    const ch = recordsOf(changed).find((r) => r.kind === 'interview.completed')!;
    expect(ch.isHashOk && ch.parsed.ok).toBe(true);
    expect(JSON.parse(ch.canonical)).toMatchObject({ v: 1 });
    expect(ch.parsed.ok && ch.parsed.record.payload).toMatchObject({ v: 2 });
    // Held as ingest keeps it: the head of the interview, not its answers.
    const full = recordsOf(good).find((r) => r.kind === 'interview.completed')!;
    expect(full.canonical).toContain('"answers"');
    expect(full.parsed.ok && full.parsed.record.payload).not.toHaveProperty('answers');
  });

  it('spreads concurrent batches over the workers and keeps each answer with its batch', async () => {
    const started: Worker[] = [];
    const pool = openPool(3, { onWorker: (w) => started.push(w) });
    const many = Array.from({ length: 12 }, (_, i) => inputs[i % inputs.length]!);
    const got = await Promise.all(many.map((x) => pool.prepare(x.input)));
    got.forEach((g, i) => expect(g, many[i]!.name).toEqual(prepareBatch(many[i]!.input)));
    expect(started.length).toBe(3);
    expect(pool.counts()).toEqual({ worker: 12, inProcess: 0 });
  });

  it('a worker that dies mid-batch loses nothing: its batches are prepared in-process and a new worker takes the next', async () => {
    const started: Worker[] = [];
    const pool = openPool(1, { onWorker: (w) => started.push(w) });
    await pool.warm();
    const good = inputs[0]!.input;
    const pending = [pool.prepare(good), pool.prepare(good)];
    await started[0]!.terminate(); // as if the thread crashed with two batches in hand
    for (const p of pending) expect(await p).toEqual(prepareBatch(good));
    // Whatever the worker finished before it died arrived; the rest was done in-process.
    const c = pool.counts();
    expect(c.worker + c.inProcess).toBe(2);
    expect(await pool.prepare(good)).toEqual(prepareBatch(good));
    expect(started.length).toBe(2);
    expect(pool.counts()).toEqual({ worker: c.worker + 1, inProcess: c.inProcess });
  });

  it('a worker that cannot load is not started again: batches are checked in-process', async () => {
    const started: Worker[] = [];
    const pool = openPool(2, { onWorker: (w) => (started.push(w), void w.terminate()) }); // dies before it has loaded
    const good = inputs[0]!.input;
    expect(await pool.prepare(good)).toEqual(prepareBatch(good));
    expect(await pool.prepare(good)).toEqual(prepareBatch(good));
    await pool.warm(); // starts nothing more
    expect(started.length).toBe(1);
    expect(pool.counts()).toEqual({ worker: 0, inProcess: 2 });
  });

  it('ingest through a pool stores each record as its canonical form and refuses what in-process ingest refuses', async () => {
    const pool = openPool(1);
    const good = inputs[0]!.input;
    const ok = await ingestBatch(store, { kioskId: me.kioskId, batchId: good.batchId, signature: good.signature, body: good.body, source: 'http' }, pool);
    expect(ok).toMatchObject({ ok: true, ack: { accepted: expect.any(Number), rejected: [] } });
    const stored = await store.all<{ id: string; payload_json: string }>('SELECT id, payload_json FROM ho_records ORDER BY seq');
    const here = prepareBatch(good);
    const recs = recordsOf(here);
    expect(stored.map((r) => [r.id, r.payload_json])).toEqual(recs.map((r) => [r.id, r.canonical]));
    // A batch with a record of an unknown kind is refused whole, as in-process.
    const bad = inputs[5]!.input;
    const r = await ingestBatch(store, { kioskId: me.kioskId, batchId: bad.batchId, signature: bad.signature, body: bad.body, source: 'http' }, pool);
    expect(r).toMatchObject({ ok: false, status: 422 });
    expect(pool.counts()).toEqual({ worker: 2, inProcess: 0 });
  });
});
