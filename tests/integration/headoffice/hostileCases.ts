/**
 * Hostile kiosks and clients against head office (issue 13), run inside the fault suite so they
 * hit SQLite and PostgreSQL alike. Each case replays what the outside probe did and asserts
 * that it is refused, counted, and changes nothing.
 */
import fs from 'node:fs';
import net from 'node:net';
import { expect, it } from 'vitest';
import { appendAudit } from '../../../electron/services/audit/auditLog.js';
import { buildInterviewRecord } from '../../../electron/services/interview/interviewRecord.js';
import { undoDecision } from '../../../electron/services/manager/decisions.js';
import { deleteApplicant as deleteOnKiosk } from '../../../electron/services/manager/deletion.js';
import { compareWithAnchor } from '../../../electron/services/sync/auditAnchor.js';
import { applyAck, pendingBatches, sealBatches } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { generateSigningKeyPair, signBatch } from '../../../core/sync/protocol.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getState, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { getAuditAnchor, getDownlink, postBatch } from '../../../electron/services/sync/transport.js';
import { nowIso, sha256Hex, ulid } from '../../../core/ids.js';
import { issueEnrollmentCode, issueToken, listKiosks, listTokens, revokeKiosk } from '../../../headoffice/admin.js';
import { exportFeed } from '../../../headoffice/exportFeed.js';
import { buildServer } from '../../../headoffice/server.js';
import { computeStats } from '../../../headoffice/stats.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import type { Db } from '../../../electron/services/db/openDatabase.js';
import type { RecordInput } from '../../../core/records/registry.js';
import { completeInterview, decide, enqueueForeignDecision, tempDir, type HoKind, type SimKiosk } from '../sync/harness.js';

export type HostileContext = {
  store: HoStore;
  /** the SQLite file head office writes (null on PostgreSQL) */
  file: string | null;
  target: string;
  proxyUrl: string;
  enroll(name: string, storeId: string): Promise<SimKiosk>;
  me(name: string): SyncIdentity;
  kiosk(name: string): SimKiosk;
};

const quick = { maxAttempts: 3, baseMs: 1, maxMs: 5, sleep: async () => undefined };
const count = async (store: HoStore, sql: string, params: (string | number)[] = []) => (await store.get<{ n: number }>(sql, params))!.n;

/** Seals what the kiosk has queued and posts it directly, so the test sees the whole ack. */
async function sendAll(k: SimKiosk, me: SyncIdentity, target: string) {
  sealBatches(k.db, me);
  const acks = [];
  for (const b of pendingBatches(k.db)) {
    const r = await postBatch({ ...me, headOfficeUrl: target }, b);
    if (!r.ok) throw new Error(r.message);
    applyAck(k.db, r.value);
    acks.push({ batch: b, ack: r.value });
  }
  return acks;
}

