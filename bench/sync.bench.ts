/**
 * Sync bench: head-office ingest rate (interviews/s, end to end over HTTP on 127.0.0.1:
 * signature check, gunzip, idempotency checks, folding) next to the raw SQLite insert rate of
 * the same rows measured in the same run; then RSS while an HR client streams 10,000
 * interviews through the feed.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/services/db/openDatabase.js';
import { pendingBatches, sealBatches } from '../electron/services/sync/batches.js';
import { enrollKiosk } from '../electron/services/sync/enroll.js';
import { pushPending } from '../electron/services/sync/push.js';
import { getIdentity } from '../electron/services/sync/state.js';
import { issueEnrollmentCode, issueToken } from '../headoffice/admin.js';
import { buildServer } from '../headoffice/server.js';
import { openStore } from '../headoffice/store/openStore.js';
import { completeInterview } from '../tests/integration/sync/harness.js';
import type { BenchRow } from './run.js';

const N = 10_000;
const GROUP = 'sync';

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
    for (let i = 0; i < N; i++) completeInterview(kiosk, { packId: i % 3 ? 'cashier' : 'warehouse' });
    sealBatches(kiosk, me);
    const batches = pendingBatches(kiosk);
    const bodyBytes = batches.reduce((a, b) => a + b.body.length, 0);

    // Raw insert rate: the same record rows into a plain table, one transaction per batch (like ingest).
    const payloads = kiosk.prepare('SELECT id, kind, subject_id, payload_json, content_hash, created_at FROM outbox ORDER BY rowid').all() as Record<string, string>[];
    const raw = new Database(path.join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE r (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT, subject_id TEXT, payload_json TEXT, content_hash TEXT, created_at TEXT) STRICT');
    const ins = raw.prepare('INSERT INTO r (id, kind, subject_id, payload_json, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const perBatch = Math.ceil(payloads.length / batches.length);
    const t0 = performance.now();
    for (let i = 0; i < payloads.length; i += perBatch) {
      raw.transaction(() => {
        for (const p of payloads.slice(i, i + perBatch)) ins.run(p.id, p.kind, p.subject_id, p.payload_json, p.content_hash, p.created_at);
      })();
    }
    const rawSec = (performance.now() - t0) / 1000;
    raw.close();

    const t1 = performance.now();
    const pushed = await pushPending(kiosk, me, { maxAttempts: 1 });
    const ingestSec = (performance.now() - t1) / 1000;
    if (!pushed.ok || pushed.ackedRecords !== N) throw new Error(`ingest incomplete: ${pushed.ackedRecords}/${N} (${pushed.error})`);
    const atHo = (await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_interviews'))!.n;
    if (atHo !== N) throw new Error(`head office holds ${atHo} interviews, expected ${N}`);
    rows.push(
      { group: GROUP, metric: 'raw SQLite insert (same rows)', value: N / rawSec, unit: 'rows/s', note: `${batches.length} tx of ~${perBatch}` },
      { group: GROUP, metric: 'head-office ingest over HTTP', value: N / ingestSec, unit: 'interviews/s', note: `${batches.length} signed gzip batches, ${(bodyBytes / 1e6).toFixed(1)} MB on the wire` },
      { group: GROUP, metric: 'ingest / raw insert', value: rawSec / ingestSec, unit: 'ratio', note: 'same run' },
    );

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
