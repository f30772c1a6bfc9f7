/**
 * Head office's own signing key, one-time enrollment codes, kiosks (list, revoke) and scoped,
 * expiring API tokens. Codes and tokens are shown once and stored only as sha256 hashes.
 */
import crypto from 'node:crypto';
import { ErrorCode } from '../core/errors.js';
import { assertEd25519PublicKey, generateSigningKeyPair } from '../core/sync/protocol.js';
import { makeRecoveryCode } from '../core/auth/recoveryCode.js';
import { deriveBoxKeyPair, signBoxKey } from '../core/sync/sealedBox.js';
import { sha256Hex, ulid } from '../core/ids.js';
import { logEvent } from './ingest.js';
import { transferOwnership } from './owners.js';
import type { HoStore } from './store/types.js';

export const SCOPES = ['feed:read', 'stats:read', 'export', 'outcomes:write', 'fairness:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Created on first use; kiosks pin its public key at enrollment, so it must not change. */
export async function headOfficeKey(store: HoStore): Promise<{ id: string; publicKeyPem: string; privateKeyPem: string }> {
  const row = await store.get<{ id: string; public_key_pem: string; private_key_pem: string }>('SELECT id, public_key_pem, private_key_pem FROM ho_keys ORDER BY created_at, id LIMIT 1');
  if (row) return { id: row.id, publicKeyPem: row.public_key_pem, privateKeyPem: row.private_key_pem };
  // Check and insert under the serial lock: two instances starting on an empty database must
  // not each make a key (kiosks would pin whichever answered their enrollment).
  await store.tx(
    async (q) => {
      if (await q.get('SELECT id FROM ho_keys LIMIT 1')) return;
      const k = generateSigningKeyPair();
      await q.run('INSERT INTO ho_keys (id, public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?)', ['hok_' + ulid(), k.publicKeyPem, k.privateKeyPem, new Date().toISOString()]);
    },
    { serial: true },
  );
  return headOfficeKey(store);
}

// 10 symbols of a 32-letter alphabet without 0/O/1/I (50 bits), typed by a person at the kiosk.
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * `replaces`: the code re-enrolls an existing kiosk of the same store (new key, new kiosk id).
 * The new kiosk inherits the old one's interviews and applicants, and the old id is revoked.
 * Without it a re-enrolled kiosk owns nothing it sent before (docs/sync.md, "Authorised writes").
 */
export async function issueEnrollmentCode(store: HoStore, storeId: string, ttlHours = 72, opts: { replaces?: string } = {}): Promise<{ code: string; expiresAt: string; replaces: string | null }> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(storeId)) throw new Error('store id: letters, digits, - and _ only');
  const replaces = opts.replaces ?? null;
  if (replaces) {
    const old = await store.get<{ store_id: string }>('SELECT store_id FROM ho_kiosks WHERE id = ?', [replaces]);
    if (!old) throw new Error(`--replaces: no kiosk ${replaces} (see the kiosks command)`);
    if (old.store_id !== storeId) throw new Error(`--replaces: kiosk ${replaces} belongs to store ${old.store_id}, not ${storeId}; a kiosk can only be replaced within its store`);
  }
  const bytes = crypto.randomBytes(10);
  const raw = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000).toISOString();
  await store.run('INSERT INTO ho_enrollment_codes (code_hash, store_id, created_at, expires_at, replaces_kiosk_id) VALUES (?, ?, ?, ?, ?)', [
    sha256Hex(raw),
    storeId,
    new Date().toISOString(),
    expiresAt,
    replaces,
  ]);
  return { code: `${raw.slice(0, 5)}-${raw.slice(5)}`, expiresAt, replaces };
}

export type EnrollResult =
  { ok: true; kioskId: string; storeId: string; headOfficePublicKey: string; headOfficeBoxKey: string; headOfficeBoxKeySignature: string } | { ok: false; status: 400 | 401; message: string };