/** Raw POST of a sealed batch, to see head office's error code. */
const rawPost = (target: string, me: SyncIdentity, b: { id: string; body: Buffer; signature: string }, headers: Record<string, string> = {}) =>
  fetch(`${target}/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-kiosk-id': me.kioskId, 'x-batch-id': b.id, 'x-signature': b.signature, 'x-body-sha256': sha256Hex(b.body), ...headers },
    body: new Uint8Array(b.body),
  });

/** Every forms a string may take on disk: UTF-8, JSON-escaped, and JSON with non-ASCII as \\uXXXX. */
const encodings = (s: string) => {
  const json = JSON.stringify(s).slice(1, -1);
  const ascii = json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([s, json, ascii])].map((x) => Buffer.from(x, 'utf8'));
};
const occurrences = (hay: Buffer, needle: Buffer) => {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
};

/** Every row of every head-office table, as text. */
async function dumpAllTables(store: HoStore): Promise<string> {
  const tables =
    store.dialect === 'pg'
      ? (await store.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((t) => t.name)
      : (await store.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((t) => t.name);
  expect(tables).toContain('ho_records');
  const parts: string[] = [];
  for (const t of tables) for (const row of await store.all(`SELECT * FROM "${t}"`)) parts.push(`${t}: ${JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : v))}`);
  return parts.join('\n');
}

/** Undoes the interview's current decision through the console's own code (decision.undone, shift.unassigned). */
function undoLatest(db: Db, interviewId: string): void {
  const d = db.prepare('SELECT id FROM decisions WHERE interview_id = ? AND undone_at IS NULL ORDER BY decided_at DESC LIMIT 1').get(interviewId) as { id: string };
  expect(undoDecision(db, 'manager', d.id, new Date())).toBe(true);
}

/** A well-formed interview.completed about someone else's interview: valid against its schema, so only ownership can stop it. */
const forgedCompletion = (interviewId: string, applicantId: string): RecordInput<'interview.completed'> => ({
  v: 2,
  interview: {
    id: interviewId,
    packId: 'cashier',
    packVersion: '1.0.0',
    lang: 'zh-CN',
    status: 'finished',
    cameraConsent: false,
    talentPoolConsent: false,
    noticeVersion: 'n1',
    knockouts: null,
    knockoutProceed: null,
    receiptCode: null,
    startedAt: nowIso(),
    finishedAt: nowIso(),
  },
  applicant: { id: applicantId, name: 'Hijacked', mobile: '13000000000', availability: [], industries: [], expectedWageYuan: null, earliestStart: null },
  answers: [],
  followUps: [],
  skills: [],
  score: null,
});

export function defineHostileCases(kind: HoKind, ctx: () => HostileContext): void {
  let victim: ReturnType<typeof completeInterview>;
  let hostileBatch: { id: string; body: Buffer; signature: string } | null = null;

  it('refuses decisions, deletions and other writes about interviews another kiosk owns (other store, same store), counts them and changes nothing', async () => {
    const { store, target, enroll, me, kiosk } = ctx();
    const A = kiosk('A'); // S001: the owner
    victim = completeInterview(A.db, { packId: 'cashier', overall: 82, name: 'Owned-By-A' });
    decide(A.db, victim.interviewId, 'pass', { shift: 'sun-pm' });
    expect((await pushPending(A.db, me('A'), quick)).ok).toBe(true);
    const H = await enroll('H', 'S999'); // hostile: enrolled at another store
    const snapshot = async () => ({
      interview: await store.get('SELECT * FROM ho_interviews WHERE id = ?', [victim.interviewId]),
      payloads: await count(store, 'SELECT count(*) AS n FROM ho_records WHERE (interview_id = ? OR applicant_id = ?) AND payload_json IS NOT NULL', [victim.interviewId, victim.applicantId]),
      erasures: await count(store, 'SELECT count(*) AS n FROM ho_erasures WHERE applicant_id = ? OR interview_id = ?', [victim.applicantId, victim.interviewId]),
      selfid: await count(store, 'SELECT count(*) AS n FROM ho_selfid WHERE interview_id = ?', [victim.interviewId]),
      s001: (await computeStats(store, { store: 'S001' })).groups,
    });
    const before = await snapshot();
    expect(before.interview).toMatchObject({ decision: 'pass', scheduled: 1, status: 'completed' });
    expect(before.payloads).toBe(3); // interview.completed, decision.made, shift.assigned

    // What the probe sent, each record validly signed by H's own enrolled key.
    const iv = victim.interviewId;
    const hostile = [
      enqueueForeignDecision(H.db, iv),
      enqueueOutbox(H.db, 'decision.undone', iv, { v: 1, decisionId: ulid(), interviewId: iv, undoneBy: 'h', undoneAt: nowIso() }),
      enqueueOutbox(H.db, 'shift.unassigned', iv, { v: 1, interviewId: iv, shiftId: ulid(), cause: 'manager', unassignedBy: 'h', unassignedAt: nowIso() }),
      enqueueOutbox(H.db, 'applicant.deleted', victim.applicantId, {
        v: 1,
        tombstoneId: ulid(),
        applicantIds: [victim.applicantId],
        interviewIds: [iv],
        humanRequestIds: [],
        reason: 'x',
        deletedAt: nowIso(),
      }),
      // The applicant named only in the list, under a subject of H's own.
      enqueueOutbox(H.db, 'applicant.deleted', ulid(), { v: 1, tombstoneId: ulid(), applicantIds: [victim.applicantId], interviewIds: [], humanRequestIds: [], reason: 'x', deletedAt: nowIso() }),
      enqueueOutbox(H.db, 'selfid.recorded', iv, { v: 1, interviewId: iv, gender: 'woman', ageBand: '18-24' }),
      enqueueOutbox(H.db, 'human.requested', ulid(), { v: 1, requestId: ulid(), interviewId: iv, packId: 'cashier', name: 'x', mobile: '13000000000', lang: 'zh-CN' }),
      enqueueOutbox(H.db, 'interview.completed', iv, forgedCompletion(iv, victim.applicantId)),
    ];
    const own = completeInterview(H.db, { packId: 'cashier', overall: 40 }); // H's own interview still goes in
    const acks = await sendAll(H, me('H'), target);
    expect(acks).toHaveLength(1);
    hostileBatch = acks[0]!.batch;
    const ack = acks[0]!.ack;
    expect(ack.accepted).toBe(1);
    expect(ack.rejected.map((r) => r.id).sort()).toEqual([...hostile].sort());
    for (const r of ack.rejected) expect(r.reason).toMatch(/another kiosk/);
    expect(ack.watermarkSeq).toBe(1); // the batch counts as received: the kiosk is not stuck on it

    // Same store, other kiosk (B, S001), and a kiosk of a second store (C, S002): refused too.
    const B = kiosk('B');
    const C = kiosk('C');
    const fromB = enqueueOutbox(B.db, 'decision.made', iv, {
      v: 1,
      decisionId: ulid(),
      interviewId: iv,
      decision: 'fail',
      recommendation: null,
      isOverride: false,
      reason: null,
      decidedBy: 'b',
      decidedAt: nowIso(),
    });
    const fromC = enqueueOutbox(C.db, 'applicant.deleted', victim.applicantId, {
      v: 1,
      tombstoneId: ulid(),
      applicantIds: [victim.applicantId],
      interviewIds: [iv],
      humanRequestIds: [],
      reason: 'x',
      deletedAt: nowIso(),
    });
    expect((await sendAll(B, me('B'), target))[0]!.ack.rejected.map((r) => r.id)).toEqual([fromB]);
    expect((await sendAll(C, me('C'), target))[0]!.ack.rejected.map((r) => r.id)).toEqual([fromC]);

    expect(await snapshot()).toEqual(before);
    for (const id of [...hostile, fromB, fromC]) expect(await count(store, 'SELECT count(*) AS n FROM ho_records WHERE id = ?', [id])).toBe(0);
    expect(await count(store, 'SELECT count(*) AS n FROM ho_interviews WHERE id = ?', [own.interviewId])).toBe(1);

    // Counted per kiosk (kiosks output, stats) and logged once per batch.
    const listed = await listKiosks(store);
    expect(listed.find((k) => k.id === me('H').kioskId)).toMatchObject({ storeId: 'S999', refusedRecords: hostile.length, revokedAt: null });
    expect(listed.find((k) => k.id === me('B').kioskId)!.refusedRecords).toBe(1);
    expect(listed.find((k) => k.id === me('A').kioskId)!.refusedRecords).toBe(0);
    expect((await computeStats(store)).refusedRecords).toBe(hostile.length + 2);
    expect((await computeStats(store, { store: 'S999' })).refusedRecords).toBe(hostile.length);
    expect(await count(store, `SELECT count(*) AS n FROM ho_events WHERE kind = 'records-refused' AND kiosk_id = ?`, [me('H').kioskId])).toBe(1);

    // A replay of the hostile batch is a duplicate: nothing changes, nothing is counted twice.
    const replay = await postBatch({ ...me('H'), headOfficeUrl: target }, hostileBatch);
    expect(replay.ok && replay.value.duplicateBatch).toBe(true);
    expect((await listKiosks(store)).find((k) => k.id === me('H').kioskId)!.refusedRecords).toBe(hostile.length);
    expect(await snapshot()).toEqual(before);

    // The owner itself still can: A undoes its decision (which also releases the shift).
    undoLatest(A.db, iv);
    expect((await sendAll(A, me('A'), target))[0]!.ack.rejected).toEqual([]);
    expect(await store.get('SELECT decision, scheduled FROM ho_interviews WHERE id = ?', [iv])).toEqual({ decision: null, scheduled: 0 });
  });

  it('kiosk revoke: a revoked kiosk is listed and its batches and signed requests get 403 KIOSK_REVOKED; a stranger using its id still gets 401', async () => {
    const { store, target, me, kiosk } = ctx();
    const H = kiosk('H');
    const hId = me('H').kioskId;
    expect(await revokeKiosk(store, hId)).toBe(true);
    expect(await revokeKiosk(store, hId)).toBe(false);
    expect(await revokeKiosk(store, 'k_nonexistent')).toBe(false);
    const row = (await listKiosks(store)).find((k) => k.id === hId)!;
    expect(row.revokedAt).toMatch(/^\d{4}-/);
    const recordsBefore = await count(store, 'SELECT count(*) AS n FROM ho_records');
    completeInterview(H.db);
    sealBatches(H.db, me('H'));
    const [b] = pendingBatches(H.db);
    const res = await rawPost(target, me('H'), b!);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('KIOSK_REVOKED');
    expect(body.message).toMatch(/revoked/);
    const pushed = await pushPending(H.db, me('H'), quick);
    expect(pushed.ok).toBe(false);
    expect(pushed.error).toMatch(/403.*revoked/);
    const dl = await getDownlink({ ...me('H'), headOfficeUrl: target });
    expect(dl.ok || dl.status).toBe(403);
    // Someone without H's key learns nothing about its state.
    const stranger = generateSigningKeyPair();
    const forged = await rawPost(target, me('H'), { ...b!, signature: signBatch(stranger.privateKeyPem, hId, b!.id, b!.body) });
    expect(forged.status).toBe(401);
    // An old batch from before the revocation is refused the same way (not a duplicate ack).
    expect((await rawPost(target, me('H'), hostileBatch!)).status).toBe(403);
    expect(await count(store, 'SELECT count(*) AS n FROM ho_records')).toBe(recordsBefore);
  });

  it('a kiosk re-enrolled with a replacing code keeps authority over its own interviews (and its watermark); a plain re-enrollment does not', async () => {
    const { store, target, proxyUrl, enroll, me } = ctx();
    const D = await enroll('D', 'S002');
    const first = me('D');
    const mine = completeInterview(D.db, { packId: 'delivery' });
    expect((await pushPending(D.db, first, quick)).ok).toBe(true);
    // A replacing code must name a kiosk of the same store.
    await expect(issueEnrollmentCode(store, 'S001', 72, { replaces: first.kioskId })).rejects.toThrow(/store S002/);
    const { code } = await issueEnrollmentCode(store, 'S002', 72, { replaces: first.kioskId });
    await enrollKiosk(D.db, proxyUrl, code, 'D replaced');
    const replaced = me('D');
    expect(replaced.kioskId).not.toBe(first.kioskId);
    decide(D.db, mine.interviewId, 'pass');
    const [sent] = await sendAll(D, replaced, target);
    expect(sent!.ack.rejected).toEqual([]);
    expect(sent!.ack.watermarkSeq).toBe(sent!.batch.seq); // numbering carried over: acknowledged, not stuck behind a gap
    expect(await store.get('SELECT decision FROM ho_interviews WHERE id = ?', [mine.interviewId])).toEqual({ decision: 'pass' });
    const old = (await listKiosks(store)).find((k) => k.id === first.kioskId)!;
    expect(old.revokedAt).not.toBeNull();
    expect(old.replacedBy).toBe(replaced.kioskId);
    expect((await rawPost(target, first, sent!.batch)).status).toBe(401); // the old id's key no longer signs this batch
    // Plain re-enrollment: a new kiosk id, which owns nothing it sent before.
    await enrollKiosk(D.db, proxyUrl, (await issueEnrollmentCode(store, 'S002')).code, 'D again');
    const plain = me('D');
    undoLatest(D.db, mine.interviewId);
    const pushed = await pushPending(D.db, plain, quick);
    expect(pushed.rejected).toBe(1);
    expect(getState(D.db, 'lastError')).toMatch(/another kiosk owns.*replaces its old kiosk id/); // the manager is told why
    expect(await store.get('SELECT decision FROM ho_interviews WHERE id = ?', [mine.interviewId])).toEqual({ decision: 'pass' });
  });

  it('erasure is real: after a tombstone no table holds the name or mobile, and (SQLite) neither do the file bytes', async () => {
    const { store, file, target, enroll, me } = ctx();
    const E = await enroll('E', 'S001');
    const name = 'Zoë "Erasure-Probe" 擦除测试员';
    const mobile = '16601234567';
    const subject = completeInterview(E.db, { packId: 'cashier', name, overall: 77 });
    E.db.prepare('UPDATE applicants SET mobile = ? WHERE id = ?').run(mobile, subject.applicantId);
    // The outbox copy was written with the harness's random mobile: build it again as the kiosk would have.
    E.db.prepare('DELETE FROM outbox WHERE subject_id = ?').run(subject.interviewId);
    enqueueOutbox(E.db, 'interview.completed', subject.interviewId, buildInterviewRecord(E.db, subject.interviewId));
    decide(E.db, subject.interviewId, 'hold');
    const hr = ulid();
    E.db
      .prepare(`INSERT INTO human_requests (id, interview_id, pack_id, name, mobile, lang, created_at) VALUES (?, ?, 'cashier', ?, ?, 'zh-CN', ?)`)
      .run(hr, subject.interviewId, name, mobile, nowIso());
    enqueueOutbox(E.db, 'human.requested', hr, { v: 1, requestId: hr, interviewId: subject.interviewId, packId: 'cashier', name, mobile, lang: 'zh-CN' });
    enqueueOutbox(E.db, 'selfid.recorded', subject.interviewId, { v: 1, interviewId: subject.interviewId, gender: 'woman', ageBand: '25-34' });
    // Several batches, so head office has stored, folded and paged the data more than once.
    expect((await pushPending(E.db, me('E'), { ...quick, maxBatchRecords: 1 })).ok).toBe(true);
    const dir = tempDir('ho-export-');
    await exportFeed(store, { format: 'csv', out: `${dir}/before.csv` });
    expect(fs.readFileSync(`${dir}/before.csv`, 'utf8')).toContain(mobile);
    expect(await dumpAllTables(store)).toContain(mobile);
    // By the time someone asks to be deleted, automatic checkpoints have long copied their
    // records from the WAL into the database file: erasure must clean the file's pages too.
    await store.checkpoint();

    // The manager deletes the applicant on the kiosk (the real deletion code); the tombstone syncs.
    deleteOnKiosk(E.db, 'manager', subject.interviewId, 'applicant asked', new Date());
    const acks = await sendAll(E, me('E'), target);
    expect(acks.at(-1)!.ack.rejected).toEqual([]);

    const dump = await dumpAllTables(store);
    for (const needle of [name, mobile, 'Erasure-Probe']) expect(dump, needle).not.toContain(needle);
    expect(await count(store, 'SELECT count(*) AS n FROM ho_selfid WHERE interview_id = ?', [subject.interviewId])).toBe(0);
    await exportFeed(store, { format: 'csv', out: `${dir}/after.csv` });
    const after = fs.readFileSync(`${dir}/after.csv`, 'utf8');
    expect(after).not.toContain(mobile);
    expect(after).not.toContain('Erasure-Probe');

    if (kind === 'sqlite') {
      // Head office checkpointed after the tombstone; the bytes on disk hold no copy.
      for (const f of [file!, `${file!}-wal`]) {
        if (!fs.existsSync(f)) continue;
        const bytes = fs.readFileSync(f);
        for (const needle of [name, mobile, 'Erasure-Probe']) {
          for (const enc of encodings(needle)) expect(occurrences(bytes, enc), `${f}: ${enc.toString()}`).toBe(0);
        }
      }
      expect(fs.existsSync(`${file!}-wal`) ? fs.statSync(`${file!}-wal`).size : 0).toBe(0);
    }
  });

  it('audit anchor: batches carry the kiosk audit head, head office keeps the highest, and a cut-short or rewritten log shows against it', async () => {
    const { store, target, enroll, me } = ctx();
    const F = await enroll('F', 'S002');
    const direct = () => ({ ...me('F'), headOfficeUrl: target });
    expect(await getAuditAnchor(direct())).toEqual({ ok: true, value: null });
    for (let i = 0; i < 4; i++) appendAudit(F.db, { actor: 'manager', action: 'probe', subject: `s${i}` });
    completeInterview(F.db);
    expect((await pushPending(F.db, me('F'), quick)).ok).toBe(true);
    const head = F.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    expect((await listKiosks(store)).find((k) => k.id === me('F').kioskId)).toMatchObject({ auditAnchor: { seq: head.seq, hash: head.hash, batchSeq: 1 }, auditAlert: null });
    const anchor = await getAuditAnchor(direct());
    expect(anchor).toEqual({ ok: true, value: head });
    expect(compareWithAnchor(F.db, head)).toEqual({ ok: true, anchoredSeq: head.seq });

    // Someone with the database rewrites the anchored entry, then cuts the log short.
    const original = head.hash;
    F.db.prepare('UPDATE audit_log SET hash = ? WHERE seq = ?').run('f'.repeat(64), head.seq);
    expect(compareWithAnchor(F.db, head)).toMatchObject({ ok: false, problem: 'rewritten' });
    F.db.prepare('UPDATE audit_log SET hash = ? WHERE seq = ?').run(original, head.seq);
    F.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(head.seq - 1);
    expect(compareWithAnchor(F.db, head)).toMatchObject({ ok: false, problem: 'truncated', message: expect.stringMatching(/cut short/) });
    // The next batch reports the older head: head office flags the kiosk and keeps the anchor.
    // (An unscored interview: storing a score would append an audit entry, past the anchored seq.)
    completeInterview(F.db, { overall: null });
    expect((await pushPending(F.db, me('F'), quick)).ok).toBe(true);
    const after = (await listKiosks(store)).find((k) => k.id === me('F').kioskId)!;
    expect(after.auditAnchor).toMatchObject({ seq: head.seq, hash: original, batchSeq: 1 });
    expect(after.auditAlert).toMatch(/cut short or restored/);
    expect(await count(store, `SELECT count(*) AS n FROM ho_events WHERE kind = 'audit-anchor-contradicted' AND kiosk_id = ?`, [me('F').kioskId])).toBe(1);
  });

  it('API tokens: refused in the query string, sent only as a header, expire (90 days by default) and token list shows when', async () => {
    const { store, target } = ctx();
    const t = await issueToken(store, 'hr-expiry', ['feed:read']);
    const listed = (await listTokens(store)).find((x) => x.id === t.id)!;
    expect(Math.abs(Date.parse(listed.expires_at) - (Date.now() + 90 * 86_400_000))).toBeLessThan(120_000);
    expect(t.expiresAt).toBe(listed.expires_at);
    const inQuery = await fetch(`${target}/v1/feed?token=${t.token}`);
    expect(inQuery.status).toBe(400);
    expect(((await inQuery.json()) as { code: string }).code).toBe('TOKEN_IN_QUERY');
    // Even beside a good header: the token has leaked into a URL, say so.
    const both = await fetch(`${target}/v1/feed?limit=1&token=${t.token}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(both.status).toBe(400);
    expect((await fetch(`${target}/v1/feed?limit=1`, { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(200);

    const short = await issueToken(store, 'hr-short', ['feed:read'], { ttlDays: 2 });
    expect(Math.abs(Date.parse(short.expiresAt) - (Date.now() + 2 * 86_400_000))).toBeLessThan(120_000);
    await expect(issueToken(store, 'bad', ['feed:read'], { ttlDays: 0 })).rejects.toThrow(/days/);
    await store.run('UPDATE ho_tokens SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000).toISOString(), short.id]);
    const expired = await fetch(`${target}/v1/feed?limit=1`, { headers: { authorization: `Bearer ${short.token}` } });
    expect(expired.status).toBe(401);
    const eb = (await expired.json()) as { code: string; message: string };
    expect(eb.code).toBe('TOKEN_EXPIRED');
    expect(eb.message).toMatch(/expired/);
  });

  it('rate-limits failed enrollment and failed kiosk authentication per source address, as counters, answering 429 with Retry-After', async () => {
    const { store, me } = ctx();
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const app = buildServer(store, { trustProxy: true, now: () => clock, limits: { enroll: { max: 3, windowMs: 600_000 }, kioskAuth: { max: 3, windowMs: 600_000 } } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
    try {
      const eventsBefore = await count(store, 'SELECT count(*) AS n FROM ho_events');
      const enrollFrom = (ip: string, code: string) =>
        fetch(`${url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ code, publicKey: generateSigningKeyPair().publicKeyPem }),
        });
      for (let i = 0; i < 3; i++) expect((await enrollFrom('203.0.113.5', `ZZZZZ-ZZZZ${i + 2}`)).status).toBe(401);
      const good = (await issueEnrollmentCode(store, 'S001')).code;
      const blocked = await enrollFrom('203.0.113.5', good); // even the right code: the limiter runs first
      expect(blocked.status).toBe(429);
      expect(((await blocked.json()) as { code: string }).code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers.get('retry-after'))).toBe(600);
      clock += 60_000;
      expect(Number((await enrollFrom('203.0.113.5', good)).headers.get('retry-after'))).toBe(540);
      expect((await enrollFrom('203.0.113.6', good)).status).toBe(200); // per source: another address is not blocked, and the code was not burnt

      const b = kiosk0Batch(ctx);
      const post = (ip: string, sig: string) =>
        fetch(`${url}/v1/batches`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', 'x-kiosk-id': me('A').kioskId, 'x-batch-id': b.id, 'x-signature': sig, 'x-body-sha256': sha256Hex(b.body), 'x-forwarded-for': ip },
          body: new Uint8Array(b.body),
        });
      const bad = Buffer.alloc(64, 7).toString('base64');
      for (let i = 0; i < 3; i++) expect((await post('203.0.113.7', bad)).status).toBe(401);
      const r429 = await post('203.0.113.7', b.signature);
      expect(r429.status).toBe(429);
      expect(Number(r429.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await post('203.0.113.8', b.signature)).status).toBe(200); // the genuine kiosk elsewhere is served

      // Counters, not a row per failure: one row per (source, kind), and no per-failure events.
      const rows = await store.all<{ source: string; kind: string; failures: number; total: number }>(
        `SELECT source, kind, failures, total FROM ho_auth_failures WHERE source LIKE '203.0.113.%' ORDER BY source`,
      );
      expect(rows).toEqual([
        { source: '203.0.113.5', kind: 'enroll', failures: 3, total: 3 },
        { source: '203.0.113.7', kind: 'kiosk-auth', failures: 3, total: 3 },
      ]);
      expect(await count(store, 'SELECT count(*) AS n FROM ho_events')).toBeLessThanOrEqual(eventsBefore + 2); // at most one "source blocked" note each

      // After the window the source may try again.
      clock += 600_000;
      expect((await post('203.0.113.7', bad)).status).toBe(401);
      expect(await store.get<{ failures: number; total: number }>(`SELECT failures, total FROM ho_auth_failures WHERE source = '203.0.113.7'`)).toEqual({ failures: 1, total: 4 });
    } finally {
      await app.close();
    }
  });
}

/** A batch kiosk A already sent (a duplicate is a cheap, side-effect-free success). */
function kiosk0Batch(ctx: () => HostileContext): { id: string; body: Buffer; signature: string } {
  const A = ctx().kiosk('A');
  enqueueOutbox(A.db, 'human.requested', ulid(), { v: 1, requestId: ulid(), interviewId: null, packId: null, name: 'walk-in', mobile: '13800000000', lang: 'zh-CN' });
  sealBatches(A.db, ctx().me('A'));
  return pendingBatches(A.db)[0]!;
}
