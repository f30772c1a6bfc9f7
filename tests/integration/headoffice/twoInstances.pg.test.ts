/**
 * Two head-office processes on one PostgreSQL (issue 17, item 2): nothing that matters may
 * live in one process's memory. Both instances start together on an empty database (racing
 * migrations and key creation), 20 simulated kiosks upload concurrently through a router that
 * picks an instance at random per request, replays go to either instance (and the same batch
 * to both at once), an HR client pages the feed from either instance while uploads run, and
 * one instance is SIGKILLed while uploads are in flight, then restarted. The killed instance
 * checks batches in a pool of worker threads, the other on its main thread. The end state is
 * counted: exactly the interviews the kiosks hold, each once, every record once, the same feed
 * from both instances, and a feed ack made on one instance honoured by the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingBatches, sealBatches, type SealedBatch } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { postBatch } from '../../../electron/services/sync/transport.js';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { headOfficeKey, issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { publishDownlink } from '../../../headoffice/publish.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, freePort, openSimKiosk, outboxCounts, startFaultProxy, startPgCluster, type PgCluster, type SimKiosk } from '../sync/harness.js';

const KIOSKS = 20;
// Seeded, so a failure can be replayed with the same choices.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(17);
const quick = { maxAttempts: 12, baseMs: 2, maxMs: 20, rand };

/** `workers`: B, the one killed mid-upload, checks batches in a pool of two worker threads; A on its main thread (ingestPool.ts). */
type Instance = { name: string; port: number; url: string; child: ChildProcess | null; batches: number; workers: number };
type FeedPage = { items: { cursor: string; recordId: string }[]; nextCursor: string; hasMore: boolean };

async function startInstance(inst: Instance, databaseUrl: string): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, KIOSK_LOG_LEVEL: 'error' };
  const c = spawn(process.execPath, ['--import', 'tsx', 'headoffice/cli.ts', 'serve', '--port', String(inst.port), '--ingest-workers', String(inst.workers)], {
    cwd: APP_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`head office ${inst.name} did not start in 30 s: ${err}`)), 30_000);
    c.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(t);
        resolve();
      }
    });
    c.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`head office ${inst.name} exited with ${code}: ${err}`));
    });
  });
  c.removeAllListeners('exit');
  inst.child = c;
}

