/**
 * Test harness for sync: simulated kiosks (real encrypted SQLite files with real migrations;
 * records built by the kiosk's own builders and services and written by enqueueOutbox inside
 * the same transaction as the change), a real
 * head office on 127.0.0.1 port 0, a throwaway PostgreSQL cluster, and a fault-injecting proxy.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { decide as decideAsManager } from '../../../electron/services/manager/decisions.js';
import { deleteApplicant as deleteOnRequest } from '../../../electron/services/manager/deletion.js';
import { assignShift, saveShift } from '../../../electron/services/manager/shifts.js';
import { storeScore, type StoredScore } from '../../../electron/services/scoring/scoreInterview.js';
import { enqueueBuiltRecord, enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { getIdentity, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { DAYS } from '../../../core/packs/packSchema.js';
import { nowIso, ulid } from '../../../core/ids.js';
import { buildServer } from '../../../headoffice/server.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';

const made: string[] = [];
/** Call in afterAll (after closing databases): removes every temp dir this harness made. */
export const cleanupTempDirs = () => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
};
export const tempDir = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
};

// ---- kiosks -------------------------------------------------------------------------------

export type SimKiosk = { db: Db; dir: string; dataDir: string; close(): void };

export function openSimKiosk(dir = tempDir('kiosk-')): SimKiosk {
  const db = openDatabase({ file: path.join(dir, 'kiosk.db'), key: crypto.randomBytes(32).toString('hex') });
  return { db, dir, dataDir: path.join(dir, 'data'), close: () => db.close() };
}

/** A new simulated kiosk enrolled at the head office listening on `url` (its store's code issued on `store`). */
export async function enrollSimKiosk(store: HoStore, url: string, storeId: string): Promise<{ k: SimKiosk; me: SyncIdentity }> {
  const k = openSimKiosk();
  await enrollKiosk(k.db, url, (await issueEnrollmentCode(store, storeId)).code);
  return { k, me: getIdentity(k.db)! };
}

/** Queues on `db` a well-formed `decision.made` (fail) about `interviewId`, as a kiosk that does not own it would send. */
export const enqueueForeignDecision = (db: Db, interviewId: string): string =>
  enqueueOutbox(db, 'decision.made', interviewId, {
    v: 1,
    decisionId: ulid(),
    interviewId,
    decision: 'fail',
    recommendation: null,
    isOverride: false,
    reason: null,
    decidedBy: 'h',
    decidedAt: nowIso(),
  });

const NAMES = ['王小明', '李娜', 'Chen Jie', '赵敏', 'Liu Yang', '孙丽'];
const PACK_HASH = 'a'.repeat(64);
const MANAGER = 'harness-manager';

/** A score result as the scoring service stores it (the shape of ScoreResult + feedback). */
function scoreOf(packId: string, overall: number, band: 'recommend' | 'borderline' | 'not_recommended'): StoredScore {
  return {
    status: 'scored',
    modelVersion: `${packId}@1.0.0`,
    createdAt: nowIso(),
    feedback: { strengths: [], suggestions: [], skills: [], note: null },
    result: {
      modelVersion: `${packId}@1.0.0`,
      weightsHash: 'b'.repeat(64),
      packId,
      packVersion: '1.0.0',
      policy: { useSpeechDelivery: false, useFaceSignals: false, useExpressionSignals: false },
      competencies: [],
      answers: [],
      overall,
      overallContributions: [],
      band,
      thresholds: { recommendAt: 70, borderlineAt: 50 },
    },
  };
}

/**
 * One finished interview as the interview service leaves it: applicant, interview, answer and
 * score rows, then the interview.completed record queued as the service queues it
 * (enqueueBuiltRecord: built and validated now, built again from these rows when sealed), all in
 * one transaction. Returns the ids.
 */
export function completeInterview(db: Db, opts: { packId?: string; band?: 'recommend' | 'borderline' | 'not_recommended'; overall?: number | null; name?: string; poolConsent?: boolean } = {}) {
  const applicantId = ulid();
  const interviewId = ulid();
  const name = opts.name ?? NAMES[Math.floor(Math.random() * NAMES.length)]!;
  const mobile = `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const packId = opts.packId ?? 'cashier';
  const now = nowIso();
  db.transaction(() => {
    db.prepare(`INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, '1.0.0', '{}', ?)`).run(PACK_HASH, packId, now);
    db.prepare(
      `INSERT INTO applicants (id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start, created_at)
       VALUES (?, ?, ?, '["sat-morning"]', '["retail"]', 25, '2026-12-01', ?)`,
    ).run(applicantId, name, mobile, now);
    db.prepare(
      `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, pool_consent, notice_version, started_at, updated_at, finished_at)
       VALUES (?, ?, ?, '1.0.0', ?, 'zh-CN', 'finished', 1, ?, 'n1', ?, ?, ?)`,
    ).run(interviewId, applicantId, packId, PACK_HASH, opts.poolConsent ? 1 : 0, now, now, now);
    db.prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES (?, ?, 'q1', 1, 'typed', ?, 1200, ?)`).run(
      ulid(),
      interviewId,
      '我在超市做过收银，每天处理三百多单。',
      now,
    );
    const overall = opts.overall === undefined ? Math.round(30 + Math.random() * 65) : opts.overall;
    if (overall !== null) storeScore(db, interviewId, scoreOf(packId, overall, opts.band ?? (overall >= 70 ? 'recommend' : overall >= 50 ? 'borderline' : 'not_recommended')));
    enqueueBuiltRecord(db, 'interview.completed', interviewId);
  })();
  return { applicantId, interviewId, name, mobile };
}

