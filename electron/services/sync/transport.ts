/**
 * Kiosk → head office HTTP calls (global fetch). Every call has a timeout; errors come back
 * as values with words a store manager can act on, never as a crash of the kiosk.
 */
import { ErrorCode } from '../../../core/errors.js';
import { AuditHead, BatchAck, DownlinkItem, signRequest } from '../../../core/sync/protocol.js';
import type { SyncIdentity } from './state.js';
import { z } from 'zod';
import { sha256Hex } from '../../../core/ids.js';

export type TransportError = { ok: false; status: number; retryable: boolean; message: string };
export type TransportResult<T> = { ok: true; value: T } | TransportError;

const DEFAULT_TIMEOUT_MS = 20_000;

async function send(url: string, init: RequestInit, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ ok: true; res: Response; text: string } | TransportError> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { ok: true, res, text };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return { ok: false, status: 0, retryable: true, message: `Head office cannot be reached (${cause}). The kiosk keeps everything and will try again.` };
  }
}

function errorFrom(status: number, text: string): TransportError {
  let msg = text.slice(0, 300);
  let code = '';
  try {
    const j = JSON.parse(text) as { message?: string; code?: string };
    if (j.message) msg = j.message;
    code = j.code ?? '';
  } catch {
    /* plain text body */
  }
  // 4xx other than 408/429 will not get better by retrying the same bytes, except a body
  // damaged in transit (head office saw a checksum mismatch): the stored bytes are fine.
  const retryable = status >= 500 || status === 408 || status === 429 || code === ErrorCode.BodyIncomplete;
  return { ok: false, status, retryable, message: `Head office answered ${status}: ${msg}` };
}

const join = (base: string, p: string) => base.replace(/\/+$/, '') + p;

export const EnrollResponse = z.object({
  kioskId: z.string(),
  storeId: z.string(),
  headOfficePublicKey: z.string(),
  // Optional: a head office from before sealed USB export does not send them (export then refuses).
  headOfficeBoxKey: z.string().max(100).optional(),
  headOfficeBoxKeySignature: z.string().max(200).optional(),
});

export async function postEnroll(baseUrl: string, code: string, publicKeyPem: string, label: string): Promise<TransportResult<z.infer<typeof EnrollResponse>>> {
  const r = await send(join(baseUrl, '/v1/enroll'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, publicKey: publicKeyPem, label }),
  });
  if (!r.ok) return r;
  if (!r.res.ok) return errorFrom(r.res.status, r.text);
  return { ok: true, value: EnrollResponse.parse(JSON.parse(r.text)) };
}

/** The headers of a batch upload (docs/sync.md): who sends it, which batch, its signature and its body's checksum. */
export const batchHeaders = (kioskId: string, batch: { id: string; body: Buffer; signature: string }): Record<string, string> => ({
  'content-type': 'application/octet-stream',
  'x-kiosk-id': kioskId,
  'x-batch-id': batch.id,
  'x-signature': batch.signature,
  'x-body-sha256': sha256Hex(batch.body),
});

export async function postBatch(me: SyncIdentity, batch: { id: string; body: Buffer; signature: string }, timeoutMs?: number): Promise<TransportResult<BatchAck>> {
  const r = await send(
    join(me.headOfficeUrl, '/v1/batches'),
    {
      method: 'POST',
      headers: batchHeaders(me.kioskId, batch),
      body: new Uint8Array(batch.body),
    },
    timeoutMs,
  );
  if (!r.ok) return r;
  if (!r.res.ok) return errorFrom(r.res.status, r.text);
  const parsed = BatchAck.safeParse(JSON.parse(r.text));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, status: r.res.status, retryable: true, message: 'Head office sent an acknowledgement this kiosk does not understand.' };
}

function signedHeaders(me: SyncIdentity, method: string, pathWithQuery: string, body: string): Record<string, string> {
  return { 'x-kiosk-id': me.kioskId, 'x-signature': signRequest(me.privateKeyPem, me.kioskId, method, pathWithQuery, body) };
}

export async function getDownlink(me: SyncIdentity): Promise<TransportResult<DownlinkItem[]>> {
  const p = '/v1/downlink';
  const r = await send(join(me.headOfficeUrl, p), { method: 'GET', headers: signedHeaders(me, 'GET', p, '') });
  if (!r.ok) return r;
  if (!r.res.ok) return errorFrom(r.res.status, r.text);
  // Items are checked one by one later: one malformed item must not hide the others.
  const j = JSON.parse(r.text) as { items?: unknown[] };
  return { ok: true, value: (j.items ?? []) as DownlinkItem[] };
}

export type VersionReport = { kind: string; name: string; version: number; state: string };
/** The status report (statusReport.ts): versions and lastError, plus fields head office may not know yet (it ignores those). */
export async function postVersions(me: SyncIdentity, report: { versions: VersionReport[]; lastError: string | null } & Record<string, unknown>, timeoutMs?: number): Promise<TransportResult<true>> {
  const p = '/v1/kiosks/versions';
  const body = JSON.stringify(report);
  const r = await send(
    join(me.headOfficeUrl, p),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(me, 'POST', p, body) },
      body,
    },
    timeoutMs,
  );
  if (!r.ok) return r;
  if (!r.res.ok) return errorFrom(r.res.status, r.text);
  return { ok: true, value: true };
}

/** The audit head head office anchored for this kiosk (null before any batch carried one). */
export async function getAuditAnchor(me: SyncIdentity): Promise<TransportResult<AuditHead | null>> {
  const p = '/v1/kiosks/audit-anchor';
  const r = await send(join(me.headOfficeUrl, p), { method: 'GET', headers: signedHeaders(me, 'GET', p, '') });
  if (!r.ok) return r;
  if (!r.res.ok) return errorFrom(r.res.status, r.text);
  const parsed = z.object({ anchor: AuditHead.nullable() }).safeParse(JSON.parse(r.text));
  return parsed.success ? { ok: true, value: parsed.data.anchor } : { ok: false, status: r.res.status, retryable: true, message: 'Head office sent an audit anchor this kiosk does not understand.' };
}
