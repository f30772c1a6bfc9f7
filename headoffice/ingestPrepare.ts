/**
 * The CPU half of batch ingest (ingest.ts): signature check, inflating and parsing the body,
 * and per record the canonical form, the content-hash check and the schema check. Pure — no
 * database — so it runs in a worker thread (ingestPool.ts) while the main thread writes other
 * batches; the result is the same wherever it ran.
 */
import { canonicalJson, sha256Hex } from '../core/ids.js';
import { decodeBatchBody, verifyBatchSignature, type AuditHead } from '../core/sync/protocol.js';
import { parseRecord, type ParseResult } from '../core/records/registry.js';
import { ingestView, type IngestRecord } from './ingestRecord.js';
import type { LookupSnapshot } from './ingestLookup.js';

/** A record's schema check: the record as ingest keeps it, or why it cannot be read. */
export type CheckedRecord = { ok: true; record: IngestRecord } | Extract<ParseResult, { ok: false }>;

export type PrepareInput = {
  kioskId: string;
  batchId: string;
  signature: string;
  body: Uint8Array;
  /** The key head office holds for this kiosk. */
  publicKeyPem: string;
  /** False for a revoked kiosk: only the signature is checked (the caller refuses it next). */
  decode: boolean;
};

/** A record as ingest needs it: the envelope, its canonical payload and what its checks found. */
export type PreparedRecord = {
  id: string;
  kind: string;
  subjectId: string;
  contentHash: string;
  createdAt: string;
  canonical: string;
  isHashOk: boolean;
  parsed: CheckedRecord;
};

/** `snapshot`: the batch's look-ups, read ahead by the ingest worker on SQLite (ingestLookup.ts). */
export type PreparedBody = { batchId: string; seq: number; auditHead?: AuditHead; records: PreparedRecord[]; snapshot?: LookupSnapshot };
export type PreparedBatch = { signatureOk: false } | { signatureOk: true; decoded: { ok: true; body: PreparedBody } | { ok: false; reason: string } | null };

type Prepared<R> = { signatureOk: false } | { signatureOk: true; decoded: { ok: true; body: Omit<PreparedBody, 'records'> & { records: R[] } } | { ok: false; reason: string } | null };

export function prepareBatch(input: PrepareInput): PreparedBatch {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  if (!verifyBatchSignature(input.publicKeyPem, input.kioskId, input.batchId, body, input.signature)) return { signatureOk: false };
  if (!input.decode) return { signatureOk: true, decoded: null };
  const decoded = decodeBatchBody(body, { kioskId: input.kioskId, batchId: input.batchId });
  if (!decoded.ok) return { signatureOk: true, decoded };
  const b = decoded.body;
  const records = b.records.map((r) => {
    const canonical = canonicalJson(r.payload);
    const parsed = parseRecord(r.kind, r.payload);
    return {
      id: r.id,
      kind: r.kind,
      subjectId: r.subjectId,
      contentHash: r.contentHash,
      createdAt: r.createdAt,
      canonical,
      isHashOk: sha256Hex(r.kind + '\n' + canonical) === r.contentHash,
      parsed: parsed.ok ? { ok: true, record: ingestView(parsed.record) } : parsed,
    } satisfies PreparedRecord;
  });
  return { signatureOk: true, decoded: { ok: true, body: { batchId: b.batchId, seq: b.seq, ...(b.auditHead ? { auditHead: b.auditHead } : {}), records } } };
}

/**
 * How a worker hands a prepared batch to the main thread cheaply. The canonical payload texts
 * travel as plain strings (copied, not escaped into JSON again); everything else — the
 * envelopes, the checks' findings and the records as ingest keeps them (ingestRecord.ts: an
 * interview.completed cut to its head) — is one small JSON text. The look-ups the worker read
 * ahead, if any, travel as they are (plain lists).
 */
export type WirePrepared = { meta: string; canonicals: string[]; snapshot?: LookupSnapshot };
type WireRecord = Omit<PreparedRecord, 'canonical'>;

export function toWire(b: PreparedBatch, snapshot?: LookupSnapshot): WirePrepared {
  if (!b.signatureOk || !b.decoded?.ok) return { meta: JSON.stringify(b), canonicals: [] };
  const canonicals: string[] = [];
  const records = b.decoded.body.records.map(({ canonical, ...rest }): WireRecord => (canonicals.push(canonical), rest));
  const meta: Prepared<WireRecord> = { signatureOk: true, decoded: { ok: true, body: { ...b.decoded.body, records } } };
  return { meta: JSON.stringify(meta), canonicals, ...(snapshot ? { snapshot } : {}) };
}

export function fromWire(w: WirePrepared): PreparedBatch {
  const b = JSON.parse(w.meta) as Prepared<WireRecord>;
  if (!b.signatureOk || !b.decoded?.ok) return b as PreparedBatch;
  const records = b.decoded.body.records.map((r, i): PreparedRecord => ({ ...r, canonical: w.canonicals[i]! }));
  return { signatureOk: true, decoded: { ok: true, body: { ...b.decoded.body, records, ...(w.snapshot ? { snapshot: w.snapshot } : {}) } } };
}
