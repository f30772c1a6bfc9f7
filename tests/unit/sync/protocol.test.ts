import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  batchIdFor,
  decodeBatchBody,
  encodeBatchBody,
  generateSigningKeyPair,
  recordContentHash,
  signBatch,
  signRequest,
  verifyBatchSignature,
  verifyRequestSignature,
  type SyncRecord,
} from '../../../core/sync/protocol.js';
import { canonicalJson, sha256Hex } from '../../../core/ids.js';

const rec = (i: number): SyncRecord => {
  const payload = { interview: { id: `iv${i}` }, n: i };
  return {
    id: `01J${String(i).padStart(23, '0')}`,
    kind: 'interview.completed',
    subjectId: `iv${i}`,
    payload,
    contentHash: recordContentHash('interview.completed', payload),
    createdAt: '2026-01-01T00:00:00.000Z',
  };
};

describe('sync protocol', () => {
  const keys = generateSigningKeyPair();
  const records = [rec(1), rec(2), rec(3)];
  const batchId = batchIdFor('k1', records);
  const body = encodeBatchBody({ v: 1, kioskId: 'k1', batchId, seq: 1, records });

  it('hashes records exactly like enqueueOutbox (kind + newline + canonical payload)', () => {
    const payload = { b: 1, a: { d: 2, c: [3] } };
    expect(recordContentHash('decision.made', payload)).toBe(sha256Hex('decision.made\n' + canonicalJson(payload)));
  });

  it('derives the batch id from kiosk and records, so a rebuilt batch keeps its id', () => {
    expect(batchIdFor('k1', [rec(1), rec(2), rec(3)])).toBe(batchId);
    expect(batchIdFor('k2', records)).not.toBe(batchId);
    expect(batchIdFor('k1', [rec(2), rec(1), rec(3)])).not.toBe(batchId);
    expect(encodeBatchBody({ v: 1, kioskId: 'k1', batchId, seq: 1, records })).toEqual(body);
  });

  it('verifies a signature over kiosk id, batch id and the exact bytes, and nothing else', () => {
    const sig = signBatch(keys.privateKeyPem, 'k1', batchId, body);
    expect(verifyBatchSignature(keys.publicKeyPem, 'k1', batchId, body, sig)).toBe(true);
    expect(verifyBatchSignature(keys.publicKeyPem, 'k2', batchId, body, sig)).toBe(false);
    expect(verifyBatchSignature(keys.publicKeyPem, 'k1', 'b' + '0'.repeat(32), body, sig)).toBe(false);
    const flipped = Buffer.from(body);
    flipped[20] ^= 1;
    expect(verifyBatchSignature(keys.publicKeyPem, 'k1', batchId, flipped, sig)).toBe(false);
    expect(verifyBatchSignature(generateSigningKeyPair().publicKeyPem, 'k1', batchId, body, sig)).toBe(false);
    expect(verifyBatchSignature(keys.publicKeyPem, 'k1', batchId, body, 'not base64 at all')).toBe(false);
  });

  it('decodes a good body and refuses truncated, mismatched or re-labelled ones', () => {
    const ok = decodeBatchBody(body, { kioskId: 'k1', batchId });
    expect(ok.ok && ok.body.records.length).toBe(3);
    expect(decodeBatchBody(body.subarray(0, body.length - 5), { kioskId: 'k1', batchId })).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated/) });
    expect(decodeBatchBody(body, { kioskId: 'k2', batchId })).toMatchObject({ ok: false });
    const lying = encodeBatchBody({ v: 1, kioskId: 'k1', batchId, seq: 1, records: [rec(1), rec(2)] });
    expect(decodeBatchBody(lying, { kioskId: 'k1', batchId })).toMatchObject({ ok: false, reason: 'batch id is not derived from its records' });
  });

  it('signs requests over method, path and body', () => {
    const s = signRequest(keys.privateKeyPem, 'k1', 'POST', '/v1/kiosks/versions', '{"a":1}');
    expect(verifyRequestSignature(keys.publicKeyPem, 'k1', 'POST', '/v1/kiosks/versions', '{"a":1}', s)).toBe(true);
    expect(verifyRequestSignature(keys.publicKeyPem, 'k1', 'POST', '/v1/kiosks/versions', '{"a":2}', s)).toBe(false);
    expect(verifyRequestSignature(keys.publicKeyPem, 'k1', 'GET', '/v1/downlink', '', s)).toBe(false);
  });

  it('backs off exponentially with jitter, within [step/2, step] and never above the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const opts = { baseMs: 1000, maxMs: 300_000 };
        const step = Math.min(opts.maxMs, opts.baseMs * 2 ** attempt);
        const ms = backoffMs(attempt, opts, () => r);
        return ms >= Math.floor(step / 2) && ms <= step;
      }),
    );
    expect(backoffMs(3, { baseMs: 1000, maxMs: 300_000 }, () => 0.999)).toBeGreaterThan(backoffMs(1, { baseMs: 1000, maxMs: 300_000 }, () => 0.999));
  });
});
