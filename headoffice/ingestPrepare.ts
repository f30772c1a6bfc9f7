/**
 * The CPU half of batch ingest (ingest.ts): signature check, inflating and parsing the body,
 * and per record the canonical form, the content-hash check and the schema check. Pure — no
 * database — so it runs in a worker thread (ingestPool.ts) while the main thread writes other
 * batches; the result is the same wherever it ran.
 */
import { canonicalJson, sha256Hex } from '../core/ids.js';
import { decodeBatchBody, verifyBatchSignature, type AuditHead, type SyncRecord } from '../core/sync/protocol.js';
import { parseRecord, type ParseResult } from '../core/records/registry.js';

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
  parsed: ParseResult;
};

export type PreparedBody = { batchId: string; seq: number; auditHead?: AuditHead; records: PreparedRecord[] };
export type PreparedBatch = { signatureOk: false } | { signatureOk: true; decoded: { ok: true; body: PreparedBody } | { ok: false; reason: string } | null };

type Prepared<R> = { signatureOk: false } | { signatureOk: true; decoded: { ok: true; body: Omit<PreparedBody, 'records'> & { records: R[] } } | { ok: false; reason: string } | null };

function prepareWith<R>(input: PrepareInput, each: (r: SyncRecord, prepared: PreparedRecord) => R): Prepared<R> {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  if (!verifyBatchSignature(input.publicKeyPem, input.kioskId, input.batchId, body, input.signature)) return { signatureOk: false };
  if (!input.decode) return { signatureOk: true, decoded: null };
  const decoded = decodeBatchBody(body, { kioskId: input.kioskId, batchId: input.batchId });
  if (!decoded.ok) return { signatureOk: true, decoded };
  const b = decoded.body;
  const records = b.records.map((r) => {
    const canonical = canonicalJson(r.payload);
    const prepared: PreparedRecord = {
      id: r.id,
      kind: r.kind,
      subjectId: r.subjectId,
      contentHash: r.contentHash,
      createdAt: r.createdAt,
      canonical,
      isHashOk: sha256Hex(r.kind + '\n' + canonical) === r.contentHash,
      parsed: parseRecord(r.kind, r.payload),
    };
    return each(r, prepared);
  });
  return { signatureOk: true, decoded: { ok: true, body: { batchId: b.batchId, seq: b.seq, ...(b.auditHead ? { auditHead: b.auditHead } : {}), records } } };
}

export const prepareBatch = (input: PrepareInput): PreparedBatch => prepareWith(input, (_, p) => p);

/**
 * How a worker hands a prepared batch to the main thread cheaply. The canonical payload texts
 * travel as plain strings (copied, not escaped into JSON again); everything else is one small
 * JSON text. A record whose checked form equals its payload as sent — the usual case — does not
 * travel twice: the main thread reads it back from its canonical text. Only a record the schema
 * changed (a default filled in, an unknown key dropped) carries its checked form.
 */
export type WirePrepared = { meta: string; canonicals: string[] };
type WireRecord = Omit<PreparedRecord, 'canonical' | 'parsed'> & { parsed: ParseResult | { ok: true; asSent: true } };

/** Equal as JSON values (a key holding undefined counts as absent; key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    n++;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) n--;
  return n === 0;
}

export function prepareBatchForWire(input: PrepareInput): WirePrepared {
  const canonicals: string[] = [];
  const b = prepareWith(input, (raw, p): WireRecord => {
    canonicals.push(p.canonical);
    const { canonical: _, parsed, ...rest } = p;
    return { ...rest, parsed: parsed.ok && sameJson(raw.payload, parsed.record.payload) ? { ok: true, asSent: true } : parsed };
  });
  return { meta: JSON.stringify(b), canonicals };
}

export function fromWire(w: WirePrepared): PreparedBatch {
  const b = JSON.parse(w.meta) as Prepared<WireRecord>;
  if (!b.signatureOk || !b.decoded?.ok) return b as PreparedBatch;
  const records = b.decoded.body.records.map((r, i): PreparedRecord => {
    const canonical = w.canonicals[i]!;
    const parsed = 'asSent' in r.parsed ? ({ ok: true, record: { kind: r.kind, payload: JSON.parse(canonical) } } as ParseResult) : r.parsed;
    return { ...r, canonical, parsed };
  });
  return { signatureOk: true, decoded: { ok: true, body: { ...b.decoded.body, records } } };
}
