/**
 * Sync bench: head-office ingest rate (interviews/s, end to end over HTTP on 127.0.0.1:
 * signature check, gunzip, idempotency checks, folding) next to the storage limit measured in
 * the same run — the rows that ingest wrote, written again into the same schema by plain
 * multi-row inserts (SQLite) or unnest inserts (PostgreSQL), one transaction per batch
 * (storageLimit.ts) — and, for comparison with earlier sessions, the record rows alone into a
 * bare one-index table. Eight kiosks hold the interviews; their uploads run on a thread of
 * their own (uploadWorker.ts), as kiosks are other machines. Ingest is measured with one
 * upload in flight, and with the eight kiosks pushing at once (each its own batches in order),
 * with and without head office's ingest worker pool; each setup and the storage limit run in
 * five interleaved rounds, the table shows medians, and the ratio is the median of the rounds'
 * ratios (each ingest run against the limit run right after it). Every head office is warmed up first:
 * eight other kiosks upload 4,000 interviews through it, untimed (a service runs for weeks; a
 * cold one spends its first second compiling its code), and the storage limit writes the timed
 * rows into a store already holding the warm-up's rows. Then one vs two head-office processes
 * on one PostgreSQL, then RSS while an HR client streams all 14,000 interviews through the feed.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../electron/services/db/openDatabase.js';
import { pendingBatches, sealBatches, type SealedBatch } from '../electron/services/sync/batches.js';
import { outboxContent, type OutboxRow } from '../electron/services/sync/outbox.js';
import { enrollKiosk } from '../electron/services/sync/enroll.js';
import { getIdentity, type SyncIdentity } from '../electron/services/sync/state.js';
import { APP_ROOT } from '../electron/services/app/config.js';
import { defaultIngestWorkers } from '../headoffice/ingestPool.js';
import { issueEnrollmentCode, issueToken } from '../headoffice/admin.js';
import { buildServer } from '../headoffice/server.js';
import { openStore } from '../headoffice/store/openStore.js';
import type { HoStore } from '../headoffice/store/types.js';
import { completeInterview, freePort, startPgCluster } from '../tests/integration/sync/harness.js';
import type { BenchRow } from './run.js';
import { median } from './stats.js';
import { rawPgSameRows, rawSqliteSameRows, rowsAddedSince, rowsWrittenByIngest, type WrittenRows } from './storageLimit.js';
import { startModuleWorker } from '../core/moduleWorker.js';
import type { UploadJob, UploadKiosk, UploadResult } from './uploadWorker.js';

const N = 10_000;
/** Warm-up interviews per head office, from kiosks of their own, before the timed upload. */
const WARM_KIOSKS = 8;
const WARM_EACH = 500;
const W = WARM_KIOSKS * WARM_EACH;
const GROUP = 'sync';
const progress = (s: string) => process.stderr.write(`bench sync: ${s}\n`);
type Payload = { id: string; kind: string; subject_id: string; payload_json: string; content_hash: string; created_at: string };

const KIOSKS = 8;
/** Runs of each ingest setup and of each storage limit; the table shows their medians. */
const REPS = 5;
type BenchKiosk = { me: SyncIdentity; batches: SealedBatch[] };

/** Uploads every kiosk's batches (`expected` records in all) from the upload thread; returns the seconds it took. */
async function ingestAll(kiosks: BenchKiosk[], urls: string[], mode: UploadJob['mode'], expected: number): Promise<number> {
  const w = startModuleWorker(import.meta.url, 'uploadWorker');
  try {
    const job: UploadJob = {
      kiosks: kiosks.map((k): UploadKiosk => ({ me: k.me, batches: k.batches.map((b) => ({ id: b.id, seq: b.seq, body: new Uint8Array(b.body), signature: b.signature })) })),
      urls,
      mode,
    };
    const r = await new Promise<UploadResult>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage(job);
    });
    if (!r.ok) throw new Error(r.error);
    if (r.accepted !== expected) throw new Error(`ingest accepted ${r.accepted}/${expected}`);
    return r.seconds;
  } finally {
    await w.terminate();
  }
}

