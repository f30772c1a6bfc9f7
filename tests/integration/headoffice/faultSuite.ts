/**
 * Several simulated kiosks against one real head office, with faults injected on the way.
 * Runs once per storage kind (SQLite file, PostgreSQL). Ends by counting: head office must
 * hold exactly the interviews the kiosks still have, and every kiosk's outbox must be acked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAck, pendingBatches, sealBatches, type SealedBatch } from '../../../electron/services/sync/batches.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { batchIdFor, encodeBatchBody, generateSigningKeyPair, recordContentHash, signBatch } from '../../../core/sync/protocol.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity, saveIdentity, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { postBatch } from '../../../electron/services/sync/transport.js';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import {
  cleanupTempDirs,
  completeInterview,
  decide,
  deleteApplicant,
  freePort,
  listenHo,
  openSimKiosk,
  outboxCounts,
  startFaultProxy,
  startPgCluster,
  tempDir,
  type Fault,
  type HoKind,
  type PgCluster,
  type SimKiosk,
} from '../sync/harness.js';
import { defineHostileCases } from './hostileCases.js';

const quick = { maxAttempts: 8, baseMs: 1, maxMs: 5, sleep: async () => undefined };
const count = async (store: HoStore, sql: string, params: (string | number)[] = []) => (await store.get<{ n: number }>(sql, params))!.n;

export function defineFaultSuite(kind: HoKind): void {
  describe(`sync fault injection on ${kind}`, () => {
    let pgCluster: PgCluster | null = null;
    let spec: { databaseUrl?: string; file?: string };
    let store: HoStore;
    let ho: Awaited<ReturnType<typeof listenHo>> | null = null;
    let target = '';
    let faults: Fault[] = [];
    let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
    const kiosks: Record<string, SimKiosk> = {};
    const deletedInterviews = new Set<string>();
    const kept = new Map<string, SealedBatch>(); // copies of sealed batches, for replays
    let child: ChildProcess | null = null;

    beforeAll(async () => {
      if (kind === 'pg') {
        pgCluster = await startPgCluster(); // throws (fails the suite) if PostgreSQL cannot start
        spec = { databaseUrl: await pgCluster.newDatabase() };
      } else spec = { file: path.join(tempDir('ho-'), 'headoffice.db') };
      store = await openStore(spec);
      ho = await listenHo(store);
      target = ho.url;
      proxy = await startFaultProxy(
        () => target,
        (req) => (req.url === '/v1/batches' ? (faults.shift() ?? 'pass') : 'pass'),
      );
    });

    afterAll(async () => {
      child?.kill('SIGKILL');
      await proxy?.close();
      await ho?.close();
      await store?.close();
      for (const k of Object.values(kiosks)) k.close();
      pgCluster?.stop();
      cleanupTempDirs();
    });

    const enroll = async (name: string, storeId: string, via = proxy.url) => {
      const k = openSimKiosk();
      const { code } = await issueEnrollmentCode(store, storeId);
      await enrollKiosk(k.db, via, code, name);
      kiosks[name] = k;
      return k;
    };
    const me = (name: string): SyncIdentity => getIdentity(kiosks[name]!.db)!;
    const keepSealed = (name: string) => {
      for (const b of pendingBatches(kiosks[name]!.db)) kept.set(`${name}:${b.seq}`, b);
    };

    it('enrolls kiosks in two stores; a used or made-up code is refused', async () => {
      await enroll('A', 'S001');
      await enroll('B', 'S001');
      await enroll('C', 'S002');
      await enroll('X', 'S002');
      const { code } = await issueEnrollmentCode(store, 'S003');
      const spare = openSimKiosk();
      await enrollKiosk(spare.db, proxy.url, code);
      await expect(enrollKiosk(openSimKiosk().db, proxy.url, code)).rejects.toThrow(/already used|unknown/);
      await expect(enrollKiosk(openSimKiosk().db, proxy.url, 'ZZZZZ-ZZZZZ')).rejects.toThrow(/unknown/);
      spare.close();
      expect(await count(store, 'SELECT count(*) AS n FROM ho_kiosks')).toBe(5);
      expect(me('A').storeId).toBe('S001');
      expect(me('C').storeId).toBe('S002');
    });

    it('uploads through 500s, dropped requests, lost acks, truncated and duplicated requests', async () => {
      const A = kiosks.A!;
      const ids = Array.from({ length: 30 }, (_, i) => completeInterview(A.db, { name: `A-applicant-${i}#` }));
      // Ten decisions; three passes (i = 2, 4, 8) are also scheduled on a shift (shift.assigned).
      ids.slice(0, 10).forEach((x, i) => decide(A.db, x.interviewId, i % 3 === 0 ? 'fail' : 'pass', i % 2 === 0 && i % 3 !== 0 ? { shift: 'sat-am' } : {}));
      sealBatches(A.db, me('A'), { maxRecords: 5 });
      keepSealed('A');
      faults = ['status500', 'status500', 'pass', 'dropResponse', 'truncate', 'duplicate', 'dropRequest', 'pass', 'dropResponse'];
      const r = await pushPending(A.db, me('A'), quick);
      expect(r.ok).toBe(true);
      expect(outboxCounts(A.db)).toEqual({ total: 43, acked: 43 });
      expect(await count(store, 'SELECT count(*) AS n FROM ho_records WHERE kiosk_id = ?', [me('A').kioskId])).toBe(43);
      const seen = new Set(proxy.log.map((l) => l.fault));
      for (const f of ['status500', 'dropResponse', 'truncate', 'duplicate', 'dropRequest'] as Fault[]) expect(seen, f).toContain(f);
      expect(proxy.log.find((l) => l.fault === 'truncate')!.status).toBe(400); // BODY_INCOMPLETE, then resent
    });

    it('reordered batches: the watermark waits for the gap, then jumps', async () => {
      const B = kiosks.B!;
      for (let i = 0; i < 20; i++) completeInterview(B.db, { packId: i % 2 ? 'warehouse' : 'cashier' });
      sealBatches(B.db, me('B'), { maxRecords: 4 });
      keepSealed('B');
      const bs = pendingBatches(B.db);
      expect(bs.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5]);
      const direct = { ...me('B'), headOfficeUrl: target };
      for (const seq of [3, 5, 4]) {
        const r = await postBatch(direct, bs[seq - 1]!);
        expect(r.ok && r.value.watermarkSeq).toBe(0);
        if (r.ok) applyAck(B.db, r.value);
      }
      expect(outboxCounts(B.db).acked ?? 0).toBe(0);
      const r1 = await postBatch(direct, bs[0]!);
      expect(r1.ok && r1.value.watermarkSeq).toBe(1);
      const r2 = await postBatch(direct, bs[1]!);
      expect(r2.ok && r2.value.watermarkSeq).toBe(5);
      if (r2.ok) applyAck(B.db, r2.value);
      expect(outboxCounts(B.db)).toEqual({ total: 20, acked: 20 });
    });

    it('replayed and duplicated batches change nothing', async () => {
      const before = await count(store, 'SELECT count(*) AS n FROM ho_records');
      for (const key of ['A:1', 'A:4', 'B:2']) {
        const b = kept.get(key)!;
        const r = await postBatch({ ...me(key[0]!), headOfficeUrl: target }, b);
        expect(r.ok && r.value.duplicateBatch).toBe(true);
      }
      expect(await count(store, 'SELECT count(*) AS n FROM ho_records')).toBe(before);
    });

    it('refuses a tampered signature, a tampered body, an unknown kiosk key and a wrong key, and counts them per source', async () => {
      const b = kept.get('B:3')!;
      const direct = { ...me('B'), headOfficeUrl: target };
      const sig = Buffer.from(b.signature, 'base64');
      sig[5] ^= 0xff;
      const r1 = await postBatch(direct, { ...b, signature: sig.toString('base64') });
      expect(r1.ok || r1.status).toBe(401);
      const body = Buffer.from(b.body);
      body[body.length - 10] ^= 0x01;
      const r2 = await postBatch(direct, { ...b, body });
      expect(r2.ok || r2.status).toBe(401);
      const stranger = generateSigningKeyPair();
      const r3 = await postBatch({ ...direct, kioskId: 'k_unknown', privateKeyPem: stranger.privateKeyPem }, { ...b, signature: signBatch(stranger.privateKeyPem, 'k_unknown', b.id, b.body) });
      expect(r3.ok || r3.status).toBe(401);
      const r4 = await postBatch(direct, { ...b, signature: signBatch(stranger.privateKeyPem, direct.kioskId, b.id, b.body) });
      expect(r4.ok || r4.status).toBe(401);
      // Counted per source address in one row (a flood of forgeries must not grow a table row by row).
      expect(await store.all(`SELECT source, failures FROM ho_auth_failures WHERE kind = 'kiosk-auth'`)).toEqual([{ source: '127.0.0.1', failures: 4 }]);
      expect(await count(store, `SELECT count(*) AS n FROM ho_events WHERE kind IN ('bad-signature', 'unknown-kiosk')`)).toBe(0);
    });

    it('rejects a record whose content changed under an existing id, and takes the rest of the batch', async () => {
      const X = kiosks.X!;
      const first = completeInterview(X.db);
      // Read the record before it is sent: once acked, the kiosk keeps no copy of its payload.
      const row = X.db.prepare('SELECT id, kind, subject_id, created_at FROM outbox').get() as { id: string; kind: string; subject_id: string; created_at: string };
      const forged = readOutboxPayload(X.db, row.id) as { applicant: { name: string } };
      expect((await pushPending(X.db, me('X'), quick)).ok).toBe(true);
      forged.applicant.name = 'someone else';
      const requestId = '01ZZZZZZZZZZZZZZZZZZZZZZZY';
      const extra = {
        id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
        kind: 'human.requested',
        subjectId: requestId,
        createdAt: row.created_at,
        payload: { v: 1, requestId, interviewId: first.interviewId, packId: 'cashier', name: 'x', mobile: '13000000000', lang: 'zh-CN' },
      };
      const records = [
        { id: row.id, kind: row.kind, subjectId: row.subject_id, payload: forged, contentHash: recordContentHash(row.kind, forged), createdAt: row.created_at },
        { ...extra, contentHash: recordContentHash(extra.kind, extra.payload) },
      ];
      const id = batchIdFor(me('X').kioskId, records);
      const body = encodeBatchBody({ v: 1, kioskId: me('X').kioskId, batchId: id, seq: 2, records });
      const r = await postBatch({ ...me('X'), headOfficeUrl: target }, { id, body, signature: signBatch(me('X').privateKeyPem, me('X').kioskId, id, body) });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.rejected).toEqual([{ id: row.id, reason: 'record id already received with different content' }]);
      expect(r.value.accepted).toBe(1);
      const stored = await store.get<{ payload_json: string }>('SELECT payload_json FROM ho_records WHERE id = ?', [row.id]);
      expect(stored!.payload_json).not.toContain('someone else');
    });

    it('survives head office being killed mid-upload (kiosk clock 5 years ahead), then resumes', async () => {
      const C = kiosks.C!;
      for (let i = 0; i < 27; i++) completeInterview(C.db, { packId: 'delivery' });
      C.db.prepare(`UPDATE outbox SET created_at = '2031-06-01T08:00:00.000Z'`).run(); // skewed kiosk clock
      sealBatches(C.db, me('C'), { maxRecords: 3 });
      const port = await freePort();
      const startChild = async () => {
        const env = { ...process.env, ...(spec.databaseUrl ? { DATABASE_URL: spec.databaseUrl } : {}), KIOSK_LOG_LEVEL: 'warn' };
        const c = spawn(process.execPath, ['--import', 'tsx', 'headoffice/cli.ts', 'serve', '--port', String(port), ...(spec.file ? ['--db', spec.file] : [])], {
          cwd: APP_ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('head office child did not start in 30 s')), 30_000);
          c.stdout!.on('data', (d: Buffer) => {
            if (d.toString().includes('listening')) {
              clearTimeout(t);
              resolve();
            }
          });
          c.on('exit', (code) => {
            clearTimeout(t);
            reject(new Error(`head office child exited with ${code}`));
          });
        });
        c.removeAllListeners('exit');
        return c;
      };
      child = await startChild();
      target = `http://127.0.0.1:${port}`;
      let batchesSeen = 0;
      const proxyKill = await startFaultProxy(
        () => target,
        (req) => {
          if (req.url === '/v1/batches' && ++batchesSeen === 4) child!.kill('SIGKILL'); // dies while this upload is in flight
          return 'pass';
        },
      );
      saveIdentity(C.db, { ...me('C'), headOfficeUrl: proxyKill.url });
      const r1 = await pushPending(C.db, me('C'), { ...quick, maxAttempts: 2 });
      expect(r1.ok).toBe(false);
      expect(r1.sentBatches).toBe(3);
      const mid = outboxCounts(C.db);
      expect(mid.acked).toBe(9);
      child = await startChild(); // restart on the same database
      const r2 = await pushPending(C.db, me('C'), quick);
      expect(r2.ok).toBe(true);
      expect(outboxCounts(C.db)).toEqual({ total: 27, acked: 27 });
      child.kill('SIGTERM');
      child = null;
      target = ho!.url;
      await proxyKill.close();
      const skew = await store.get<{ k: string; r: string }>('SELECT kiosk_created_at AS k, received_at AS r FROM ho_records WHERE kiosk_id = ? ORDER BY seq LIMIT 1', [me('C').kioskId]);
      expect(skew!.k).toBe('2031-06-01T08:00:00.000Z');
      expect(skew!.r < '2031').toBe(true);
    }, 90_000);

    it('a deletion tombstone erases the applicant at head office; replays and reordering do not bring it back', async () => {
      const A = kiosks.A!;
      const victims = A.db.prepare(`SELECT a.id, a.name, a.mobile FROM applicants a ORDER BY a.created_at LIMIT 2`).all() as { id: string; name: string; mobile: string }[];
      for (const v of victims) {
        for (const r of A.db.prepare('SELECT id FROM interviews WHERE applicant_id = ?').all(v.id) as { id: string }[]) deletedInterviews.add(r.id);
        deleteApplicant(A.db, v.id);
      }
      expect((await pushPending(A.db, me('A'), quick)).ok).toBe(true);
      // Replay the original batch that carried them: still erased.
      const replay = await postBatch({ ...me('A'), headOfficeUrl: target }, kept.get('A:1')!);
      expect(replay.ok && replay.value.duplicateBatch).toBe(true);
      // Tombstone overtaking its interview (kiosk B: interview sealed in seq 6 before the deletion —
      // so the kiosk cannot drop it — tombstone in seq 7, sent 7 first).
      const B = kiosks.B!;
      const late = completeInterview(B.db, { name: 'Late Tombstone' });
      sealBatches(B.db, me('B'), { maxRecords: 1 });
      deleteApplicant(B.db, late.applicantId);
      deletedInterviews.add(late.interviewId);
      victims.push({ id: late.applicantId, name: late.name, mobile: late.mobile });
      sealBatches(B.db, me('B'), { maxRecords: 1 });
      const [i6, t7] = pendingBatches(B.db);
      const direct = { ...me('B'), headOfficeUrl: target };
      expect((await postBatch(direct, t7!)).ok).toBe(true);
      const r6 = await postBatch(direct, i6!);
      expect(r6.ok && r6.value.watermarkSeq).toBe(7);
      if (r6.ok) applyAck(B.db, r6.value);
      for (const v of victims) {
        expect(await count(store, 'SELECT count(*) AS n FROM ho_records WHERE payload_json LIKE ? OR payload_json LIKE ?', [`%${v.name}%`, `%${v.mobile}%`])).toBe(0);
        expect(await count(store, 'SELECT count(*) AS n FROM ho_interviews WHERE applicant_id = ?', [v.id])).toBe(0);
      }
    });

    it('ends with exactly the interviews the kiosks still hold, each once, and serves them through the feed', async () => {
      const expected = new Set<string>();
      let records = 0;
      for (const k of Object.values(kiosks)) {
        for (const r of k.db.prepare('SELECT id FROM interviews').all() as { id: string }[]) expected.add(r.id);
        const c = outboxCounts(k.db);
        expect(c.acked).toBe(c.total);
        records += c.total;
      }
      const atHo = (await store.all<{ id: string }>('SELECT id FROM ho_interviews')).map((r) => r.id);
      expect(atHo.length).toBe(30 - 2 + 20 + 27 + 1);
      expect(new Set(atHo)).toEqual(expected);
      for (const d of deletedInterviews) expect(atHo).not.toContain(d);
      // Records: every kiosk record once, plus the one extra record accepted from X's crafted batch.
      expect(await count(store, 'SELECT count(*) AS n FROM ho_records')).toBe(records + 1);
      const { token } = await issueToken(store, 'hr-test', ['feed:read']);
      const seenIds = new Set<string>();
      let after = '0';
      for (let page = 0; page < 100; page++) {
        const res = await fetch(`${target}/v1/feed?after=${after}&limit=17`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { items: { recordId: string }[]; nextCursor: string; hasMore: boolean };
        for (const i of body.items) {
          expect(seenIds.has(i.recordId)).toBe(false);
          seenIds.add(i.recordId);
        }
        after = body.nextCursor;
        if (!body.hasMore) break;
      }
      expect(seenIds.size).toBe(records + 1);
      const completed = await fetch(`${target}/v1/feed?after=0&limit=1000&status=completed&store=S002`, { headers: { authorization: `Bearer ${token}` } });
      const cj = (await completed.json()) as { items: { storeId: string; status: string }[] };
      expect(cj.items.length).toBe(27 + 1);
      expect(cj.items.every((i) => i.storeId === 'S002' && i.status === 'completed')).toBe(true);
    });

    // After the count above: these add kiosks and records of their own.
    defineHostileCases(kind, () => ({
      store,
      file: spec.file ?? null,
      target,
      proxyUrl: proxy.url,
      enroll,
      me,
      kiosk: (name) => kiosks[name]!,
    }));
  });
}
