/**
 * Manager lock-out recovery (docs/security.md, "Manager lock-out recovery"): head office signs a
 * one-time code for one kiosk with its Ed25519 key (`headoffice recovery-code --kiosk <id>`);
 * the kiosk checks it offline against the head-office key it pinned at enrollment, for its own
 * kiosk id, before the expiry, and only once. Format: `ikrc1.<payload base64url>.<signature base64url>`,
 * payload = JSON {k: kioskId, n: nonce (hex), exp: ISO time}. The code is long: it is pasted, not typed.
 */
import crypto from 'node:crypto';
import { z } from 'zod';

const PREFIX = 'ikrc1';
const Payload = z.strictObject({ k: z.string().min(1).max(100), n: z.string().regex(/^[0-9a-f]{32}$/), exp: z.string().datetime() });
export type RecoveryPayload = z.infer<typeof Payload>;

const signingInput = (payloadB64: string) => Buffer.from(`interview-kiosk manager recovery v1\n${payloadB64}`, 'utf8');

export function makeRecoveryCode(privateKeyPem: string, kioskId: string, expiresAt: Date): { code: string; nonce: string } {
  const nonce = crypto.randomBytes(16).toString('hex');
  const payload = Buffer.from(JSON.stringify({ k: kioskId, n: nonce, exp: expiresAt.toISOString() }), 'utf8').toString('base64url');
  const sig = crypto.sign(null, signingInput(payload), privateKeyPem).toString('base64url');
  return { code: `${PREFIX}.${payload}.${sig}`, nonce };
}

export type RecoveryCheck = { ok: true; payload: RecoveryPayload } | { ok: false; reason: string };

/** Signature, kiosk and expiry; "used before" is the caller's (it owns the database). */
export function checkRecoveryCode(code: string, headOfficeKeyPem: string, kioskId: string, now: Date): RecoveryCheck {
  const parts = code.trim().split('.');
  const bad: RecoveryCheck = { ok: false, reason: 'This is not a recovery code from this kiosk’s head office (or it was copied incompletely).' };
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return bad;
  let valid = false;
  try {
    valid = crypto.verify(null, signingInput(parts[1]), headOfficeKeyPem, Buffer.from(parts[2], 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return bad;
  let payload: RecoveryPayload;
  try {
    const p = Payload.safeParse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
    if (!p.success) return bad;
    payload = p.data;
  } catch {
    return bad;
  }
  if (payload.k !== kioskId) return { ok: false, reason: 'This recovery code was issued for another kiosk.' };
  if (new Date(payload.exp).getTime() <= now.getTime()) return { ok: false, reason: 'This recovery code has expired. Ask head office for a new one.' };
  return { ok: true, payload };
}