/** A head office that already knows this kiosk (same id and key), as after enrollment. */
async function knowKiosks(store: HoStore, kiosks: BenchKiosk[]): Promise<void> {
  for (const { me } of kiosks)
    await store.run('INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES (?, ?, ?, ?, ?)', [me.kioskId, me.storeId, 'bench', me.publicKeyPem, new Date().toISOString()]);
}

/**
 * CPU time the main thread of process `pid` has used, in ms (Linux: /proc, in clock ticks of
 * 10 ms); null where there is no /proc.
 */
function mainThreadCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Where a head-office process keeps its data: a SQLite file, or a PostgreSQL database. */
type Target = { file: string } | { databaseUrl: string };

/** A head-office service process (`serve`, as in production) on `target`. */
async function startChild(target: Target, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'headoffice/cli.ts', 'serve', '--port', String(port), ...('file' in target ? ['--db', target.file] : []), ...extra], {
    cwd: APP_ROOT,
    env: 'databaseUrl' in target ? { ...env, DATABASE_URL: target.databaseUrl } : env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('head office child did not start in 30 s')), 30_000);
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && (clearTimeout(t), resolve()));
    child.on('exit', (code) => (clearTimeout(t), reject(new Error(`head office child exited with ${code}`))));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Stops a head-office process and waits until it has closed its store. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function rawPg(databaseUrl: string, payloads: Payload[], perBatch: number): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('CREATE TABLE r (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT, subject_id TEXT, payload_json TEXT, content_hash TEXT, created_at TEXT)');
    const t = performance.now();
    for (let i = 0; i < payloads.length; i += perBatch) {
      const part = payloads.slice(i, i + perBatch);
      const col = (k: keyof Payload) => part.map((p) => p[k]);
      await c.query('BEGIN');
      await c.query('INSERT INTO r (id, kind, subject_id, payload_json, content_hash, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])', [
        col('id'),
        col('kind'),
        col('subject_id'),
        col('payload_json'),
        col('content_hash'),
        col('created_at'),
      ]);
      await c.query('COMMIT');
    }
    return (performance.now() - t) / 1000;
  } finally {
    await c.end();
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-'));
  const rows: BenchRow[] = [];
  // Enrollment (a real one, so the kiosks hold head office's keys) against a throwaway store.
  const enrollStore = await openStore({ file: path.join(dir, 'enroll.db') });
  const enrollApp = buildServer(enrollStore, { ingestWorkers: 0 });
  const enrollUrl = await enrollApp.listen({ port: 0, host: '127.0.0.1' });
  const payloads: Payload[] = [];
  /** `count` enrolled kiosks with `each` finished interviews apiece, sealed into batches; `keep` collects the record rows as sent. */
  const makeKiosks = async (label: string, count: number, each: number, keep?: Payload[]): Promise<BenchKiosk[]> => {
    const made: BenchKiosk[] = [];
    for (let k = 0; k < count; k++) {
      const db = openDatabase({ file: path.join(dir, `kiosk-${label}${k}.db`), key: null });
      try {
        await enrollKiosk(db, enrollUrl, (await issueEnrollmentCode(enrollStore, `${label}${k + 1}`)).code);
        const me = getIdentity(db)!;
        for (let i = 0; i < each; i++) completeInterview(db, { packId: i % 3 ? 'cashier' : 'warehouse' });
        // The record rows as sent (interview records are built from their rows when sealed), for the bare-table insert below.
        for (const r of keep ? (db.prepare('SELECT id, kind, subject_id, payload, content_hash, created_at FROM outbox ORDER BY rowid').all() as OutboxRow[]) : []) {
          const { json, hash } = outboxContent(db, r);
          keep!.push({ id: r.id, kind: r.kind, subject_id: r.subject_id, payload_json: json, content_hash: hash, created_at: r.created_at });
        }
        sealBatches(db, me);
        made.push({ me, batches: pendingBatches(db) });
      } finally {
        db.close();
      }
    }
    return made;
  };
  progress(`making ${N} interviews on ${KIOSKS} kiosks, and ${W} on ${WARM_KIOSKS} more for warming up …`);
  const kiosks = await makeKiosks('B', KIOSKS, N / KIOSKS, payloads);
  const warmKiosks = await makeKiosks('W', WARM_KIOSKS, WARM_EACH);
  await enrollApp.close();
  await enrollStore.close();
  const batchCount = kiosks.reduce((a, k) => a + k.batches.length, 0);
  const bodyBytes = kiosks.reduce((a, k) => a + k.batches.reduce((x, b) => x + b.body.length, 0), 0);
  const perBatch = Math.ceil(payloads.length / batchCount);
  const wire = `${KIOSKS} kiosks, ${batchCount} signed gzip batches of ~${perBatch}, ${(bodyBytes / 1e6).toFixed(1)} MB on the wire`;

  /**
   * One ingest run into a fresh head office on `next()`, a service process of its own (as in
   * production; the bench process holds the kiosks' data, which head office's garbage collector
   * would otherwise walk too): the warm-up kiosks' interviews, untimed, then the measured ones.
   * Returns their seconds, how much of that time the service's main thread was on the CPU, the
   * store (open, the service stopped) and, with `snapshot`, the rows it held after the warm-up.
   */
  const ingestRun = async (next: () => Promise<Target>, mode: UploadJob['mode'], ingestWorkers?: number, snapshot = false) => {
    const target = await next();
    const store = await openStore(target);
    let child: ChildProcess | null = null;
    try {
      await knowKiosks(store, [...warmKiosks, ...kiosks]);
      const started = await startChild(target, ingestWorkers === undefined ? [] : ['--ingest-workers', String(ingestWorkers)]);
      child = started.child;
      await ingestAll(warmKiosks, [started.url], mode, W);
      const before = snapshot ? await rowsWrittenByIngest(store) : null;
      const cpu0 = mainThreadCpuMs(child.pid!);
      const sec = await ingestAll(kiosks, [started.url], mode, N);
      const cpu1 = mainThreadCpuMs(child.pid!);
      await stopChild(child);
      child = null;
      const atHo = (await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_interviews'))!.n;
      if (atHo !== W + N) throw new Error(`head office holds ${atHo} interviews, expected ${W + N}`);
      // What limits ingest once checking moved to the pool: the main thread (HTTP, SQL, folding).
      const cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      return { sec, store, before, busy: cpuMs === null ? null : cpuMs / 1000 / sec, mainUs: cpuMs === null ? null : (cpuMs * 1000) / N };
    } catch (e) {
      if (child) await stopChild(child);
      await store.close();
      throw e;
    }
  };
  const pool = `${defaultIngestWorkers()} ingest worker(s)`;
  /**
   * The three ingest setups and the storage limit, REPS rounds of each, interleaved (so a noisy
   * moment hits all alike), each ingest into a fresh head office; the median of each. The first
   * run of the pool setup keeps its store open: the storage limit rewrites its rows, in every
   * round right after that round's pool run, so each ratio compares two runs a moment apart.
   */
  const ingestMedians = async (next: () => Promise<Target>, label: string, limitRun: (kept: { store: HoStore; before: WrittenRows }, round: number) => Promise<number>) => {
    const runs = { seq: [] as number[], noPool: [] as number[], pool: [] as number[], limit: [] as number[] };
    /** The main thread's share of each run: on the CPU (fraction of the time) and µs of CPU per interview. */
    const main = { noPool: [] as { busy: number; us: number }[], pool: [] as { busy: number; us: number }[] };
    let kept: { store: HoStore; before: WrittenRows } | null = null;
    for (let r = 0; r < REPS; r++) {
      progress(`${label} ingest, round ${r + 1}/${REPS}: one upload at a time, kiosks at once without and with the pool, the storage limit …`);
      for (const [which, mode, workers] of [
        ['seq', 'one-at-a-time', undefined],
        ['noPool', 'kiosks-at-once', 0],
        ['pool', 'kiosks-at-once', undefined],
      ] as const) {
        const keep = which === 'pool' && !kept;
        const x = await ingestRun(next, mode, workers, keep);
        runs[which].push(x.sec);
        if (which !== 'seq' && x.busy !== null && x.mainUs !== null) main[which].push({ busy: x.busy, us: x.mainUs });
        if (keep) kept = { store: x.store, before: x.before! };
        else await x.store.close();
      }
      runs.limit.push(await limitRun(kept!, r));
    }
    const share = (xs: { busy: number; us: number }[]) => (xs.length === REPS ? { busy: median(xs.map((x) => x.busy)), us: median(xs.map((x) => x.us)) } : null);
    // Ingest rate over the storage limit's, round by round (seconds: limit over ingest).
    const ratios = runs.limit.map((l, i) => l / runs.pool[i]!);
    return {
      seq: median(runs.seq),
      noPool: median(runs.noPool),
      pool: median(runs.pool),
      limit: median(runs.limit),
      ratio: median(ratios),
      ratios,
      mainNoPool: share(main.noPool),
      mainPool: share(main.pool),
      ...kept!,
    };
  };
  type Medians = Awaited<ReturnType<typeof ingestMedians>>;
  const busy = (m: { busy: number; us: number } | null) =>
    m ? `main thread on the CPU ${(m.busy * 100).toFixed(0)}% of the time, ${m.us.toFixed(0)} µs per interview` : 'main thread CPU not measured (no /proc)';
  /** One engine's rows: its storage limit, the three ingest setups against it, and the bare-table comparator of earlier sessions. */
  const engineRows = (engine: string, m: Medians, limitNote: string, mainNote: string, bare: { sec: number; unit: string; note: string }): BenchRow[] => [
    { group: GROUP, metric: `storage limit, ${engine}`, value: N / m.limit, unit: 'interviews/s', note: `${limitNote}; median of ${REPS}` },
    { group: GROUP, metric: `ingest over HTTP, ${engine}, kiosks at once`, value: N / m.pool, unit: 'interviews/s', note: `median of ${REPS}; ${mainNote}; ${pool}; ${busy(m.mainPool)}` },
    {
      group: GROUP,
      metric: `ingest / storage limit, ${engine}`,
      value: m.ratio,
      unit: 'ratio',
      note: `median of the ${REPS} rounds' ratios (each ingest run against the limit run right after it): ${[...m.ratios]
        .sort((a, b) => a - b)
        .map((x) => x.toFixed(2))
        .join(', ')}; issue 17 target ≥ 0.5`,
    },
    { group: GROUP, metric: `ingest over HTTP, ${engine}, one upload at a time`, value: N / m.seq, unit: 'interviews/s', note: `ratio ${(m.limit / m.seq).toFixed(3)} to the storage limit` },
    {
      group: GROUP,
      metric: `ingest over HTTP, ${engine}, kiosks at once, no pool`,
      value: N / m.noPool,
      unit: 'interviews/s',
      note: `ratio ${(m.limit / m.noPool).toFixed(3)}; --ingest-workers 0; ${busy(m.mainNoPool)}`,
    },
    { group: GROUP, metric: `record rows into a bare table, ${engine}`, value: N / bare.sec, unit: bare.unit, note: bare.note },
    { group: GROUP, metric: `ingest / bare-table insert, ${engine}`, value: bare.sec / m.pool, unit: 'ratio', note: 'same run (the comparator of earlier sessions)' },
  ];

  // SQLite. Bare table: the record rows alone, one transaction per batch (like ingest).
  const raw = new Database(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE r (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT, subject_id TEXT, payload_json TEXT, content_hash TEXT, created_at TEXT) STRICT');
  const ins = raw.prepare('INSERT INTO r (id, kind, subject_id, payload_json, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i += perBatch) {
    raw.transaction(() => {
      for (const p of payloads.slice(i, i + perBatch)) ins.run(p.id, p.kind, p.subject_id, p.payload_json, p.content_hash, p.created_at);
    })();
  }
  const rawSec = (performance.now() - t0) / 1000;
  raw.close();
  let file = 0;
  let written: WrittenRows | null = null;
  const sq = await ingestMedians(
    async () => ({ file: path.join(dir, `ho${file++}.db`) }),
    'SQLite',
    async (kept, r) => rawSqliteSameRows(path.join(dir, `limit${r}.db`), (written ??= rowsAddedSince(kept.before, await rowsWrittenByIngest(kept.store))), batchCount, kept.before),
  );
  rows.push(
    ...engineRows('SQLite', sq, `the ${written!.total} rows ingest wrote, same schema, multi-row prepared inserts, ${batchCount} tx`, wire, {
      sec: rawSec,
      unit: 'rows/s',
      note: `one row per record, one unique index; ${batchCount} tx of ~${perBatch}`,
    }),
  );
  const store = sq.store;
  const app = buildServer(store, { ingestWorkers: 0 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    // PostgreSQL 15 (throwaway cluster on loopback, fsync off as in the tests).
    const cluster = await startPgCluster();
    const children: ChildProcess[] = [];
    try {
      progress('PostgreSQL bare-table insert …');
      const rawPgSec = await rawPg(await cluster.newDatabase(), payloads, perBatch);
      let pgWritten: WrittenRows | null = null;
      const pq = await ingestMedians(
        async () => ({ databaseUrl: await cluster.newDatabase() }),
        'PostgreSQL',
        async (kept) => rawPgSameRows(await cluster.newDatabase(), (pgWritten ??= rowsAddedSince(kept.before, await rowsWrittenByIngest(kept.store))), batchCount, kept.before),
      );
      await pq.store.close();
      rows.push(
        ...engineRows('PostgreSQL', pq, `the ${pgWritten!.total} rows ingest wrote, same schema, one unnest insert per table, ${batchCount} tx`, 'same batches', {
          sec: rawPgSec,
          unit: 'rows/s',
          note: `${batchCount} tx, one unnest insert each`,
        }),
      );
      // One vs two head-office processes on one PostgreSQL, the kiosks pushing at once either way.
      const scale: number[] = [];
      for (const instances of [1, 2]) {
        const db = await cluster.newDatabase();
        const s = await openStore({ databaseUrl: db });
        await knowKiosks(s, [...warmKiosks, ...kiosks]);
        await s.close();
        progress(`PostgreSQL ingest with ${instances} head-office process(es) …`);
        const started = await Promise.all(Array.from({ length: instances }, () => startChild({ databaseUrl: db })));
        children.push(...started.map((x) => x.child));
        const urls = started.map((x) => x.url);
        await ingestAll(warmKiosks, urls, 'kiosks-at-once', W);
        scale.push(N / (await ingestAll(kiosks, urls, 'kiosks-at-once', N)));
        for (const x of started) x.child.kill('SIGTERM');
      }
      rows.push(
        { group: GROUP, metric: 'ingest, 1 head-office process (PostgreSQL)', value: scale[0]!, unit: 'interviews/s', note: `${KIOSKS} kiosks at once; ${pool} per process` },
        {
          group: GROUP,
          metric: 'ingest, 2 head-office processes (PostgreSQL)',
          value: scale[1]!,
          unit: 'interviews/s',
          note: `${(scale[1]! / scale[0]!).toFixed(2)}× of 1; 2 cores shared with PostgreSQL and the kiosks`,
        },
      );
    } catch (e) {
      rows.push({ group: GROUP, metric: 'PostgreSQL part FAILED', value: String((e as Error).message).slice(0, 80), unit: '' });
    } finally {
      for (const c of children) c.kill('SIGKILL');
      cluster.stop();
    }

    // Feed streaming: an HR client pages through all 10,000 interviews; RSS sampled per page.
    const { token } = await issueToken(store, 'bench', ['feed:read']);
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let after = '0';
    let seen = 0;
    const t2 = performance.now();
    for (;;) {
      const res = await fetch(`${url}/v1/feed?after=${after}&limit=500&status=completed`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as { items: unknown[]; nextCursor: string; hasMore: boolean };
      seen += page.items.length;
      peak = Math.max(peak, process.memoryUsage().rss);
      after = page.nextCursor;
      if (!page.hasMore) break;
    }
    const feedSec = (performance.now() - t2) / 1000;
    if (seen !== W + N) throw new Error(`feed served ${seen} interviews, expected ${W + N}`);
    rows.push(
      { group: GROUP, metric: `feed stream ${(W + N) / 1000}k interviews`, value: (W + N) / feedSec, unit: 'interviews/s', note: 'pages of 500, server + client in one process' },
      { group: GROUP, metric: 'RSS while streaming feed (peak)', value: peak / 1e6, unit: 'MB', note: `start ${(rss0 / 1e6).toFixed(0)} MB, growth ${((peak - rss0) / 1e6).toFixed(1)} MB` },
    );
    return rows;
  } finally {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