describe('two head-office instances on one PostgreSQL', () => {
  let cluster: PgCluster;
  let databaseUrl: string;
  let store: HoStore;
  let router: Awaited<ReturnType<typeof startFaultProxy>>;
  const insts: Instance[] = [];
  const kiosks: SimKiosk[] = [];
  const kept: { k: number; batch: SealedBatch }[] = [];
  let killArmed = false;
  let killedInFlight = 0;

  const alive = () => insts.filter((i) => i.child !== null);
  const pick = () => {
    const a = alive();
    return a[Math.floor(rand() * a.length)]!;
  };
  const me = (k: number): SyncIdentity => getIdentity(kiosks[k]!.db)!;
  const feed = async (inst: Instance, token: string, qs: string) => {
    const res = await fetch(`${inst.url}/v1/feed?${qs}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as FeedPage;
  };
  const readAll = async (token: string, from: () => Instance) => {
    const items: FeedPage['items'] = [];
    let after = '0';
    for (let i = 0; i < 1000; i++) {
      const p = await feed(from(), token, `after=${after}&limit=37`);
      items.push(...p.items);
      after = p.nextCursor;
      if (!p.hasMore) break;
    }
    return items;
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    databaseUrl = await cluster.newDatabase();
    for (const [name, workers] of [
      ['A', 0],
      ['B', 2],
    ] as const) {
      const port = await freePort();
      insts.push({ name, port, url: `http://127.0.0.1:${port}`, child: null, batches: 0, workers });
    }
    // Both start at once on an empty database: migrations and the signing key race.
    await Promise.all(insts.map((i) => startInstance(i, databaseUrl)));
    store = await openStore({ databaseUrl });
    router = await startFaultProxy(
      () => {
        const inst = pick();
        if (inst.name === 'B' && killArmed && ++inst.batches === 6) {
          killArmed = false;
          // SIGKILL a few ms after this upload was forwarded: B dies with batches in flight.
          setTimeout(() => {
            killedInFlight = 1;
            inst.child?.kill('SIGKILL');
            inst.child = null;
          }, 3);
        }
        return inst.url;
      },
      () => 'pass',
    );
  }, 90_000);

  afterAll(async () => {
    for (const i of insts) i.child?.kill('SIGKILL');
    await router?.close();
    await store?.close();
    for (const k of kiosks) k.close();
    cluster?.stop();
    cleanupTempDirs();
  });

  it('both instances came up on one database and migrated it once', async () => {
    const v = await store.get<{ value: string }>(`SELECT value FROM ho_meta WHERE key = 'schema_version'`);
    expect(Number(v!.value)).toBeGreaterThanOrEqual(5);
    expect((await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_keys'))!.n).toBe(0); // made on first use
  });

  it('enrolls 20 kiosks through either instance, all pinning one head-office key', async () => {
    const codes: string[] = [];
    for (let k = 0; k < KIOSKS; k++) {
      kiosks[k] = openSimKiosk();
      codes.push((await issueEnrollmentCode(store, `S${String(k % 7).padStart(3, '0')}`)).code);
    }
    // All at once, so the first enrollments on both instances race to create the key.
    await Promise.all(kiosks.map((sim, k) => enrollKiosk(sim.db, router.url, codes[k]!, `kiosk-${k}`)));
    // The first enrollments raced to create the key on both instances: one key, pinned by all.
    expect((await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_keys'))!.n).toBe(1);
    const pins = new Set(kiosks.map((_, k) => me(k).headOfficeKeyPem));
    expect([...pins]).toEqual([(await headOfficeKey(store)).publicKeyPem]);
    // Publishing from several places at once gives consecutive versions, none lost or doubled.
    await Promise.all([1, 2, 3, 4].map((n) => publishDownlink(store, 'opening', 'S-all', Buffer.from(`{"n":${n}}`))));
    const versions = await store.all<{ version: number }>(`SELECT version FROM ho_downlink WHERE name = 'S-all' ORDER BY version`);
    expect(versions.map((x) => x.version)).toEqual([1, 2, 3, 4]);
  });

  it('takes concurrent uploads to either instance, replays, and one instance killed mid-batch', async () => {
    for (const [k, sim] of kiosks.entries()) {
      for (let i = 0; i < 8; i++) {
        const iv = completeInterview(sim.db, { packId: i % 2 ? 'cashier' : 'warehouse' });
        if (i % 3 === 0) decide(sim.db, iv.interviewId, 'pass');
      }
      sealBatches(sim.db, me(k), { maxRecords: 2 });
      for (const b of pendingBatches(sim.db)) kept.push({ k, batch: { ...b } });
    }
    const { token } = await issueToken(store, 'hr-during', ['feed:read']);
    killArmed = true;
    let uploading = true;
    // An HR client pulls the feed from either instance while batches are committed.
    const reader = (async () => {
      const items: FeedPage['items'] = [];
      let after = '0';
      for (let round = 0; round < 5000; round++) {
        let p: FeedPage;
        try {
          p = await feed(pick(), token, `after=${after}&limit=25`);
        } catch {
          continue; // the instance it picked was just killed
        }
        items.push(...p.items);
        after = p.nextCursor;
        if (!p.hasMore && !uploading) break;
        if (!p.hasMore) await new Promise((r) => setTimeout(r, 5));
      }
      return items;
    })();
    // Replays of already-sealed batches, to either instance, while the kiosks push.
    const replays = (async () => {
      for (let n = 0; n < 30; n++) {
        const { k, batch } = kept[Math.floor(rand() * kept.length)]!;
        await postBatch({ ...me(k), headOfficeUrl: router.url }, batch);
      }
    })();
    const results = await Promise.all(kiosks.map((sim, k) => pushPending(sim.db, me(k), { ...quick, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) })));
    await replays;
    uploading = false;
    const during = await reader;
    expect(killedInFlight).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);

    // The same batch to both instances at the same moment: one ingest, one duplicate.
    const victim = kiosks[3]!;
    completeInterview(victim.db);
    sealBatches(victim.db, me(3));
    const [fresh] = pendingBatches(victim.db);
    await startInstance(insts[1]!, databaseUrl); // B back on the same database
    const both = await Promise.all(insts.map((i) => postBatch({ ...me(3), headOfficeUrl: i.url }, fresh!)));
    expect(both.every((r) => r.ok)).toBe(true);
    expect(both.filter((r) => r.ok && r.value.duplicateBatch).length).toBe(1);
    expect(both.filter((r) => r.ok && r.value.accepted === 1).length).toBe(1);
    expect((await pushPending(victim.db, me(3), quick)).ok).toBe(true);

    // Every record the HR client saw during the uploads came once, in strictly rising cursor
    // order: a page read from one instance never skipped a record the other committed later.
    const cursors = during.map((i) => Number(i.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1]!)).toBe(true);
    expect(new Set(during.map((i) => i.recordId)).size).toBe(during.length);
    const all = await store.all<{ seq: number; id: string }>('SELECT seq, id FROM ho_records ORDER BY seq');
    expect(during.map((i) => i.recordId)).toEqual(all.slice(0, during.length).map((r) => r.id));
  }, 100_000);

  it('ends with exactly the expected interviews, each once, and one feed from either instance', async () => {
    // A second round after the restart, to both instances at random.
    for (const [k, sim] of kiosks.entries()) {
      completeInterview(sim.db, { packId: 'delivery' });
      sealBatches(sim.db, me(k), { maxRecords: 1 });
    }
    const results = await Promise.all(kiosks.map((sim, k) => pushPending(sim.db, me(k), quick)));
    expect(results.every((r) => r.ok)).toBe(true);

    const expected = new Set<string>();
    let records = 0;
    for (const sim of kiosks) {
      for (const r of sim.db.prepare('SELECT id FROM interviews').all() as { id: string }[]) expected.add(r.id);
      const c = outboxCounts(sim.db);
      expect(c.acked).toBe(c.total);
      records += c.total;
    }
    expect(expected.size).toBe(KIOSKS * 9 + 1);
    const atHo = (await store.all<{ id: string }>('SELECT id FROM ho_interviews')).map((r) => r.id);
    expect(atHo.length).toBe(expected.size);
    expect(new Set(atHo)).toEqual(expected);
    expect((await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_records'))!.n).toBe(records);
    expect((await store.get<{ n: number }>(`SELECT count(DISTINCT interview_id) AS n FROM ho_records WHERE kind = 'interview.completed'`))!.n).toBe(expected.size);
    // Watermarks: each kiosk's last sealed batch, no gaps.
    for (const [k, sim] of kiosks.entries()) {
      const last = (sim.db.prepare('SELECT MAX(seq) AS s FROM sync_batches').get() as { s: number }).s;
      const wm = await store.get<{ watermark_seq: number }>('SELECT watermark_seq FROM ho_kiosks WHERE id = ?', [me(k).kioskId]);
      expect(wm!.watermark_seq).toBe(last);
    }

    const { token } = await issueToken(store, 'hr-after', ['feed:read']);
    const [a, b] = insts as [Instance, Instance];
    const fromA = await readAll(token, () => a);
    const fromB = await readAll(token, () => b);
    const mixed = await readAll(token, () => (rand() < 0.5 ? a : b));
    expect(fromA.length).toBe(records);
    expect(fromB).toEqual(fromA);
    expect(mixed).toEqual(fromA);
    // An ack on A is where B resumes.
    const mid = fromA[Math.floor(records / 2)]!;
    const acked = await fetch(`${a.url}/v1/feed/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: mid.cursor }),
    });
    expect(acked.status).toBe(200);
    const resumed = await feed(b, token, 'limit=5');
    expect(resumed.items.map((i) => i.recordId)).toEqual(fromA.slice(Math.floor(records / 2) + 1, Math.floor(records / 2) + 6).map((i) => i.recordId));
  }, 60_000);
});
