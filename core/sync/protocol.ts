/**
 * The sync wire protocol, shared by the kiosk and the head-office service (docs/sync.md).
 * Pure functions only: no database, no network. Both sides import this file so the bytes a
 * kiosk signs are exactly the bytes head office verifies.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../ids.js';

export const PROTOCOL_VERSION = 1;
/** Uncompressed cap per batch: keeps one upload small enough for a poor mobile link. */
export const DEFAULT_MAX_BATCH_BYTES = 256 * 1024;
export const DEFAULT_MAX_BATCH_RECORDS = 500;
/** Head office refuses to inflate more than this (zip-bomb guard); > any legal batch. */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

export const SyncRecord = z.strictObject({
  id: z.string().min(10).max(64),
  kind: z.string().min(1).max(64),
  subjectId: z.string().min(1).max(128),
  // Checked to be an object, not copied: its own schema (core/records) reads it next, and a
  // key-by-key copy of every payload here cost as much as that reading.
  payload: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'record payload must be a JSON object' }),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Kiosk clock, kept as reported; head office orders by its own receive time. */
  createdAt: z.string().max(40),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/** The kiosk's latest audit-log entry when the batch was sealed: head office keeps it as an anchor. */
export const AuditHead = z.strictObject({ seq: z.number().int().min(0), hash: z.string().max(128) });
export type AuditHead = z.infer<typeof AuditHead>;

export const BatchBody = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  kioskId: z.string().min(1).max(64),
  batchId: z.string().regex(/^b[0-9a-f]{32}$/),
  /** Per-kiosk batch sequence, 1, 2, 3 … without gaps: head office's watermark is over it. */
  seq: z.number().int().min(1),
  records: z.array(SyncRecord).min(1).max(5000),
  /** Optional (kiosks before it omit it); signed with the rest of the body. */
  auditHead: AuditHead.optional(),
});
export type BatchBody = z.infer<typeof BatchBody>;

