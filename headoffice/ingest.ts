/**
 * Batch ingest, shared by HTTP upload and folder import. Idempotent by batch id and by record
 * id; a record id seen before with a different content hash is rejected (the rest of the batch
 * still goes in). A record about an interview, applicant or request that another kiosk owns is
 * refused the same way — skipped, listed in the ack, counted on the sending kiosk and logged —
 * so the batch still counts as received (docs/sync.md, "Authorised writes"). Head office's
 * watermark per kiosk is the highest batch seq below which no batch is missing; the kiosk only
 * forgets what lies under it.
 *
 * Every record is read through its kind's schema (core/records). A batch holding a
 * kind or a newer record version this head office does not know is refused as a whole (422
 * RECORD_VERSION_UNKNOWN): the kiosk keeps it and sends it again once head office is updated.
 * A record that is unversioned (older kiosk software) or does not match its schema is
 * rejected on its own, like a bad content hash: resending identical bytes could not help.
 */
import { ErrorCode } from '../core/errors.js';
import type { BatchAck } from '../core/sync/protocol.js';
import { ulid } from '../core/ids.js';
import type { IngestRecord } from './ingestRecord.js';
import { createLogger } from '../core/logger.js';
import { recordAuditHead, type AuditAnchorRow } from './auditAnchor.js';
import { applyTombstone, erasedOnArrival, refreshInterviews, type FreshRecord } from './interviews.js';
import { aboutRecords, lookUpBatch, lookupKeys, snapshotStillValid, toBatchLookup } from './ingestLookup.js';
import { forgetFairnessData, ingestSelfId } from './fairness/selfId.js';
import { forgetNotifications, onIngested as notifyOnIngested } from './notify/queue.js';
import { checkOwnershipIn, claimMany } from './owners.js';
import { inRowChunks, type HoStore, type Param, type Queryable } from './store/types.js';
import { inProcessPreparer, type BatchPreparer } from './ingestPool.js';
import type { PreparedRecord } from './ingestPrepare.js';

const log = createLogger('headoffice');
/** 15 parameters a row: 7,500 a statement, within SQLite's 32,766 and PostgreSQL's 65,535 (a round trip per statement on PostgreSQL). */
const RECORD_ROWS_PER_INSERT = 500;

export type IngestInput = { kioskId: string; batchId: string; signature: string; body: Uint8Array; source: 'http' | 'import' };
/** 401: not a kiosk we know, or not its key (counted per source by the server); 403: a revoked kiosk. */
export type IngestFailure = { ok: false; status: 400 | 401 | 403 | 409 | 422; code: ErrorCode; message: string };
export type IngestOutcome = { ok: true; ack: BatchAck } | IngestFailure;

export async function logEvent(q: Queryable, kind: string, kioskId: string | null, detail: string): Promise<void> {
  await q.run('INSERT INTO ho_events (id, at, kind, kiosk_id, detail) VALUES (?, ?, ?, ?, ?)', [ulid(), new Date().toISOString(), kind, kioskId, detail]);
}

type KioskRow = { id: string; store_id: string; public_key_pem: string; revoked_at: string | null };
/** Under the kiosk's lock: its watermark and anchor, whether this batch or its number was seen, and the next later batch already here. */
type BatchState = { watermark_seq: number; watermark: string | null; seen_id: string | null; clash_id: string | null; later_seq: number | null } & AuditAnchorRow;
/** Batches read per step when moving the watermark (one step unless a long gap just closed). */
const WATERMARK_STEP = 64;

/** A batch head office cannot read yet (newer kiosk software): refused whole, so nothing is lost. */
function unknownRecords(records: readonly PreparedRecord[]): IngestFailure | null {
  const unknown = records.map((r) => r.parsed).filter((p) => !p.ok && p.problem === 'unknown');
  if (unknown.length === 0) return null;
  const first = unknown[0]!;
  return {
    ok: false,
    status: 422,
    code: ErrorCode.RecordVersionUnknown,
    message: `Head office cannot read ${unknown.length} record(s) in this batch (${first.ok ? '' : first.reason}). Update the head-office service; the kiosk keeps the batch and sends it again.`,
  };
}

/**
 * `preparer`: where the CPU half runs — the signature, inflating, parsing, and per record the
 * canonical form, hash and schema check (ingestPrepare.ts) — in-process or in the server's
 * worker pool (ingestPool.ts). Either way it is done once per batch and before the transaction,
 * so other batches' writes are not held up by it. The transaction runs beside other kiosks'
 * on PostgreSQL, serial only from its first ho_records row to COMMIT (docs/sync.md, "Ingest
 * transactions"); a clash with one of them over the same ids runs it again alone.
 */
