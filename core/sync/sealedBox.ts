/**
 * USB export files are sealed to head office (docs/sync.md, "Export / import"): an anonymous
 * sealed box from node:crypto alone. The kiosk makes an ephemeral X25519 key per file, does
 * ECDH with head office's X25519 public key, derives an AES-256-GCM key with HKDF-SHA256 (salt =
 * ephemeral public ‖ recipient public) and encrypts; the file's clear header goes in as AAD.
 * Only the holder of head office's X25519 private key can open it; any changed byte fails the tag.
 *
 * Head office's X25519 key pair is derived from its Ed25519 signing key (HKDF over the seed), so
 * nothing new is stored at head office; the kiosk gets the public half at enrollment, signed
 * with the Ed25519 key it pins, and checks that signature before keeping it.
 */
import crypto from 'node:crypto';

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const HKDF_INFO = 'interview-kiosk usb batch v2';
const BOX_KEY_LABEL = 'interview-kiosk x25519 box key v1\n';

export type SealedBox = { epk: string; iv: string; tag: string; ct: string };

function rawX25519Public(key: crypto.KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length);
}

export function x25519PublicFromRaw(raw: Buffer): crypto.KeyObject {
  if (raw.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return crypto.createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Head office's X25519 key pair, derived deterministically from its Ed25519 private key. */
export function deriveBoxKeyPair(ed25519PrivateKeyPem: string): { privateKey: crypto.KeyObject; publicKeyBase64: string } {
  const jwk = crypto.createPrivateKey(ed25519PrivateKeyPem).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.d) throw new Error('head office key is not an Ed25519 private key');
  const seed = Buffer.from(jwk.d, 'base64url');
  const x = Buffer.from(crypto.hkdfSync('sha256', seed, Buffer.alloc(0), 'interview-kiosk head office x25519 v1', 32));
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, x]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKeyBase64: rawX25519Public(crypto.createPublicKey(privateKey)).toString('base64') };
}

/** What head office signs (Ed25519) so the kiosk can trust the box key it receives. */
export const boxKeySigningInput = (publicKeyBase64: string) => Buffer.from(BOX_KEY_LABEL + publicKeyBase64, 'utf8');

export function signBoxKey(ed25519PrivateKeyPem: string, publicKeyBase64: string): string {
  return crypto.sign(null, boxKeySigningInput(publicKeyBase64), ed25519PrivateKeyPem).toString('base64');
}

export function verifyBoxKey(ed25519PublicKeyPem: string, publicKeyBase64: string, signatureBase64: string): boolean {
  try {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    if (raw.length !== 32) return false;
    return crypto.verify(null, boxKeySigningInput(publicKeyBase64), ed25519PublicKeyPem, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

function aesKey(shared: Buffer, epkRaw: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([epkRaw, recipientRaw]), HKDF_INFO, 32));
}

export function seal(recipientPublicKeyBase64: string, plaintext: Buffer, aad: Buffer): SealedBox {
  const recipientRaw = Buffer.from(recipientPublicKeyBase64, 'base64');
  const recipient = x25519PublicFromRaw(recipientRaw);
  const eph = crypto.generateKeyPairSync('x25519');
  const epkRaw = rawX25519Public(eph.publicKey);
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', aesKey(shared, epkRaw, recipientRaw), iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { epk: epkRaw.toString('base64'), iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Returns null when the box was not sealed to this key or any byte (or the AAD) changed. */
export function open(privateKey: crypto.KeyObject, box: SealedBox, aad: Buffer): Buffer | null {
  try {
    const epkRaw = Buffer.from(box.epk, 'base64');
    const recipientRaw = rawX25519Public(crypto.createPublicKey(privateKey));
    const shared = crypto.diffieHellman({ privateKey, publicKey: x25519PublicFromRaw(epkRaw) });
    const d = crypto.createDecipheriv('aes-256-gcm', aesKey(shared, epkRaw, recipientRaw), Buffer.from(box.iv, 'base64'));
    d.setAAD(aad);
    const tag = Buffer.from(box.tag, 'base64');
    if (tag.length !== 16) return null;
    d.setAuthTag(tag);
    return Buffer.concat([d.update(Buffer.from(box.ct, 'base64')), d.final()]);
  } catch {
    return null;
  }
}
