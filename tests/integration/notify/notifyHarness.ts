/**
 * Notify tests: a head office on 127.0.0.1 with an enrolled simulated kiosk (real encrypted
 * SQLite, records through the kiosk's own services), and a real local webhook receiver that can
 * answer 500, hang past the notifier's timeout, or answer normally — and records every request.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type { Db } from '../../../electron/services/db/openDatabase.js';
import { buildInterviewRecord } from '../../../electron/services/interview/interviewRecord.js';
import { storeScore } from '../../../electron/services/scoring/scoreInterview.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { nowIso, receiptCode as newReceiptCode, ulid } from '../../../core/ids.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { buildServer, type ServerOptions } from '../../../headoffice/server.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { openSimKiosk, type SimKiosk } from '../sync/harness.js';

export type Behaviour = 'ok' | '500' | 'hang' | '400';
export type Received = { headers: http.IncomingHttpHeaders; raw: string; body: Record<string, unknown>; answered: Behaviour };

export async function startReceiver(plan: (headers: http.IncomingHttpHeaders) => Behaviour, hangMs = 1500) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const b = plan(req.headers);
      got.push({ headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown>, answered: b });
      if (b === '500') res.writeHead(500).end('{"error":"gateway down"}');
      else if (b === '400') res.writeHead(400).end('{"error":"bad number"}');
      else if (b === 'hang') setTimeout(() => res.writeHead(200).end('{"ok":true,"late":true}'), hangMs);
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The receiver-side check from docs/notify.md. */
export function verifySignature(secret: string, header: string, raw: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const want = crypto.createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest();
  return crypto.timingSafeEqual(want, Buffer.from(m[2]!, 'hex'));
}

export async function startHo(store: HoStore, opts: ServerOptions = {}) {
  const app = buildServer(store, opts);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`, close: () => app.close() };
}

export async function enrolledKiosk(store: HoStore, hoUrl: string, storeId: string): Promise<SimKiosk & { sync(): Promise<void> }> {
  const k = openSimKiosk();
  await enrollKiosk(k.db, hoUrl, (await issueEnrollmentCode(store, storeId)).code);
  return {
    ...k,
    async sync() {
      const r = await syncNow(k.db, path.join(k.dir, 'data'), { maxAttempts: 1 });
      if (!r.ok) throw new Error(`sync failed: ${r.error}`);
    },
  };
}

const HASH = 'c'.repeat(64);

/** A finished, scored interview with a receipt code and feedback, as the interview service leaves it. */
export function finishedInterview(db: Db, opts: { lang?: 'zh-CN' | 'en'; mobile?: string; name?: string; packId?: string } = {}) {
  const applicantId = ulid();
  const interviewId = ulid();
  const receiptCode = newReceiptCode(); // as the kiosk writes it: ABCD-EFGH-JKMN
  const mobile = opts.mobile ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const packId = opts.packId ?? 'cashier';
  const now = nowIso();
  db.transaction(() => {
    db.prepare(`INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, '1.0.0', '{}', ?)`).run(HASH, packId, now);
    db.prepare(
      `INSERT INTO applicants (id, name, mobile, availability_json, industries_json, expected_wage_yuan, earliest_start, created_at) VALUES (?, ?, ?, '["sat-morning"]', '["retail"]', 25, '2026-12-01', ?)`,
    ).run(applicantId, opts.name ?? '王小明', mobile, now);
    db.prepare(
      `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, receipt_code, started_at, updated_at, finished_at)
       VALUES (?, ?, ?, '1.0.0', ?, ?, 'finished', 1, 'n1', ?, ?, ?, ?)`,
    ).run(interviewId, applicantId, packId, HASH, opts.lang ?? 'zh-CN', receiptCode, now, now, now);
    db.prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES (?, ?, 'q1', 1, 'typed', ?, 1200, ?)`).run(
      ulid(),
      interviewId,
      'SECRET-ANSWER 我在超市做过收银，每天处理三百多单。',
      now,
    );
    storeScore(db, interviewId, {
      status: 'scored',
      modelVersion: `${packId}@1.0.0`,
      createdAt: now,
      feedback: {
        strengths: [{ 'zh-CN': '您清楚地说明了如何处理排队的顾客。', en: 'You explained clearly how you handle a queue of customers.' }],
        suggestions: [{ 'zh-CN': '可以多举一个具体的例子。', en: 'Give one more concrete example.' }],
        skills: [],
        note: null,
      },
      result: {
        modelVersion: `${packId}@1.0.0`,
        weightsHash: 'b'.repeat(64),
        packId,
        packVersion: '1.0.0',
        policy: { useSpeechDelivery: false, useFaceSignals: false, useExpressionSignals: false },
        competencies: [],
        answers: [],
        overall: 87,
        overallContributions: [],
        band: 'recommend',
        thresholds: { recommendAt: 70, borderlineAt: 50 },
      },
    });
    enqueueOutbox(db, 'interview.completed', interviewId, buildInterviewRecord(db, interviewId));
  })();
  return { applicantId, interviewId, receiptCode, mobile };
}

export const latestDecisionId = (db: Db, interviewId: string) =>
  (db.prepare('SELECT id FROM decisions WHERE interview_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1').get(interviewId) as { id: string }).id;