export async function ingestBatch(store: HoStore, input: IngestInput, preparer: BatchPreparer = inProcessPreparer()): Promise<IngestOutcome> {
  // Failures here are counted per source address by the caller (authLimits.ts), not one row each.
  const kiosk = await store.get<KioskRow>('SELECT id, store_id, public_key_pem, revoked_at FROM ho_kiosks WHERE id = ?', [input.kioskId]);
  if (!kiosk) return { ok: false, status: 401, code: ErrorCode.UnknownKiosk, message: 'This kiosk is not enrolled at head office. Ask head office for an enrollment code.' };
  const prep = await preparer.prepare({
    kioskId: input.kioskId,
    batchId: input.batchId,
    signature: input.signature,
    body: input.body,
    publicKeyPem: kiosk.public_key_pem,
    decode: !kiosk.revoked_at,
  });
  if (!prep.signatureOk) {
    return { ok: false, status: 401, code: ErrorCode.SignatureInvalid, message: 'The batch signature does not match this kiosk’s key; the batch was refused.' };
  }
  // Only after the signature: a stranger using a revoked kiosk's id learns nothing about it.
  if (kiosk.revoked_at) return { ok: false, status: 403, code: ErrorCode.KioskRevoked, message: revokedMessage(kiosk.revoked_at) };
  const decoded = prep.decoded!;
  if (!decoded.ok) return { ok: false, status: 400, code: ErrorCode.BatchInvalid, message: decoded.reason };
  const body = decoded.body;
  const prepared = body.records;
  // What each readable record is about and the ids to look up, worked out once and before the transaction (pure).
  const about = aboutRecords(prepared);
  const keys = lookupKeys(prepared, about);
  const now = new Date().toISOString();

  let erasures = 0;
  /** `serial`: alone among ingest transactions (the retry after a clash with another kiosk's batch). */
  const attempt = (serial: boolean) =>
    store.tx(
      async (q, inFeedOrder): Promise<IngestOutcome> => {
        const typedById = new Map<string, IngestRecord>();
        erasures = 0;
        const ackBase = { batchId: body.batchId, serverTime: now };
        // The kiosk's state and whether this batch or its number was seen, read once under its lock.
        const state = (await q.get<BatchState>(
          `SELECT k.watermark_seq, k.watermark, k.audit_seq, k.audit_hash, k.audit_batch_seq,
           (SELECT id FROM ho_batches WHERE id = ?) AS seen_id, (SELECT id FROM ho_batches WHERE kiosk_id = ? AND seq = ?) AS clash_id,
           (SELECT min(seq) FROM ho_batches WHERE kiosk_id = ? AND seq > ?) AS later_seq
         FROM ho_kiosks k WHERE k.id = ?`,
          [body.batchId, kiosk.id, body.seq, kiosk.id, body.seq, kiosk.id],
        ))!;
        if (state.seen_id !== null) {
          return {
            ok: true,
            ack: { ...ackBase, duplicateBatch: true, accepted: 0, duplicates: body.records.length, rejected: [], watermarkSeq: state.watermark_seq, watermark: state.watermark },
          };
        }
        // After the duplicate check: a batch ingested before an upgrade is still acknowledged.
        const unreadable = unknownRecords(prepared);
        if (unreadable) {
          // The service log, not ho_events: the kiosk retries this every round until head office is updated.
          log.warn(`kiosk ${kiosk.id} batch seq ${body.seq} refused: ${unreadable.message}`);
          return unreadable;
        }
        if (state.clash_id !== null) {
          await logEvent(q, 'seq-conflict', kiosk.id, `seq ${body.seq} already used by another batch`);
          return {
            ok: false,
            status: 409,
            code: ErrorCode.SeqConflict,
            message: `Batch number ${body.seq} was already received with other content. Was this kiosk's database restored from a backup?`,
          };
        }
        // Without a tombstone in the batch, erasures cannot change while it is ingested.
        const hasTombstone = keys.erasures === null;
        // One lookup per batch instead of one per record (on PostgreSQL each statement is a round
        // trip), or the one the worker read ahead if no batch of this kiosk went in since (SQLite;
        // ingestLookup.ts). `stored` and `owners` are kept up to date below as records go in, so a
        // record repeated within the batch is still a duplicate.
        const snapshot = serial || hasTombstone ? undefined : body.snapshot;
        const { stored, owners, erased: erasedBefore } = snapshot && (await snapshotStillValid(q, snapshot, kiosk.id)) ? toBatchLookup(snapshot) : await lookUpBatch(q, keys);
        // Interviews no earlier batch mentioned (no owner yet): all their records are in this
        // batch, so folding and the notifier work from memory. Not with a tombstone in the batch,
        // which may erase records after they went in.
        const ownedBefore = new Set(owners.keys());
        const fresh = new Map<string, FreshRecord[]>();
        // Claims and record rows are queued and written a statement per chunk (a round trip per
        // record adds up on PostgreSQL); flushed before anything reads them back.
        const claims: Parameters<typeof claimMany>[1][number][] = [];
        const claim = (ids: string[], recordId: string) => {
          for (const id of ids) {
            if (owners.has(id)) continue;
            owners.set(id, { kiosk_id: kiosk.id, store_id: kiosk.store_id });
            claims.push({ subjectId: id, kioskId: kiosk.id, storeId: kiosk.store_id, recordId, at: now });
          }
        };
        const recordRows: Param[][] = [];
        const flushClaims = async () => {
          const queued = claims.splice(0);
          // Side by side with other kiosks' batches, a subject that looked unowned may have been
          // claimed by one of them meanwhile (its row waited for that commit): start again alone.
          if ((await claimMany(q, queued)) < queued.length && !serial) throw new IngestClash('a subject was claimed by another kiosk meanwhile');
        };
        const flushRecords = async () => {
          const rows = recordRows.splice(0);
          if (rows.length > 0) await inFeedOrder();
          for (const part of inRowChunks(q.dialect, rows, RECORD_ROWS_PER_INSERT)) {
            await q.run(
              `INSERT INTO ho_records (id, kiosk_id, store_id, batch_id, kiosk_order, kind, subject_id, interview_id, applicant_id, status,
               payload_json, content_hash, kiosk_created_at, received_at, erased_at)
             VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
              part.flat(),
            );
          }
        };
        const flush = async () => {
          await flushClaims();
          await flushRecords();
        };
        let accepted = 0;
        let duplicates = 0;
        const rejected: { id: string; reason: string }[] = [];
        const refused: string[] = [];
        const touched = new Set<string>();
        const forNotifier: { interviewId: string | null; rec: IngestRecord }[] = [];
        for (const [i, r] of body.records.entries()) {
          const p = prepared[i]!;
          if (!p.isHashOk) {
            rejected.push({ id: r.id, reason: 'content hash does not match the payload' });
            continue;
          }
          if (!p.parsed.ok) {
            rejected.push({ id: r.id, reason: p.parsed.reason });
            continue;
          }
          const { rec, f, subjects } = about[i]!;
          const owner = checkOwnershipIn(owners, kiosk, subjects);
          if (!owner.ok) {
            rejected.push({ id: r.id, reason: owner.reason });
            refused.push(r.id);
            continue;
          }
          if (rec.kind === 'selfid.recorded') {
            // Kept apart from interview and score rows and out of the HR feed (docs/fairness.md).
            await flush();
            const s = await ingestSelfId(q, r, rec.payload, kiosk, body.seq * 10_000 + i, now);
            if (s === 'accepted') {
              accepted++;
              claim(owner.unclaimed, r.id);
            } else if (s === 'duplicate') duplicates++;
            else rejected.push({ id: r.id, reason: s.reason });
            continue;
          }
          const existing = stored.get(r.id);
          if (existing) {
            if (existing.content_hash === r.contentHash && existing.kiosk_id === kiosk.id) duplicates++;
            else rejected.push({ id: r.id, reason: 'record id already received with different content' });
            continue;
          }
          claim(owner.unclaimed, r.id);
          const erased =
            r.kind !== 'applicant.deleted' && (erasedBefore ? erasedBefore(f.applicantId, f.interviewId, r.subjectId) : await erasedOnArrival(q, f.applicantId, f.interviewId, r.subjectId));
          recordRows.push([
            r.id,
            kiosk.id,
            kiosk.store_id,
            body.batchId,
            body.seq * 10_000 + i,
            r.kind,
            r.subjectId,
            f.interviewId,
            f.applicantId,
            f.status,
            erased ? null : p.canonical,
            r.contentHash,
            r.createdAt,
            now,
            erased ? now : null,
          ]);
          accepted++;
          stored.set(r.id, { content_hash: r.contentHash, kiosk_id: kiosk.id });
          if (!erased) typedById.set(r.id, rec);
          if (rec.kind === 'applicant.deleted') {
            await flush();
            const erasedIds = await applyTombstone(q, r, rec.payload, now);
            await forgetFairnessData(q, erasedIds);
            await forgetNotifications(q, erasedIds);
            erasures++;
          } else if (f.interviewId && !erased) {
            if (!hasTombstone && !ownedBefore.has(f.interviewId)) {
              const list = fresh.get(f.interviewId) ?? [];
              list.push({ kioskId: kiosk.id, storeId: kiosk.store_id, applicantId: f.applicantId, rec });
              fresh.set(f.interviewId, list);
            } else touched.add(f.interviewId);
          }
          if (!erased && rec.kind !== 'applicant.deleted') forNotifier.push({ interviewId: f.interviewId, rec });
        }
        await flushClaims();
        // Folding an interview an earlier batch began reads this batch's records back.
        if (touched.size > 0) await flushRecords();
        if (refused.length > 0) {
          await q.run('UPDATE ho_kiosks SET refused_records = refused_records + ? WHERE id = ?', [refused.length, kiosk.id]);
          const shown = refused.slice(0, 5).join(', ') + (refused.length > 5 ? ` and ${refused.length - 5} more` : '');
          await logEvent(q, 'records-refused', kiosk.id, `batch seq ${body.seq} (${input.source}): ${refused.length} record(s) about another kiosk's interviews or applicants refused: ${shown}`);
          log.warn(`kiosk ${kiosk.id} (store ${kiosk.store_id}) sent ${refused.length} record(s) about another kiosk's interviews or applicants; refused`);
        }
        await q.run('INSERT INTO ho_batches (id, kiosk_id, seq, record_count, last_record_id, source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          body.batchId,
          kiosk.id,
          body.seq,
          body.records.length,
          body.records.at(-1)!.id,
          input.source,
          now,
        ]);
        if (body.auditHead) await recordAuditHead(q, kiosk.id, body.seq, body.auditHead, now, state);
        // The watermark moves over every batch now present without a gap after it: in the usual
        // case, just over this one (no statement needed).
        let wm = state.watermark_seq;
        let wmRecord = state.watermark;
        const onlyThis = wm + 1 === body.seq && state.later_seq === null;
        if (onlyThis) {
          wm = body.seq;
          wmRecord = body.records.at(-1)!.id;
        }
        for (let more = !onlyThis; more;) {
          const next = await q.all<{ seq: number; last_record_id: string }>(`SELECT seq, last_record_id FROM ho_batches WHERE kiosk_id = ? AND seq > ? ORDER BY seq LIMIT ${WATERMARK_STEP}`, [
            kiosk.id,
            wm,
          ]);
          for (const b of next) {
            if (Number(b.seq) !== wm + 1) break;
            wm++;
            wmRecord = b.last_record_id;
          }
          more = next.length === WATERMARK_STEP && wm === Number(next.at(-1)!.seq);
        }
        await q.run('UPDATE ho_kiosks SET watermark_seq = ?, watermark = ?, last_seen_at = ? WHERE id = ?', [wm, wmRecord, now, kiosk.id]);
        await refreshInterviews(q, [...touched], now, typedById, fresh);
        // docs/notify.md: queue, cancel, keep receipts for the phone page
        await notifyOnIngested(q, forNotifier, undefined, { storeId: kiosk.store_id, receivedAt: now, records: fresh });
        // Usually the records go in last: from here to COMMIT, other kiosks' batches wait
        // (inFeedOrder), and every other statement above ran side by side with theirs.
        await flushRecords();
        return { ok: true, ack: { ...ackBase, duplicateBatch: false, accepted, duplicates, rejected, watermarkSeq: wm, watermark: wmRecord } };
      },
      serial ? { serial: true } : { kiosk: kiosk.id },
    );
  let outcome: IngestOutcome;
  try {
    outcome = await attempt(false);
  } catch (e) {
    // Another kiosk's batch wrote the same record id or subject at the same time or since the
    // worker read ahead (or the two deadlocked on them): nothing of this attempt was kept; alone,
    // the look-ups see its rows.
    if (!isClash(e)) throw e;
    log.info(`kiosk ${kiosk.id} batch seq ${body.seq}: ${(e as Error).message}; ingested again alone`);
    outcome = await attempt(true);
  }
  if (erasures > 0 && !(await store.checkpoint())) {
    log.warn('WAL checkpoint after an erasure was busy (a reader kept it open); erased data may stay in the WAL until the next checkpoint');
  }
  return outcome;
}

class IngestClash extends Error {}
/** A unique record id or owner taken meanwhile (PostgreSQL 23505, SQLite's codes), a PostgreSQL deadlock (40P01), or our own claim check. */
const isClash = (e: unknown) =>
  e instanceof IngestClash || (e instanceof Error && ['23505', '40P01', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes((e as { code?: string }).code ?? ''));

export const revokedMessage = (revokedAt: string) =>
  `This kiosk was revoked at head office on ${revokedAt.slice(0, 10)}; its batches and requests are refused. If it should sync again, ask head office for a new enrollment code (enroll-code --replaces <old kiosk id> keeps its interviews).`;
