/**
 * Head office's own signing key, one-time enrollment codes and scoped API tokens. Codes and
 * tokens are shown once and stored only as sha256 hashes.
 */
import crypto from 'node:crypto';
import { assertEd25519PublicKey, generateSigningKeyPair } from '../electron/services/sync/protocol.js';
import { sha256Hex, ulid } from '../electron/services/util/ids.js';
import { logEvent } from './ingest.js';
import type { HoStore } from './store/types.js';

export const SCOPES = ['feed:read', 'stats:read', 'export', 'outcomes:write', 'fairness:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Created on first use; kiosks pin its public key at enrollment, so it must not change. */
export async function headOfficeKey(store: HoStore): Promise<{ id: string; publicKeyPem: string; privateKeyPem: string }> {
  const row = await store.get<{ id: string; public_key_pem: string; private_key_pem: string }>('SELECT id, public_key_pem, private_key_pem FROM ho_keys ORDER BY created_at LIMIT 1');
  if (row) return { id: row.id, publicKeyPem: row.public_key_pem, privateKeyPem: row.private_key_pem };
  const k = generateSigningKeyPair();
  const id = 'hok_' + ulid();
  await store.run('INSERT INTO ho_keys (id, public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [id, k.publicKeyPem, k.privateKeyPem, new Date().toISOString()]);
  return headOfficeKey(store);
}

// 10 symbols of a 32-letter alphabet without 0/O/1/I (50 bits), typed by a person at the kiosk.
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export async function issueEnrollmentCode(store: HoStore, storeId: string, ttlHours = 72): Promise<{ code: string; expiresAt: string }> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(storeId)) throw new Error('store id: letters, digits, - and _ only');
  const bytes = crypto.randomBytes(10);
  const raw = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000).toISOString();
  await store.run('INSERT INTO ho_enrollment_codes (code_hash, store_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [sha256Hex(raw), storeId, new Date().toISOString(), expiresAt]);
  return { code: `${raw.slice(0, 5)}-${raw.slice(5)}`, expiresAt };
}

export type EnrollResult = { ok: true; kioskId: string; storeId: string; headOfficePublicKey: string } | { ok: false; status: 400 | 401; message: string };

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
      const used = await q.run('UPDATE ho_enrollment_codes SET used_at = ?, kiosk_id = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?', [now, kioskId, sha256Hex(normalizeCode(code)), now]);
      if (used.changes !== 1) {
        await logEvent(q, 'enroll-refused', null, 'unknown, used or expired enrollment code');
        return null;
      }
      const row = (await q.get<{ store_id: string }>('SELECT store_id FROM ho_enrollment_codes WHERE kiosk_id = ?', [kioskId]))!;
      await q.run('INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES (?, ?, ?, ?, ?)', [kioskId, row.store_id, label.slice(0, 80), publicKeyPem, now]);
      return row.store_id;
    },
    { serial: true },
  );
  if (r === null) return { ok: false, status: 401, message: 'The enrollment code is unknown, already used or expired. Ask head office for a new one.' };
  return { ok: true, kioskId, storeId: r, headOfficePublicKey: hoKey.publicKeyPem };
}

export async function issueToken(store: HoStore, name: string, scopes: string[]): Promise<{ id: string; token: string; scopes: string[] }> {
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || bad.length > 0) throw new Error(`scopes must be some of ${SCOPES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
  const id = 'tok_' + ulid().toLowerCase();
  const token = `hot_${crypto.randomBytes(24).toString('base64url')}`;
  await store.run('INSERT INTO ho_tokens (id, name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)', [id, name, sha256Hex(token), scopes.join(' '), new Date().toISOString()]);
  return { id, token, scopes };
}

export async function revokeToken(store: HoStore, id: string): Promise<boolean> {
  const r = await store.run('UPDATE ho_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date().toISOString(), id]);
  return r.changes === 1;
}

export const listTokens = (store: HoStore) =>
  store.all<{ id: string; name: string; scopes: string; created_at: string; revoked_at: string | null; feed_cursor: number }>(
    'SELECT id, name, scopes, created_at, revoked_at, feed_cursor FROM ho_tokens ORDER BY created_at',
  );

export type TokenInfo = { id: string; scopes: string[]; feedCursor: number };

export async function checkToken(store: HoStore, token: string | null, scope: Scope): Promise<{ ok: true; token: TokenInfo } | { ok: false; status: 401 | 403; message: string }> {
  if (!token) return { ok: false, status: 401, message: 'Send an API token: Authorization: Bearer <token>.' };
  const row = await store.get<{ id: string; scopes: string; feed_cursor: number; revoked_at: string | null }>('SELECT id, scopes, feed_cursor, revoked_at FROM ho_tokens WHERE token_hash = ?', [sha256Hex(token)]);
  if (!row || row.revoked_at) return { ok: false, status: 401, message: 'This API token is unknown or revoked.' };
  const scopes = row.scopes.split(' ');
  if (!scopes.includes(scope) && !scopes.includes('admin')) return { ok: false, status: 403, message: `This API token lacks the "${scope}" scope.` };
  return { ok: true, token: { id: row.id, scopes, feedCursor: row.feed_cursor } };
}
