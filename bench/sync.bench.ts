/**
 * Sync bench: head-office ingest rate (interviews/s, end to end over HTTP on 127.0.0.1:
 * signature check, gunzip, idempotency checks, folding) next to the storage limit measured in
 * the same run — the rows that ingest wrote, written again into the same schema by plain
 * multi-row inserts (SQLite) or unnest inserts (PostgreSQL), one transaction per batch
 * (storageLimit.ts) — and, for comparison with earlier sessions, the record rows alone into a
 * bare one-index table. Then ingest with one
 * vs two head-office processes on one PostgreSQL, then RSS while an HR client streams 10,000
 * interviews through the feed.
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
import { postBatch } from '../electron/services/sync/transport.js';
import { APP_ROOT } from '../electron/services/app/config.js';
import { issueEnrollmentCode, issueToken } from '../headoffice/admin.js';
import { buildServer } from '../headoffice/server.js';
import { openStore } from '../headoffice/store/openStore.js';
import type { HoStore } from '../headoffice/store/types.js';
import { completeInterview, freePort, startPgCluster } from '../tests/integration/sync/harness.js';
import type { BenchRow } from './run.js';
import { rawPgSameRows, rawSqliteSameRows, rowsWrittenByIngest } from './storageLimit.js';

const N = 10_000;
const GROUP = 'sync';
const progress = (s: string) => process.stderr.write(`bench sync: ${s}\n`);
type Payload = { id: string; kind: string; subject_id: string; payload_json: string; content_hash: string; created_at: string };

/** Posts every batch, `concurrency` at a time, to the given head-office URLs in turn; returns seconds. */
async function ingestAll(me: SyncIdentity, urls: string[], batches: SealedBatch[], concurrency = 1): Promise<number> {
  const t = performance.now();
  let next = 0;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const i = next++;
        const r = await postBatch({ ...me, headOfficeUrl: urls[i % urls.length]! }, batches[i]!, 180_000); // a loaded machine is slow, not broken
        if (!r.ok) throw new Error(`batch ${batches[i]!.seq} refused: ${r.message}`);
        accepted += r.value.accepted;
      }
    }),
  );
  if (accepted !== N) throw new Error(`ingest accepted ${accepted}/${N}`);
  return (performance.now() - t) / 1000;
}

/** A head office that already knows this kiosk (same id and key), as after enrollment. */
async function knowKiosk(store: HoStore, me: SyncIdentity): Promise<void> {
  await store.run('INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES (?, ?, ?, ?, ?)', [me.kioskId, me.storeId, 'bench', me.publicKeyPem, new Date().toISOString()]);
}