/** What head office answers to every batch (HTTP or folder import). */
export const BatchAck = z.object({
  batchId: z.string(),
  duplicateBatch: z.boolean(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** Highest batch seq such that every batch 1..seq of this kiosk has been ingested. */
  watermarkSeq: z.number().int(),
  /** Highest record id inside that contiguous prefix (null before the first batch). */
  watermark: z.string().nullable(),
  serverTime: z.string(),
});
export type BatchAck = z.infer<typeof BatchAck>;

/** Same formula as enqueueOutbox: the hash covers the kind and the canonical payload. */
export const recordContentHash = (kind: string, payload: unknown): string => sha256Hex(kind + '\n' + canonicalJson(payload));

/** Deterministic from the records it holds, so a batch rebuilt after a crash has the same id. */
export function batchIdFor(kioskId: string, records: readonly Pick<SyncRecord, 'id' | 'contentHash'>[]): string {
  const h = crypto.createHash('sha256').update(`batch-v1\n${kioskId}\n`);
  for (const r of records) h.update(`${r.id}:${r.contentHash}\n`);
  return 'b' + h.digest('hex').slice(0, 32);
}

export const encodeBatchBody = (body: BatchBody): Buffer => zlib.gzipSync(Buffer.from(canonicalJson(body), 'utf8'), { level: 6 });

/** The signed message: a domain tag, the kiosk id, the batch id, then the exact body bytes. */
const batchMessage = (kioskId: string, batchId: string, body: Buffer): Buffer => Buffer.concat([Buffer.from(`ikb1\n${kioskId}\n${batchId}\n`, 'utf8'), body]);

export const signBatch = (privateKeyPem: string, kioskId: string, batchId: string, body: Buffer): string => crypto.sign(null, batchMessage(kioskId, batchId, body), privateKeyPem).toString('base64');

export function verifyBatchSignature(publicKeyPem: string, kioskId: string, batchId: string, body: Buffer, signatureB64: string): boolean {
  try {
    return crypto.verify(null, batchMessage(kioskId, batchId, body), publicKeyPem, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export type DecodeResult = { ok: true; body: BatchBody } | { ok: false; reason: string };

/** Inflates (capped), parses and checks a batch body against the headers it came with. */
export function decodeBatchBody(bytes: Buffer, expect: { kioskId: string; batchId: string }): DecodeResult {
  let json: string;
  try {
    json = zlib.gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return { ok: false, reason: 'batch body is not complete gzip data (truncated in transit?)' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'batch body is not JSON' };
  }
  const parsed = BatchBody.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `batch body does not match protocol v${PROTOCOL_VERSION}: ${parsed.error.issues[0]?.message ?? ''}` };
  const body = parsed.data;
  if (body.kioskId !== expect.kioskId) return { ok: false, reason: 'batch kiosk id does not match the sender' };
  if (body.batchId !== expect.batchId) return { ok: false, reason: 'batch id does not match the header' };
  if (batchIdFor(body.kioskId, body.records) !== body.batchId) return { ok: false, reason: 'batch id is not derived from its records' };
  return { ok: true, body };
}

// ---- keys -------------------------------------------------------------------------------

export type KeyPairPem = { publicKeyPem: string; privateKeyPem: string };
export function generateSigningKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Throws unless the text is an Ed25519 public key in PEM (SPKI). */
export function assertEd25519PublicKey(pem: string): void {
  const key = crypto.createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
}

export const keyFingerprint = (publicKeyPem: string): string => sha256Hex(publicKeyPem.trim()).slice(0, 16);

// ---- kiosk requests other than batches ---------------------------------------------------

/** Signs `METHOD path` and the body hash; used for downlink fetches and version reports. */
const requestMessage = (kioskId: string, method: string, pathWithQuery: string, body: string): Buffer =>
  Buffer.from(`ikr1\n${kioskId}\n${method.toUpperCase()} ${pathWithQuery}\n${sha256Hex(body)}`, 'utf8');

export const signRequest = (privateKeyPem: string, kioskId: string, method: string, pathWithQuery: string, body = ''): string =>
  crypto.sign(null, requestMessage(kioskId, method, pathWithQuery, body), privateKeyPem).toString('base64');

export function verifyRequestSignature(publicKeyPem: string, kioskId: string, method: string, pathWithQuery: string, body: string, sig: string): boolean {
  try {
    return crypto.verify(null, requestMessage(kioskId, method, pathWithQuery, body), publicKeyPem, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

// ---- downlink ----------------------------------------------------------------------------

export const DownlinkKind = z.enum(['pack', 'opening', 'shiftTemplate', 'scoringModel', 'storeSetting']);
export type DownlinkKind = z.infer<typeof DownlinkKind>;

/**
 * storeSetting `result`: what head office does for this store's applicants — the phone result
 * page (the kiosk's receipt QR points at it) and whether head office sends results by SMS (the
 * kiosk offers the SMS consent only then). Signed like every downlink item.
 */
export const RESULT_SETTING_NAME = 'result';
export const ResultSetting = z.strictObject({
  v: z.literal(1),
  resultUrl: z
    .string()
    .max(300)
    .regex(/^https?:\/\/[^\s#]+$/, 'resultUrl must be an http(s) URL, e.g. https://ho.example/r')
    .nullable(),
  sms: z.boolean(),
});
export type ResultSetting = z.infer<typeof ResultSetting>;

/** The phone page link for a result code, as head office builds it for messages (lang zh|en). */
export const resultPageLink = (resultUrl: string, code: string, lang: 'zh-CN' | 'en'): string =>
  `${resultUrl}${resultUrl.includes('?') ? '&' : '?'}c=${encodeURIComponent(code)}&lang=${lang === 'en' ? 'en' : 'zh'}`;

export const DownlinkItem = z.object({
  kind: DownlinkKind,
  /** Pack id, opening id, model id …: one lineage of versions. */
  name: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/),
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.string(),
  contentBase64: z.string(),
  /** Head office's Ed25519 signature over downlinkMessage(); verified with the key pinned at enrollment. */
  signature: z.string(),
});
export type DownlinkItem = z.infer<typeof DownlinkItem>;

export const downlinkMessage = (i: Pick<DownlinkItem, 'kind' | 'name' | 'version' | 'sha256' | 'publishedAt'>): Buffer =>
  Buffer.from(`ikd1\n${canonicalJson({ kind: i.kind, name: i.name, publishedAt: i.publishedAt, sha256: i.sha256, version: i.version })}`, 'utf8');

export function verifyDownlinkItem(hoPublicKeyPem: string, item: DownlinkItem): { ok: true; content: Buffer } | { ok: false; reason: string } {
  const content = Buffer.from(item.contentBase64, 'base64');
  if (sha256Hex(content) !== item.sha256) return { ok: false, reason: 'content does not match its checksum' };
  let good = false;
  try {
    good = crypto.verify(null, downlinkMessage(item), hoPublicKeyPem, Buffer.from(item.signature, 'base64'));
  } catch {
    good = false;
  }
  return good ? { ok: true, content } : { ok: false, reason: 'signature is not from this kiosk’s head office' };
}

/** Exponential back-off with "equal jitter": never below half the step, never above maxMs. */
export function backoffMs(attempt: number, opts: { baseMs: number; maxMs: number }, rand: () => number = Math.random): number {
  const step = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (rand() * step) / 2);
}
