/**
 * Typed, versioned sync records end to end (docs/sync.md, "Records"): the kiosk cannot queue a
 * record that does not match its schema; head office refuses a batch it cannot read yet (newer
 * software) as a whole, so the kiosk keeps it, and rejects an unversioned or malformed record on
 * its own while taking the rest of the batch.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packValue } from '../../../electron/services/db/compactJson.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { pendingBatches } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { recordContentHash } from '../../../core/sync/protocol.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity, getState } from '../../../electron/services/sync/state.js';
import { nowIso, ulid } from '../../../core/ids.js';
import type { Db } from '../../../electron/services/db/openDatabase.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, listenHo, openSimKiosk, outboxCounts, tempDir, type SimKiosk } from './harness.js';

const quick = { maxAttempts: 2, baseMs: 1, maxMs: 2, sleep: async () => undefined };
let store: HoStore;
let ho: Awaited<ReturnType<typeof listenHo>>;
const kiosks: SimKiosk[] = [];
const count = async (sql: string, params: string[] = []) => (await store.get<{ n: number }>(sql, params))!.n;

/** What other kiosk software might have queued: an outbox row written without enqueueOutbox's check. */
function rawOutbox(db: Db, kind: string, subjectId: string, payload: unknown): string {
  const id = ulid();
  db.prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    kind,
    subjectId,
    packValue(payload),
    recordContentHash(kind, payload),
    nowIso(),
  );
  return id;
}

async function enrolledKiosk(storeId: string): Promise<SimKiosk> {
  const k = openSimKiosk();
  kiosks.push(k);
  await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, storeId)).code);
  return k;
}

beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-rec-'), 'ho.db') });
  ho = await listenHo(store);
});
afterAll(async () => {
  for (const k of kiosks) k.close();
  await ho.close();
  await store.close();
  cleanupTempDirs();
});

describe('typed sync records', () => {
  it('the kiosk refuses to queue a record that does not match its schema, and the change it belongs to rolls back', async () => {
    const k = await enrolledKiosk('S1');
    const { interviewId } = completeInterview(k.db, { overall: 80 });
    const before = outboxCounts(k.db).total;
    const change = k.db.transaction(() => {
      k.db.prepare(`INSERT INTO talent_pool (interview_id, pack_id, note, added_by, added_at) VALUES (?, 'cashier', NULL, 'm', ?)`).run(interviewId, nowIso());
      // A builder that drifted: "scheduled" is no decision.
      enqueueOutbox(k.db, 'decision.made', interviewId, {
        v: 1,
        decisionId: ulid(),
        interviewId,
        decision: 'scheduled' as 'pass',
        recommendation: null,
        isOverride: false,
        reason: null,
        decidedBy: 'm',
        decidedAt: nowIso(),
      });
    });
    expect(change).toThrow(/sync record not written: invalid decision\.made v1 record: decision:/);
    expect(outboxCounts(k.db).total).toBe(before);
    expect(k.db.prepare('SELECT count(*) AS n FROM talent_pool').get()).toEqual({ n: 0 });
  });

  it('a batch holding a newer record version is refused whole (422); the kiosk keeps it and says to update head office', async () => {
    const k = await enrolledKiosk('S1');
    const me = getIdentity(k.db)!;
    const { interviewId } = completeInterview(k.db, { overall: 80 });
    rawOutbox(k.db, 'decision.made', interviewId, { v: 2, interviewId, decision: 'pass', decidedAt: nowIso(), confidence: 0.9 });
    const records = await count('SELECT count(*) AS n FROM ho_records');
    const r = await pushPending(k.db, me, quick);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(
      /Head office answered 422: Head office cannot read 1 record\(s\) in this batch \(decision\.made record of version 2; this software reads version 1\)\. Update the head-office service/,
    );
    expect(getState(k.db, 'lastError')).toBe(r.error);
    expect(pendingBatches(k.db)).toHaveLength(1); // kept, sent again next round
    expect(outboxCounts(k.db).acked ?? 0).toBe(0);
    expect(await count('SELECT count(*) AS n FROM ho_records')).toBe(records); // nothing of it went in, not even the valid interview
    expect(await count('SELECT count(*) AS n FROM ho_batches WHERE kiosk_id = ?', [me.kioskId])).toBe(0);
  });

  it('an unversioned or malformed record is rejected on its own, with the reason; the rest of the batch goes in', async () => {
    const k = await enrolledKiosk('S2');
    const me = getIdentity(k.db)!;
    const a = completeInterview(k.db, { overall: 75 });
    const legacy = rawOutbox(k.db, 'decision.made', a.interviewId, { interviewId: a.interviewId, decision: 'pass', reason: null, decidedAt: nowIso() });
    const malformed = rawOutbox(k.db, 'selfid.recorded', a.interviewId, { v: 1, interviewId: a.interviewId, gender: 'x'.repeat(500), ageBand: null });
    decide(k.db, a.interviewId, 'pass');
    const r = await pushPending(k.db, me, quick);
    expect(r).toMatchObject({ ok: true, rejected: 2 });
    expect(outboxCounts(k.db)).toEqual({ total: 4, acked: 4 });
    expect(getState(k.db, 'lastError')).toMatch(/^Head office could not read 2 record\(s\) from this kiosk \(decision\.made record without a version/);
    for (const id of [legacy, malformed]) expect(await count('SELECT count(*) AS n FROM ho_records WHERE id = ?', [id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM ho_selfid WHERE interview_id = ?', [a.interviewId])).toBe(0);
    expect(await store.get('SELECT status, decision FROM ho_interviews WHERE id = ?', [a.interviewId])).toEqual({ status: 'completed', decision: 'pass' });
  });

  it('scheduling reaches head office as shift records: a later fail releases the shift there too', async () => {
    const k = await enrolledKiosk('S3');
    const me = getIdentity(k.db)!;
    const a = completeInterview(k.db, { overall: 90 });
    decide(k.db, a.interviewId, 'pass', { shift: 'sun-pm' });
    expect((await pushPending(k.db, me, quick)).ok).toBe(true);
    expect(await store.get('SELECT decision, scheduled FROM ho_interviews WHERE id = ?', [a.interviewId])).toEqual({ decision: 'pass', scheduled: 1 });
    decide(k.db, a.interviewId, 'fail');
    const kinds = (k.db.prepare('SELECT id, kind FROM outbox WHERE acked_at IS NULL ORDER BY rowid').all() as { id: string; kind: string }[]).map((r) => [
      r.kind,
      readOutboxPayload(k.db, r.id)!.cause ?? null,
    ]);
    expect(kinds).toEqual([
      ['shift.unassigned', 'decision-changed'],
      ['decision.made', null],
    ]);
    expect((await pushPending(k.db, me, quick)).ok).toBe(true);
    expect(await store.get('SELECT decision, scheduled FROM ho_interviews WHERE id = ?', [a.interviewId])).toEqual({ decision: 'fail', scheduled: 0 });
  });
});
