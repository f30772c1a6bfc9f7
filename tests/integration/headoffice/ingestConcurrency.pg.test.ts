/**
 * Kiosks ingest side by side on PostgreSQL (docs/sync.md, "Ingest transactions"): each batch's
 * transaction runs alongside other kiosks' until it writes its ho_records rows, which it does
 * under one lock held to COMMIT. These tests stop real ingest transactions at the exact points
 * where two of them meet — by holding that lock, or an uncommitted row, from a connection of
 * the test's own — and check the two guarantees that concurrency could break: an HR client
 * paging the feed never skips a record committed later under a lower cursor, and a subject that
 * looked unowned but was claimed meanwhile by another kiosk, or a record id committed meanwhile,
 * is still refused.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingBatches, sealBatches, type SealedBatch } from '../../../electron/services/sync/batches.js';
import type { SyncIdentity } from '../../../electron/services/sync/state.js';
import { decodeBatchBody } from '../../../core/sync/protocol.js';
import { nowIso } from '../../../core/ids.js';
import { readFeed } from '../../../headoffice/feed.js';
import { ingestBatch, type IngestOutcome } from '../../../headoffice/ingest.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import { FEED_LOCK } from '../../../headoffice/store/pgStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, enqueueForeignDecision, enrollSimKiosk, listenHo, startPgCluster, type PgCluster, type SimKiosk } from '../sync/harness.js';

describe('ingest of several kiosks side by side on PostgreSQL', () => {
  let cluster: PgCluster;
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  /** The test's own connection: holds locks and rows, and watches what the others wait for. */
  let probe: pg.Client;
  const sims: SimKiosk[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster(); // fails (never skips) if PostgreSQL cannot start
    const databaseUrl = await cluster.newDatabase();
    store = await openStore({ databaseUrl });
    ho = await listenHo(store);
    probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
  });

  afterAll(async () => {
    await probe?.end();
    await ho?.close();
    await store?.close();
    for (const s of sims) s.close();
    cluster?.stop();
    cleanupTempDirs();
  });

  const enroll = async (storeId: string) => {
    const sim = await enrollSimKiosk(store, ho.url, storeId);
    sims.push(sim.k);
    return sim;
  };
  const sealOne = (k: SimKiosk, me: SyncIdentity): SealedBatch => {
    sealBatches(k.db, me);
    const batches = pendingBatches(k.db);
    expect(batches.length).toBe(1);
    return batches[0]!;
  };
  const ingest = (me: SyncIdentity, b: SealedBatch) => ingestBatch(store, { kioskId: me.kioskId, batchId: b.id, signature: b.signature, body: b.body, source: 'http' });
  /** Resolves once `n` other backends wait for `event` (advisory: a lock like FEED_LOCK; transactionid: another transaction's row). */
  const waiting = async (event: 'advisory' | 'transactionid', n = 1) => {
    for (let i = 0; i < 500; i++) {
      // pg_locks, not pg_stat_activity: the latter is a snapshot taken once per transaction.
      const r = await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = $1`, [event]);
      if (r.rows[0]!.n >= n) return;
      await new Promise((res) => setTimeout(res, 10));
    }
    throw new Error(`no transaction came to wait for ${event}`);
  };
  const accepted = (o: IngestOutcome) => {
    if (!o.ok) throw new Error(o.message);
    return o.ack;
  };

  it('an HR client paging the feed meanwhile never skips a record that committed later under a lower cursor', async () => {
    const A = await enroll('S001');
    const B = await enroll('S002');
    completeInterview(A.k.db);
    completeInterview(A.k.db);
    completeInterview(B.k.db);
    const batchA = sealOne(A.k, A.me);
    const batchB = sealOne(B.k, B.me);
    const decoded = decodeBatchBody(batchA.body, { kioskId: A.me.kioskId, batchId: batchA.id });
    if (!decoded.ok) throw new Error(decoded.reason);
    const lastOfA = decoded.body.records.at(-1)!;

    // An uncommitted row with the id of A's last record: A's insert draws its cursors, then
    // stops on that row, inside its transaction, holding the feed lock.
    await probe.query('BEGIN');
    await probe.query(
      `INSERT INTO ho_records (id, kiosk_id, store_id, batch_id, kiosk_order, kind, subject_id, status, content_hash, kiosk_created_at, received_at)
       VALUES ($1, 'k_probe', 'S000', 'b_probe', 0, 'interview.completed', 's_probe', 'completed', 'x', $2, $2)`,
      [lastOfA.id, nowIso()],
    );
    const ingestA = ingest(A.me, batchA);
    await waiting('transactionid');
    // B's batch arrives meanwhile. Its cursors come after A's, so it must wait for A's COMMIT.
    let bDone = false;
    const ingestB = ingest(B.me, batchB).finally(() => (bDone = true));
    for (let i = 0; i < 500 && !bDone; i++) {
      const r = await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'advisory'`);
      if (r.rows[0]!.n > 0) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    const seen: string[] = [];
    let after = 0;
    const page = async () => {
      const p = await readFeed(store, { after, limit: 100 });
      seen.push(...p.items.map((i) => i.recordId));
      after = Number(p.nextCursor);
    };
    await page(); // while A waits on the row and B on A
    await probe.query('ROLLBACK');
    expect(accepted(await ingestA).accepted).toBe(2);
    expect(accepted(await ingestB).accepted).toBe(1);
    await page();
    const all = await store.all<{ id: string }>('SELECT id FROM ho_records ORDER BY seq');
    expect(all.length).toBe(3);
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('a record id that another writer commits meanwhile is rejected as a clash, and the rest of the batch goes in', async () => {
    const C = await enroll('S003');
    completeInterview(C.k.db);
    completeInterview(C.k.db);
    const batchC = sealOne(C.k, C.me);
    const decoded = decodeBatchBody(batchC.body, { kioskId: C.me.kioskId, batchId: batchC.id });
    if (!decoded.ok) throw new Error(decoded.reason);
    const [first, last] = decoded.body.records;
    await probe.query('BEGIN');
    await probe.query(
      `INSERT INTO ho_records (id, kiosk_id, store_id, batch_id, kiosk_order, kind, subject_id, status, content_hash, kiosk_created_at, received_at)
       VALUES ($1, 'k_probe', 'S000', 'b_probe', 0, 'interview.completed', 's_probe', 'completed', 'x', $2, $2)`,
      [last!.id, nowIso()],
    );
    const ingestC = ingest(C.me, batchC);
    await waiting('transactionid');
    await probe.query('COMMIT');
    const ack = accepted(await ingestC);
    expect(ack.accepted).toBe(1);
    expect(ack.rejected).toEqual([{ id: last!.id, reason: 'record id already received with different content' }]);
    expect(await store.all('SELECT id FROM ho_records WHERE kiosk_id = ?', [C.me.kioskId])).toEqual([{ id: first!.id }]);
    expect((await store.get<{ watermark_seq: number }>('SELECT watermark_seq FROM ho_kiosks WHERE id = ?', [C.me.kioskId]))!.watermark_seq).toBe(batchC.seq);
  });

  it('a subject that looked unowned but another kiosk claimed meanwhile is refused, as when the batches come one after the other', async () => {
    const A = await enroll('S001');
    const H = await enroll('S999');
    const victim = completeInterview(A.k.db);
    const batchA = sealOne(A.k, A.me);
    const iv = victim.interviewId;
    enqueueForeignDecision(H.k.db, iv);
    const own = completeInterview(H.k.db);
    const batchH = sealOne(H.k, H.me);

    // Hold the feed lock: A claims the interview (uncommitted) and stops before its records.
    await probe.query('SELECT pg_advisory_lock($1)', [FEED_LOCK]);
    const ingestA = ingest(A.me, batchA);
    await waiting('advisory');
    // H finds the interview unowned, claims it too, and waits on A's uncommitted claim.
    const ingestH = ingest(H.me, batchH);
    await waiting('transactionid');
    await probe.query('SELECT pg_advisory_unlock($1)', [FEED_LOCK]);

    expect(accepted(await ingestA).accepted).toBe(1);
    const ackH = accepted(await ingestH);
    expect(ackH.accepted).toBe(1); // H's own interview
    expect(ackH.rejected).toEqual([{ id: expect.any(String), reason: 'refused: the record is about an interview or applicant that belongs to another kiosk' }]);
    expect(await store.get('SELECT kiosk_id FROM ho_owners WHERE subject_id = ?', [iv])).toEqual({ kiosk_id: A.me.kioskId });
    expect(await store.get('SELECT decision FROM ho_interviews WHERE id = ?', [iv])).toEqual({ decision: null });
    expect(await store.all('SELECT kind FROM ho_records WHERE kiosk_id = ?', [H.me.kioskId])).toEqual([{ kind: 'interview.completed' }]);
    expect(await store.get('SELECT kiosk_id FROM ho_owners WHERE subject_id = ?', [own.interviewId])).toEqual({ kiosk_id: H.me.kioskId });
    expect((await store.get<{ refused_records: number }>('SELECT refused_records FROM ho_kiosks WHERE id = ?', [H.me.kioskId]))!.refused_records).toBe(1);
  });
});
