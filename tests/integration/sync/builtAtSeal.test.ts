import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { packValue, unpackValue } from '../../../electron/services/db/compactJson.js';
import { buildInterviewRecord } from '../../../electron/services/interview/interviewRecord.js';
import { pendingBatches, sealBatches } from '../../../electron/services/sync/batches.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { enqueueBuiltRecord, readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { decodeBatchBody, recordContentHash } from '../../../core/sync/protocol.js';
import { getIdentity, type SyncIdentity } from '../../../electron/services/sync/state.js';
import { canonicalJson } from '../../../core/ids.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { ingestBatch } from '../../../headoffice/ingest.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, deleteApplicant, listenHo, openSimKiosk, tempDir, type SimKiosk } from './harness.js';

/**
 * Issue 17, item 4: a finished interview's sync record is not copied into the outbox; it is
 * built from the interview's rows when its batch is sealed. What head office receives must be
 * exactly what the builder makes at that moment, hashed and signed once, and never lost.
 */
let store: HoStore;
let ho: Awaited<ReturnType<typeof listenHo>>;
let k: SimKiosk;
let me: SyncIdentity;

beforeAll(async () => {
  store = await openStore({ file: path.join(tempDir('ho-built-'), 'ho.db') });
  ho = await listenHo(store);
});
afterAll(async () => {
  await ho.close();
  await store.close();
  cleanupTempDirs();
});
beforeEach(async () => {
  k = openSimKiosk();
  await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
  me = getIdentity(k.db)!;
});
afterEach(() => k.close());

const sealedRecords = () =>
  pendingBatches(k.db).flatMap((b) => {
    const d = decodeBatchBody(b.body, { kioskId: me.kioskId, batchId: b.id });
    if (!d.ok) throw new Error(d.reason);
    return d.body.records;
  });

describe('interview records built when sealed', () => {
  it('keep no copy while pending, and seal to exactly the built record, hashed once', () => {
    const a = completeInterview(k.db, { overall: 81 });
    const row = k.db.prepare('SELECT id, payload, content_hash FROM outbox').get() as { id: string; payload: Buffer | null; content_hash: string | null };
    expect(row.payload).toBeNull();
    expect(row.content_hash).toBeNull();
    const expected = JSON.parse(canonicalJson(buildInterviewRecord(k.db, a.interviewId))) as Record<string, unknown>;
    expect(readOutboxPayload(k.db, row.id)).toMatchObject({ interview: { id: a.interviewId }, applicant: { name: a.name } });
    expect(sealBatches(k.db, me)).toBe(1);
    const [rec] = sealedRecords();
    expect(rec).toMatchObject({ id: row.id, kind: 'interview.completed', subjectId: a.interviewId });
    expect(rec!.payload).toMatchObject({ applicant: { name: a.name, mobile: a.mobile }, score: { modelVersion: expected.score && (expected.score as { modelVersion: string }).modelVersion } });
    expect(rec!.contentHash).toBe(recordContentHash('interview.completed', rec!.payload));
    // The hash is kept for idempotency; the payload lives on in the sealed body only.
    expect(k.db.prepare('SELECT payload, content_hash FROM outbox WHERE id = ?').get(row.id)).toEqual({ payload: null, content_hash: rec!.contentHash });
    // Sealing again changes nothing: a resend is byte-identical.
    const before = pendingBatches(k.db).map((b) => b.body.toString('base64'));
    expect(sealBatches(k.db, me)).toBe(0);
    expect(pendingBatches(k.db).map((b) => b.body.toString('base64'))).toEqual(before);
  });

  it('a rescore before sealing is what head office receives (nothing was sent before)', async () => {
    const a = completeInterview(k.db, { overall: 40, band: 'not_recommended' });
    const stored = unpackValue<Record<string, unknown>>((k.db.prepare('SELECT result FROM scores').get() as { result: Buffer }).result)!;
    k.db.prepare('UPDATE scores SET result = ? WHERE interview_id = ?').run(packValue({ ...stored, overall: 66, band: 'borderline' }), a.interviewId);
    sealBatches(k.db, me);
    const [rec] = sealedRecords();
    expect(rec!.payload).toMatchObject({ score: { result: { overall: 66, band: 'borderline' } } });
    const b = pendingBatches(k.db)[0]!;
    const r = await ingestBatch(store, { kioskId: me.kioskId, batchId: b.id, signature: b.signature, body: b.body, source: 'http' });
    expect(r.ok).toBe(true);
    const ho = await store.get<{ payload_json: string }>('SELECT payload_json FROM ho_records WHERE id = ?', [rec!.id]);
    expect(JSON.parse(ho!.payload_json)).toMatchObject({ score: { result: { overall: 66 } } });
  });

  it('a deletion before sealing drops the pending record; nothing about the person is sealed', () => {
    const gone = completeInterview(k.db, { name: '赵删除' });
    const kept = completeInterview(k.db, { name: '钱保留' });
    deleteApplicant(k.db, gone.applicantId);
    sealBatches(k.db, me);
    const recs = sealedRecords();
    expect(recs.map((r) => r.kind)).toEqual(['interview.completed', 'applicant.deleted']);
    expect(recs[0]!.subjectId).toBe(kept.interviewId);
    expect(JSON.stringify(recs)).not.toContain('赵删除');
  });

  it('an interview whose rows vanished without the deletion path stops sealing with a message naming the record, and keeps every row', () => {
    const a = completeInterview(k.db);
    const b = completeInterview(k.db);
    k.db.pragma('foreign_keys = OFF');
    k.db.prepare('DELETE FROM interviews WHERE id = ?').run(a.interviewId);
    k.db.pragma('foreign_keys = ON');
    const id = (k.db.prepare('SELECT id FROM outbox WHERE subject_id = ?').get(a.interviewId) as { id: string }).id;
    expect(() => sealBatches(k.db, me)).toThrow(new RegExp(`outbox record ${id} \\(interview.completed of ${a.interviewId}\\) could not be built`));
    // All-or-nothing: no batch, both rows still pending.
    expect(pendingBatches(k.db)).toEqual([]);
    expect(k.db.prepare('SELECT count(*) AS n FROM outbox WHERE batch_id IS NULL').get()).toEqual({ n: 2 });
    expect(readOutboxPayload(k.db, (k.db.prepare('SELECT id FROM outbox WHERE subject_id = ?').get(b.interviewId) as { id: string }).id)).toMatchObject({ interview: { id: b.interviewId } });
  });

  it('queueing checks the record now: an interview that cannot make a valid record rolls the change back', () => {
    const a = completeInterview(k.db);
    k.db.prepare(`UPDATE interviews SET status = 'in_progress' WHERE id = ?`).run(a.interviewId);
    const rows = () => (k.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const before = rows();
    expect(() => k.db.transaction(() => enqueueBuiltRecord(k.db, 'interview.completed', a.interviewId))()).toThrow(/not finished/);
    expect(rows()).toBe(before);
  });
});