/** Consumes the code atomically: two kiosks racing with one code get one success. */
export async function enrollKioskKey(store: HoStore, code: string, publicKeyPem: string, label: string): Promise<EnrollResult> {
  try {
    assertEd25519PublicKey(publicKeyPem);
  } catch {
    return { ok: false, status: 400, message: 'publicKey must be an Ed25519 public key in PEM (SPKI) form' };
  }
  const hoKey = await headOfficeKey(store);
  const now = new Date().toISOString();
  const kioskId = 'k_' + ulid().toLowerCase();
  const r = await store.tx(
    async (q) => {
      // A refused code is counted per source address by the server (authLimits.ts), not logged row by row.
      const used = await q.run('UPDATE ho_enrollment_codes SET used_at = ?, kiosk_id = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?', [
        now,
        kioskId,
        sha256Hex(normalizeCode(code)),
        now,
      ]);
      if (used.changes !== 1) return null;
      const row = (await q.get<{ store_id: string; replaces_kiosk_id: string | null }>('SELECT store_id, replaces_kiosk_id FROM ho_enrollment_codes WHERE kiosk_id = ?', [kioskId]))!;
      await q.run('INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES (?, ?, ?, ?, ?)', [kioskId, row.store_id, label.slice(0, 80), publicKeyPem, now]);
      if (row.replaces_kiosk_id) {
        // The kiosk keeps numbering its batches where it left off, and it re-enrolls only with
        // everything acknowledged: the old watermark is exactly where the new id starts.
        // Same for the audit anchor: it is still the same kiosk and the same audit log.
        await q.run(
          `UPDATE ho_kiosks SET (watermark_seq, watermark, audit_seq, audit_hash, audit_batch_seq, audit_at) =
             (SELECT watermark_seq, watermark, audit_seq, audit_hash, audit_batch_seq, audit_at FROM ho_kiosks WHERE id = ?) WHERE id = ?`,
          [row.replaces_kiosk_id, kioskId],
        );
        const moved = await transferOwnership(q, row.replaces_kiosk_id, kioskId);
        await q.run('UPDATE ho_kiosks SET revoked_at = COALESCE(revoked_at, ?), replaced_by = ? WHERE id = ?', [now, kioskId, row.replaces_kiosk_id]);
        await logEvent(q, 'kiosk-replaced', kioskId, `replaces ${row.replaces_kiosk_id} (revoked); ${moved} interview/applicant id(s) carried over`);
      }
      return row.store_id;
    },
    { serial: true },
  );
  if (r === null) return { ok: false, status: 401, message: 'The enrollment code is unknown, already used or expired. Ask head office for a new one.' };
  // The X25519 key USB export files are sealed to (core/sync/sealedBox.ts), signed
  // with the Ed25519 key the kiosk pins, so the kiosk can check it came from head office.
  const box = deriveBoxKeyPair(hoKey.privateKeyPem);
  return {
    ok: true,
    kioskId,
    storeId: r,
    headOfficePublicKey: hoKey.publicKeyPem,
    headOfficeBoxKey: box.publicKeyBase64,
    headOfficeBoxKeySignature: signBoxKey(hoKey.privateKeyPem, box.publicKeyBase64),
  };
}

export const DEFAULT_TOKEN_TTL_DAYS = 90;