/**
 * The manager's decision through the console's own code (manager/decisions.ts: decision row,
 * audit entry, decision.made record). `shift` also schedules a pass on a new shift (the console's
 * saveShift + assignShift, which send shift.assigned): "sat-am" → a Saturday morning shift.
 */
export function decide(db: Db, interviewId: string, decision: 'pass' | 'hold' | 'fail', opts: { shift?: string } = {}): void {
  const now = new Date();
  decideAsManager(db, MANAGER, { interviewId, decision, reason: 'decided in a test' }, now);
  if (!opts.shift) return;
  const day = DAYS.find((d) => opts.shift!.startsWith(d)) ?? 'sat';
  const [start, end] = opts.shift.endsWith('pm') ? ['13:00', '18:00'] : ['08:00', '12:00'];
  const shift = saveShift(db, MANAGER, { day, start, end, role: opts.shift, packId: null, headcount: 1, note: null }, now);
  assignShift(db, MANAGER, { interviewId, shiftId: shift.id, startDate: '2026-12-05' }, now);
}

/**
 * Deletion on request through the console's own code (manager/deletion.ts): the person's rows
 * go, unsent records about them are dropped, and the tombstone goes to the outbox.
 */
export function deleteApplicant(db: Db, applicantId: string): void {
  const iv = db.prepare('SELECT id FROM interviews WHERE applicant_id = ? ORDER BY started_at DESC LIMIT 1').get(applicantId) as { id: string } | undefined;
  if (!iv) throw new Error(`harness: applicant ${applicantId} has no interview on this kiosk`);
  deleteOnRequest(db, MANAGER, iv.id, 'deletion on request (test)', new Date());
}

export const outboxCounts = (db: Db) => db.prepare('SELECT count(*) AS total, SUM(acked_at IS NOT NULL) AS acked FROM outbox').get() as { total: number; acked: number | null };

// ---- head office --------------------------------------------------------------------------

export type HoKind = 'sqlite' | 'pg';
export type RunningHo = { store: HoStore; url: string; port: number; close(): Promise<void> };

export async function listenHo(store: HoStore, port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const app = buildServer(store);
  await app.listen({ port, host: '127.0.0.1' });
  const addr = app.server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${addr.port}`, port: addr.port, close: () => app.close() };
}

// ---- PostgreSQL ---------------------------------------------------------------------------

const PG_BIN = '/usr/lib/postgresql/15/bin';

export type PgCluster = { host: string; port: number; dir: string; newDatabase(): Promise<string>; stop(): void };

/**
 * Starts a throwaway PostgreSQL 15 cluster (Debian package) in a temp dir on a free port, as
 * the postgres user (initdb refuses root). Throws — never skips — when it cannot start.
 */
export async function startPgCluster(): Promise<PgCluster> {
  if (!fs.existsSync(`${PG_BIN}/initdb`)) throw new Error(`PostgreSQL is not installed (${PG_BIN}/initdb missing): apt-get install -y postgresql`);
  const dir = tempDir('pg-');
  fs.chmodSync(dir, 0o755);
  const asPg = (cmd: string, args: string[]) => {
    if (process.getuid?.() === 0) return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    return execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  asPg(`${PG_BIN}/initdb`, ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  asPg(`${PG_BIN}/pg_ctl`, ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`, 'start']);
  const { default: pg } = await import('pg');
  let n = 0;
  return {
    host: '127.0.0.1',
    port,
    dir,
    async newDatabase() {
      const name = `ho_test_${process.pid}_${++n}`;
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        asPg(`${PG_BIN}/pg_ctl`, ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** Opens a fresh head-office store of the given kind (a new SQLite file or a new PG database). */
export async function freshStore(kind: HoKind, pgCluster: PgCluster | null): Promise<HoStore> {
  if (kind === 'pg') {
    if (!pgCluster) throw new Error('PostgreSQL suite without a running cluster');
    return openStore({ databaseUrl: await pgCluster.newDatabase() });
  }
  return openStore({ file: path.join(tempDir('ho-'), 'headoffice.db') });
}

// ---- fault-injecting proxy ----------------------------------------------------------------

export type Fault = 'pass' | 'status500' | 'dropRequest' | 'dropResponse' | 'truncate' | 'duplicate';

/**
 * Sits between a kiosk and head office. `next()` picks the fault for each request (default
 * pass). dropResponse forwards the request and then kills the connection before the kiosk
 * sees the answer: the classic "ingested but the ack was lost".
 */
export async function startFaultProxy(target: () => string, next: (req: http.IncomingMessage) => Fault) {
  const log: { url: string; fault: Fault; status: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const fault = next(req);
        if (fault === 'status500') {
          log.push({ url: req.url!, fault, status: 500 });
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"INTERNAL","message":"injected"}');
          return;
        }
        if (fault === 'dropRequest') {
          log.push({ url: req.url!, fault, status: 0 });
          req.socket.destroy();
          return;
        }
        const forward = async (b: Buffer) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers[k] = v;
          try {
            return await fetch(target() + req.url, { method: req.method, headers, ...(req.method === 'GET' ? {} : { body: new Uint8Array(b) }) });
          } catch {
            return null;
          }
        };
        const sent = fault === 'truncate' ? body.subarray(0, Math.floor(body.length / 2)) : body;
        let r = await forward(sent);
        if (fault === 'duplicate') r = await forward(sent);
        if (!r) {
          log.push({ url: req.url!, fault, status: 0 });
          req.socket.destroy();
          return;
        }
        const text = await r.text();
        log.push({ url: req.url!, fault, status: r.status });
        if (fault === 'dropResponse') {
          req.socket.destroy();
          return;
        }
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(text);
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
