/**
 * On SQLite the ingest worker reads each batch's look-ups ahead, on a read-only connection of its
 * own (headoffice/ingestLookup.ts), so the thread that writes does not. Between that read and
 * the write, other batches go in. These tests put one in exactly there — through a preparer
 * that runs it after the worker answered — and check that the batch then fares as if its
 * look-ups had been read at the write: a tombstone of the same kiosk still erases, a subject
 * another kiosk claimed meanwhile is still refused, a record id another kiosk took meanwhile is
 * still rejected.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdFor, encodeBatchBody, recordContentHash, signBatch } from '../../../core/sync/protocol.js';
import { decodeBatchBody } from '../../../core/sync/protocol.js';
import { nowIso, ulid } from '../../../core/ids.js';
import { applyAck, pendingBatches, sealBatches, type SealedBatch } from '../../../electron/services/sync/batches.js';
import type { SyncIdentity } from '../../../electron/services/sync/state.js';
import { ingestBatch, type IngestInput, type IngestOutcome } from '../../../headoffice/ingest.js';
import { createPreparePool, type BatchPreparer } from '../../../headoffice/ingestPool.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, deleteApplicant, enqueueForeignDecision, enrollSimKiosk, listenHo, tempDir, type SimKiosk } from '../sync/harness.js';

describe('look-ups read ahead by the ingest worker (SQLite)', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  let pool: BatchPreparer;
  const sims: SimKiosk[] = [];

  beforeAll(async () => {
    store = await openStore({ file: path.join(tempDir('ho-snap-'), 'ho.db') });
    ho = await listenHo(store);
    pool = createPreparePool(1, { snapshotFile: store.file! });
  });
  afterAll(async () => {
    await pool?.close();
    await ho?.close();
    await store?.close();
    for (const s of sims) s.close();
    cleanupTempDirs();
  });

  const enroll = async (storeId: string) => {
    const sim = await enrollSimKiosk(store, ho.url, storeId);
    sims.push(sim.k);
    return sim;
  };
  const input = (me: SyncIdentity, b: SealedBatch): IngestInput => ({ kioskId: me.kioskId, batchId: b.id, signature: b.signature, body: b.body, source: 'http' });
  /** The pool's answer, handed over only after `meanwhile` ran: the snapshot is older than the write. */
  const after = (meanwhile: () => Promise<unknown>): BatchPreparer => ({
    ...pool,
    prepare: async (i) => {
      const r = await pool.prepare(i);
      expect(r.signatureOk && r.decoded?.ok && r.decoded.body.snapshot).toBeTruthy(); // the worker did read ahead
      await meanwhile();
      return r;
    },
  });
  const ack = (o: IngestOutcome) => {
    if (!o.ok) throw new Error(o.message);
    return o.ack;
  };
  const sealAll = (k: SimKiosk, me: SyncIdentity) => (sealBatches(k.db, me), pendingBatches(k.db));

  it('the worker reads the look-ups ahead, and a batch ingested with them fares as one without', async () => {
    const A = await enroll('S001');
    completeInterview(A.k.db);
    const [b] = sealAll(A.k, A.me);
    const p = await pool.prepare({ ...input(A.me, b!), publicKeyPem: A.me.publicKeyPem, decode: true });
    expect(p.signatureOk && p.decoded?.ok && p.decoded.body.snapshot).toMatchObject({ stored: [], owners: [], erasuresAsked: true });
    expect(ack(await ingestBatch(store, input(A.me, b!), pool)).accepted).toBe(1);
    expect(await store.get('SELECT kiosk_id FROM ho_owners WHERE subject_id = ?', [p.signatureOk && p.decoded?.ok ? p.decoded.body.records[0]!.subjectId : ''])).toEqual({ kiosk_id: A.me.kioskId });
  });

  /** A kiosk's interview (ingested), then a decision about it and the applicant's tombstone, sealed in that order and not yet sent. */
  const decisionThenTombstone = async (name: string) => {
    const A = await enroll('S001');
    const iv = completeInterview(A.k.db, { name });
    const [first] = sealAll(A.k, A.me);
    applyAck(A.k.db, ack(await ingestBatch(store, input(A.me, first!))));
    decide(A.k.db, iv.interviewId, 'pass');
    const [decision] = sealAll(A.k, A.me);
    deleteApplicant(A.k.db, iv.applicantId);
    const tombstone = sealAll(A.k, A.me).find((b) => b.seq > decision!.seq)!;
    return { A, iv, decision: decision!, tombstone };
  };

  it('the look-ups read ahead carry erasures: a decision arriving after its tombstone arrives erased', async () => {
    const { A, iv, decision, tombstone } = await decisionThenTombstone('Erase-Me');
    // The tombstone (the next batch) overtakes the decision before the worker reads its look-ups.
    expect(ack(await ingestBatch(store, input(A.me, tombstone))).accepted).toBe(1);
    const late = ack(
      await ingestBatch(
        store,
        input(A.me, decision),
        after(async () => undefined),
      ),
    );
    expect(late.accepted).toBe(1);
    expect(await store.all('SELECT kind FROM ho_records WHERE interview_id = ? AND payload_json IS NOT NULL', [iv.interviewId])).toEqual([]);
  });

  it('a tombstone of the same kiosk that goes in between the read-ahead and the write still erases the batch', async () => {
    const { A, iv, decision, tombstone } = await decisionThenTombstone('Erase-Me-Too');
    const late = ack(
      await ingestBatch(
        store,
        input(A.me, decision),
        after(() => ingestBatch(store, input(A.me, tombstone))),
      ),
    );
    expect(late.accepted).toBe(1);
    const rows = await store.all<{ kind: string; payload_json: string | null; erased_at: string | null }>('SELECT kind, payload_json, erased_at FROM ho_records WHERE interview_id = ?', [
      iv.interviewId,
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.payload_json !== null)).toEqual([]);
    expect(JSON.stringify(await store.all('SELECT * FROM ho_records WHERE interview_id = ?', [iv.interviewId]))).not.toContain('Erase-Me-Too');
  });

  it('a subject another kiosk claims meanwhile is refused, as when the batches come one after the other', async () => {
    const A = await enroll('S001');
    const H = await enroll('S999');
    const iv = completeInterview(A.k.db);
    const [batchA] = sealAll(A.k, A.me);
    enqueueForeignDecision(H.k.db, iv.interviewId);
    const [batchH] = sealAll(H.k, H.me);
    const r = ack(
      await ingestBatch(
        store,
        input(H.me, batchH!),
        after(() => ingestBatch(store, input(A.me, batchA!))),
      ),
    );
    expect(r.accepted).toBe(0);
    expect(r.rejected).toEqual([{ id: expect.any(String), reason: 'refused: the record is about an interview or applicant that belongs to another kiosk' }]);
    expect(await store.get('SELECT kiosk_id FROM ho_owners WHERE subject_id = ?', [iv.interviewId])).toEqual({ kiosk_id: A.me.kioskId });
    expect(await store.get('SELECT decision FROM ho_interviews WHERE id = ?', [iv.interviewId])).toEqual({ decision: null });
  });

  it('a record id another kiosk takes meanwhile is rejected as a clash, and the rest of the batch goes in', async () => {
    const A = await enroll('S001');
    const H = await enroll('S999');
    completeInterview(A.k.db);
    completeInterview(A.k.db);
    const [batchA] = sealAll(A.k, A.me);
    const decoded = decodeBatchBody(batchA!.body, { kioskId: A.me.kioskId, batchId: batchA!.id });
    if (!decoded.ok) throw new Error(decoded.reason);
    const [first, taken] = decoded.body.records;
    // H's own, well-formed and well-signed record, under the id A's second record has.
    const requestId = ulid();
    const payload = { v: 1, requestId, interviewId: ulid(), packId: 'cashier', name: 'x', mobile: '13000000000', lang: 'zh-CN' };
    const records = [{ id: taken!.id, kind: 'human.requested', subjectId: requestId, createdAt: nowIso(), payload, contentHash: recordContentHash('human.requested', payload) }];
    const id = batchIdFor(H.me.kioskId, records);
    const body = encodeBatchBody({ v: 1, kioskId: H.me.kioskId, batchId: id, seq: 1, records });
    const hostile: IngestInput = { kioskId: H.me.kioskId, batchId: id, signature: signBatch(H.me.privateKeyPem, H.me.kioskId, id, body), body, source: 'http' };
    const r = ack(
      await ingestBatch(
        store,
        input(A.me, batchA!),
        after(async () => expect(ack(await ingestBatch(store, hostile)).accepted).toBe(1)),
      ),
    );
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([{ id: taken!.id, reason: 'record id already received with different content' }]);
    expect(await store.all('SELECT id FROM ho_records WHERE kiosk_id = ?', [A.me.kioskId])).toEqual([{ id: first!.id }]);
  });
});