export async function issueToken(store: HoStore, name: string, scopes: string[], opts: { ttlDays?: number } = {}): Promise<{ id: string; token: string; scopes: string[]; expiresAt: string }> {
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || bad.length > 0) throw new Error(`scopes must be some of ${SCOPES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
  const ttlDays = opts.ttlDays ?? DEFAULT_TOKEN_TTL_DAYS;
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > 3650) throw new Error('--ttl-days: a whole number of days from 1 to 3650');
  const id = 'tok_' + ulid().toLowerCase();
  const token = `hot_${crypto.randomBytes(24).toString('base64url')}`;
  const created = new Date();
  const expiresAt = new Date(created.getTime() + ttlDays * 86_400_000).toISOString();
  await store.run('INSERT INTO ho_tokens (id, name, token_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    name,
    sha256Hex(token),
    scopes.join(' '),
    created.toISOString(),
    expiresAt,
  ]);
  return { id, token, scopes, expiresAt };
}

export async function revokeToken(store: HoStore, id: string): Promise<boolean> {
  const r = await store.run('UPDATE ho_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date().toISOString(), id]);
  return r.changes === 1;
}

export async function listTokens(store: HoStore) {
  const rows = await store.all<{ id: string; name: string; scopes: string; created_at: string; expires_at: string; revoked_at: string | null; feed_cursor: number }>(
    'SELECT id, name, scopes, created_at, expires_at, revoked_at, feed_cursor FROM ho_tokens ORDER BY created_at',
  );
  const now = new Date().toISOString();
  return rows.map((r) => ({ ...r, expired: r.expires_at <= now }));
}

export type TokenInfo = { id: string; scopes: string[]; feedCursor: number };
export type TokenRefusal = { ok: false; status: 401 | 403; code: typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired | typeof ErrorCode.Forbidden; message: string };

export async function checkToken(store: HoStore, token: string | null, scope: Scope): Promise<{ ok: true; token: TokenInfo } | TokenRefusal> {
  if (!token) return { ok: false, status: 401, code: ErrorCode.Unauthorized, message: 'Send an API token: Authorization: Bearer <token>.' };
  const row = await store.get<{ id: string; scopes: string; feed_cursor: number; revoked_at: string | null; expires_at: string }>(
    'SELECT id, scopes, feed_cursor, revoked_at, expires_at FROM ho_tokens WHERE token_hash = ?',
    [sha256Hex(token)],
  );
  if (!row || row.revoked_at) return { ok: false, status: 401, code: ErrorCode.Unauthorized, message: 'This API token is unknown or revoked.' };
  if (row.expires_at <= new Date().toISOString()) {
    return { ok: false, status: 401, code: ErrorCode.TokenExpired, message: `This API token expired on ${row.expires_at.slice(0, 10)}. Ask head office for a new one (token issue).` };
  }
  const scopes = row.scopes.split(' ');
  if (!scopes.includes(scope) && !scopes.includes('admin')) return { ok: false, status: 403, code: ErrorCode.Forbidden, message: `This API token lacks the "${scope}" scope.` };
  return { ok: true, token: { id: row.id, scopes, feedCursor: row.feed_cursor } };
}

/** Refuses the kiosk's batches and signed requests from now on (403 KIOSK_REVOKED). */
/**
 * Manager lock-out recovery: a one-time code for one enrolled, unrevoked kiosk, signed with head
 * office's key (core/auth/recoveryCode.ts). Nothing secret is stored; the issue is
 * logged (`recovery-code-issued`, nonce and expiry). Give it to the store by a channel you trust.
 */
export async function issueRecoveryCode(store: HoStore, kioskId: string, ttlHours = 24): Promise<{ code: string; kioskId: string; expiresAt: string } | null> {
  if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 168) throw new Error('--ttl-hours must be between 1 and 168');
  const k = await store.get<{ id: string }>('SELECT id FROM ho_kiosks WHERE id = ? AND revoked_at IS NULL', [kioskId]);
  if (!k) return null;
  const hoKey = await headOfficeKey(store);
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  const { code, nonce } = makeRecoveryCode(hoKey.privateKeyPem, kioskId, expiresAt);
  await logEvent(store, 'recovery-code-issued', kioskId, `manager recovery code ${nonce}, expires ${expiresAt.toISOString()}`);
  return { code, kioskId, expiresAt: expiresAt.toISOString() };
}

export async function revokeKiosk(store: HoStore, kioskId: string): Promise<boolean> {
  const r = await store.run('UPDATE ho_kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date().toISOString(), kioskId]);
  if (r.changes === 1) await logEvent(store, 'kiosk-revoked', kioskId, 'revoked by an admin');
  return r.changes === 1;
}

export async function listKiosks(store: HoStore) {
  const rows = await store.all<{
    id: string;
    store_id: string;
    label: string;
    enrolled_at: string;
    watermark_seq: number;
    last_seen_at: string | null;
    versions_json: string;
    last_error: string | null;
    revoked_at: string | null;
    replaced_by: string | null;
    refused_records: number;
    audit_seq: number | null;
    audit_hash: string | null;
    audit_batch_seq: number | null;
    audit_at: string | null;
    audit_alert: string | null;
  }>(
    `SELECT id, store_id, label, enrolled_at, watermark_seq, last_seen_at, versions_json, last_error, revoked_at, replaced_by, refused_records,
       audit_seq, audit_hash, audit_batch_seq, audit_at, audit_alert FROM ho_kiosks ORDER BY enrolled_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    label: r.label,
    enrolledAt: r.enrolled_at,
    watermarkSeq: r.watermark_seq,
    lastSeenAt: r.last_seen_at,
    versions: JSON.parse(r.versions_json) as unknown,
    lastError: r.last_error,
    revokedAt: r.revoked_at,
    replacedBy: r.replaced_by,
    /** records refused because they were about another kiosk's interviews or applicants */
    refusedRecords: r.refused_records,
    /** latest audit-log head the kiosk's batches carried (docs/sync.md, "Audit anchor") */
    auditAnchor: r.audit_seq === null ? null : { seq: r.audit_seq, hash: r.audit_hash, batchSeq: r.audit_batch_seq, at: r.audit_at },
    auditAlert: r.audit_alert,
  }));
}