async function startChild(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'headoffice/cli.ts', 'serve', '--port', String(port)], {
    cwd: APP_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, KIOSK_LOG_LEVEL: 'error' },
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
  const store = await openStore({ file: path.join(dir, 'ho.db') });
  const app = buildServer(store);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const kiosk = openDatabase({ file: path.join(dir, 'kiosk.db'), key: null });
  try {
    await enrollKiosk(kiosk, url, (await issueEnrollmentCode(store, 'B1')).code);
    const me = getIdentity(kiosk)!;
    progress(`making ${N} interviews on a kiosk …`);
    for (let i = 0; i < N; i++) completeInterview(kiosk, { packId: i % 3 ? 'cashier' : 'warehouse' });
    // The record rows as sent (interview records are built from their rows when sealed), for the raw insert below.
    const payloads = (kiosk.prepare('SELECT id, kind, subject_id, payload, content_hash, created_at FROM outbox ORDER BY rowid').all() as OutboxRow[]).map((r): Payload => {
      const { json, hash } = outboxContent(kiosk, r);
      return { id: r.id, kind: r.kind, subject_id: r.subject_id, payload_json: json, content_hash: hash, created_at: r.created_at };
    });
    sealBatches(kiosk, me);
    const batches = pendingBatches(kiosk);
    const bodyBytes = batches.reduce((a, b) => a + b.body.length, 0);

    const perBatch = Math.ceil(payloads.length / batches.length);
    const wire = `${batches.length} signed gzip batches of ~${perBatch}, ${(bodyBytes / 1e6).toFixed(1)} MB on the wire`;

    // SQLite. Raw: the same record rows into a plain table, one transaction per batch (like ingest).
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
    progress('SQLite raw insert done; ingest …');
    // Ingest: batches sent one after another, as one kiosk's push does.
    const ingestSec = await ingestAll(me, [url], batches);
    const atHo = (await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_interviews'))!.n;
    if (atHo !== N) throw new Error(`head office holds ${atHo} interviews, expected ${N}`);
    progress('SQLite: the same rows into the same tables …');
    const written = await rowsWrittenByIngest(store);
    const limitSec = await rawSqliteSameRows(path.join(dir, 'limit.db'), written, batches.length);
    rows.push(
      { group: GROUP, metric: 'head-office ingest over HTTP, SQLite', value: N / ingestSec, unit: 'interviews/s', note: wire },
      {
        group: GROUP,
        metric: 'storage limit, SQLite',
        value: N / limitSec,
        unit: 'interviews/s',
        note: `the ${written.total} rows ingest wrote, same schema, multi-row prepared inserts, ${batches.length} tx`,
      },
      { group: GROUP, metric: 'ingest / storage limit, SQLite', value: limitSec / ingestSec, unit: 'ratio', note: 'same run (issue 17 target ≥ 0.5)' },
      { group: GROUP, metric: 'record rows into a bare table, SQLite', value: N / rawSec, unit: 'rows/s', note: `one row per record, one unique index; ${batches.length} tx of ~${perBatch}` },
      { group: GROUP, metric: 'ingest / bare-table insert, SQLite', value: rawSec / ingestSec, unit: 'ratio', note: 'same run (the comparator of earlier sessions)' },
    );

    // PostgreSQL 15 (throwaway cluster on loopback, fsync off as in the tests).
    const cluster = await startPgCluster();
    const children: ChildProcess[] = [];
    try {
      progress('PostgreSQL raw insert …');
      const rawPgSec = await rawPg(await cluster.newDatabase(), payloads, perBatch);
      const pgUrl = await cluster.newDatabase();
      const pgStore = await openStore({ databaseUrl: pgUrl });
      await knowKiosk(pgStore, me);
      const pgApp = buildServer(pgStore);
      const pgHttp = await pgApp.listen({ port: 0, host: '127.0.0.1' });
      progress('PostgreSQL ingest …');
      const pgSec = await ingestAll(me, [pgHttp], batches);
      await pgApp.close();
      progress('PostgreSQL: the same rows into the same tables …');
      const pgWritten = await rowsWrittenByIngest(pgStore);
      await pgStore.close();
      const pgLimitSec = await rawPgSameRows(await cluster.newDatabase(), pgWritten, batches.length);
      rows.push(
        { group: GROUP, metric: 'head-office ingest over HTTP, PostgreSQL', value: N / pgSec, unit: 'interviews/s', note: 'same batches, in-process server' },
        {
          group: GROUP,
          metric: 'storage limit, PostgreSQL',
          value: N / pgLimitSec,
          unit: 'interviews/s',
          note: `the ${pgWritten.total} rows ingest wrote, same schema, one unnest insert per table, ${batches.length} tx`,
        },
        { group: GROUP, metric: 'ingest / storage limit, PostgreSQL', value: pgLimitSec / pgSec, unit: 'ratio', note: 'same run (issue 17 target ≥ 0.5)' },
        { group: GROUP, metric: 'record rows into a bare table, PostgreSQL', value: N / rawPgSec, unit: 'rows/s', note: `${batches.length} tx, one unnest insert each` },
        { group: GROUP, metric: 'ingest / bare-table insert, PostgreSQL', value: rawPgSec / pgSec, unit: 'ratio', note: 'same run (the comparator of earlier sessions)' },
      );
      // One vs two head-office processes on one PostgreSQL, 4 uploads in flight either way.
      const scale: number[] = [];
      for (const instances of [1, 2]) {
        const db = await cluster.newDatabase();
        const s = await openStore({ databaseUrl: db });
        await knowKiosk(s, me);
        await s.close();
        progress(`PostgreSQL ingest with ${instances} head-office process(es) …`);
        const started = await Promise.all(Array.from({ length: instances }, () => startChild(db)));
        children.push(...started.map((x) => x.child));
        scale.push(
          N /
            (await ingestAll(
              me,
              started.map((x) => x.url),
              batches,
              4,
            )),
        );
        for (const x of started) x.child.kill('SIGTERM');
      }
      rows.push(
        { group: GROUP, metric: 'ingest, 1 head-office process (PostgreSQL)', value: scale[0]!, unit: 'interviews/s', note: '4 uploads in flight' },
        {
          group: GROUP,
          metric: 'ingest, 2 head-office processes (PostgreSQL)',
          value: scale[1]!,
          unit: 'interviews/s',
          note: `${(scale[1]! / scale[0]!).toFixed(2)}× of 1; 2 cores shared with PostgreSQL and the client`,
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
    if (seen !== N) throw new Error(`feed served ${seen} interviews, expected ${N}`);
    rows.push(
      { group: GROUP, metric: 'feed stream 10k interviews', value: N / feedSec, unit: 'interviews/s', note: 'pages of 500, server + client in one process' },
      { group: GROUP, metric: 'RSS while streaming feed (peak)', value: peak / 1e6, unit: 'MB', note: `start ${(rss0 / 1e6).toFixed(0)} MB, growth ${((peak - rss0) / 1e6).toFixed(1)} MB` },
    );
    return rows;
  } finally {
    kiosk.close();
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
