/**
 * Chain-scale load (issue 17, item 3), bounded and loopback only: 2,000 simulated kiosks each
 * send one day's batch (20 interviews) to one head office on 127.0.0.1 backed by a throwaway
 * PostgreSQL 15, spread over a window of WINDOW_S seconds (a day's hour compressed), at most
 * MAX_IN_FLIGHT uploads at once, while an HR client pulls the feed. Kiosks are identities
 * (Ed25519 keys, enrolled rows), and their batches real signed gzip bodies built from one real
 * kiosk's records with fresh ids. Reports ingest latency p50/p99, errors, RSS, database size and
 * the feed. Stops sending after DEADLINE_S and reports what was reached.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/services/db/openDatabase.js';
import { batchIdFor, encodeBatchBody, generateSigningKeyPair, recordContentHash, signBatch, type SyncRecord } from '../core/sync/protocol.js';
import { postBatch } from '../electron/services/sync/transport.js';
import { outboxContent } from '../electron/services/sync/outbox.js';
import { ulid } from '../core/ids.js';
import { issueToken } from '../headoffice/admin.js';
import { buildServer } from '../headoffice/server.js';
import { openStore } from '../headoffice/store/openStore.js';
import { completeInterview, startPgCluster } from '../tests/integration/sync/harness.js';
import type { BenchRow } from './run.js';
import { median, quantile } from './stats.js';

const KIOSKS = 2000;
const PER_KIOSK = 20;
const WINDOW_S = 60;
const MAX_IN_FLIGHT = 32;
const DEADLINE_S = 300;
const GROUP = 'chain scale (2,000 kiosks, PostgreSQL)';
const ULID_RE = /[0-9A-HJKMNP-TV-Z]{26}/g;
type Row = { id: string; kind: string; subject_id: string; payload_json: string; created_at: string };
type StoredRow = { id: string; kind: string; subject_id: string; payload: Buffer | null; content_hash: string | null; created_at: string };

export async function run(): Promise<BenchRow[]> {
  process.env.KIOSK_LOG_LEVEL = 'error';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chain-'));
  const cluster = await startPgCluster();
  const rows: BenchRow[] = [];
  try {
    // One real kiosk's day: 20 finished interviews as the kiosk's own builders write them.
    const template = openDatabase({ file: path.join(dir, 'k.db'), key: null });
    for (let i = 0; i < PER_KIOSK; i++) completeInterview(template, { packId: i % 2 ? 'cashier' : 'warehouse' });
    // Each record as it would be sent (interview records are built from their rows when sealed).
    const day = (template.prepare('SELECT id, kind, subject_id, payload, content_hash, created_at FROM outbox ORDER BY rowid').all() as StoredRow[]).map((r): Row => ({
      id: r.id,
      kind: r.kind,
      subject_id: r.subject_id,
      payload_json: outboxContent(template, r).json,
      created_at: r.created_at,
    }));
    template.close();
    const dayText = JSON.stringify(day);

    const databaseUrl = await cluster.newDatabase();
    const store = await openStore({ databaseUrl });
    const kiosks = Array.from({ length: KIOSKS }, (_, k) => ({ kioskId: `k_sim${String(k).padStart(5, '0')}`, storeId: `S${String(k).padStart(4, '0')}`, ...generateSigningKeyPair() }));
    for (let i = 0; i < kiosks.length; i += 200) {
      const part = kiosks.slice(i, i + 200);
      await store.run(
        `INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((k) => [k.kioskId, k.storeId, 'sim', k.publicKeyPem, new Date().toISOString()]),
      );
    }
    const app = buildServer(store);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const { token } = await issueToken(store, 'bench-hr', ['feed:read']);

    /** Kiosk k's day with fresh ids (every ULID in the template replaced consistently). */
    const batchOf = (k: number) => {
      const me = kiosks[k]!;
      const fresh = new Map<string, string>();
      const recs = (JSON.parse(dayText.replace(ULID_RE, (m) => fresh.get(m) ?? (fresh.set(m, ulid()), fresh.get(m)!))) as Row[]).map((r): SyncRecord => {
        const payload = JSON.parse(r.payload_json) as Record<string, unknown>;
        return { id: r.id, kind: r.kind, subjectId: r.subject_id, payload, contentHash: recordContentHash(r.kind, payload), createdAt: r.created_at } as SyncRecord;
      });
      const id = batchIdFor(me.kioskId, recs);
      const body = encodeBatchBody({ v: 1, kioskId: me.kioskId, batchId: id, seq: 1, records: recs });
      return { me: { ...me, headOfficeUrl: url, headOfficeKeyPem: '', enrolledAt: '' }, batch: { id, body, signature: signBatch(me.privateKeyPem, me.kioskId, id, body) } };
    };

    const latencies: number[] = [];
    let errors = 0;
    let firstError = '';
    let peakRss = process.memoryUsage().rss;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const start = performance.now();
    const offsets = kiosks.map(() => Math.random() * WINDOW_S * 1000).sort((a, b) => a - b);
    let sent = 0;
    let done = false;
    // The HR client pulls the feed the whole time, from where it got to.
    const feed = (async () => {
      let after = '0';
      let seen = 0;
      let pages = 0;
      while (performance.now() - start < DEADLINE_S * 1000) {
        const res = await fetch(`${url}/v1/feed?after=${after}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
        const page = (await res.json()) as { items: unknown[]; nextCursor: string; hasMore: boolean };
        seen += page.items.length;
        pages++;
        after = page.nextCursor;
        if (!page.hasMore) {
          if (done) break;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      return { seen, pages, lagMs: performance.now() - start };
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: MAX_IN_FLIGHT }, async () => {
        while (next < KIOSKS && performance.now() - start < DEADLINE_S * 1000) {
          const k = next++;
          const wait = offsets[k]! - (performance.now() - start);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const { me, batch } = batchOf(k);
          const t = performance.now();
          const r = await postBatch(me, batch, 120_000);
          latencies.push(performance.now() - t);
          sent++;
          if (!r.ok || r.value.accepted !== day.length) {
            errors++;
            firstError ||= r.ok ? `accepted ${r.value.accepted}/${day.length}` : r.message.slice(0, 60);
          }
        }
      }),
    );
    const sendSec = (performance.now() - start) / 1000;
    done = true;
    const hr = await feed;
    clearInterval(rssTimer);
    const interviews = (await store.get<{ n: number }>('SELECT count(*) AS n FROM ho_interviews'))!.n;
    const dbBytes = (await store.get<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))!.n;
    await app.close();
    await store.close();
    rows.push(
      {
        group: GROUP,
        metric: 'batches sent (1 per kiosk, 20 interviews each)',
        value: sent,
        unit: 'batches',
        note: `${KIOSKS} kiosks over a ${WINDOW_S} s window, ≤ ${MAX_IN_FLIGHT} in flight; took ${sendSec.toFixed(0)} s`,
      },
      { group: GROUP, metric: 'ingest latency p50', value: median(latencies), unit: 'ms', note: 'request → ack, one batch of 20 interviews' },
      { group: GROUP, metric: 'ingest latency p99', value: quantile(latencies, 0.99), unit: 'ms' },
      { group: GROUP, metric: 'errors', value: errors, unit: 'batches', note: firstError || 'none' },
      { group: GROUP, metric: 'interviews at head office', value: interviews, unit: 'interviews', note: `expected ${sent * PER_KIOSK}; ${(interviews / sendSec).toFixed(0)}/s over the run` },
      {
        group: GROUP,
        metric: 'PostgreSQL database size',
        value: dbBytes / (1024 * 1024),
        unit: 'MiB',
        note: `${(dbBytes / 1024 / Math.max(1, interviews)).toFixed(1)} KiB per interview incl. indexes`,
      },
      { group: GROUP, metric: 'RSS peak (server + kiosks + HR client)', value: peakRss / 1e6, unit: 'MB', note: 'one process' },
      {
        group: GROUP,
        metric: 'HR feed pulled concurrently',
        value: hr.seen,
        unit: 'records',
        note: `${hr.pages} pages of ≤ 1000; caught up ${(hr.lagMs / 1000 - sendSec).toFixed(1)} s after the last upload`,
      },
    );
  } finally {
    cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
