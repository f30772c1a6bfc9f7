/**
 * USB export sealing (core/sync/sealedBox.ts): only head office's derived X25519
 * key opens a box; a changed byte, a changed header (AAD) or another key is refused; the box
 * key the kiosk receives at enrollment must carry head office's Ed25519 signature.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../../core/sync/protocol.js';
import { deriveBoxKeyPair, open, seal, signBoxKey, verifyBoxKey } from '../../../core/sync/sealedBox.js';

describe('sealed box for USB export files', () => {
  const ho = generateSigningKeyPair();
  const box = deriveBoxKeyPair(ho.privateKeyPem);
  const aad = Buffer.from('header');
  const msg = Buffer.from('{"name":"张三"}');

  it('derives the same X25519 key pair from the same Ed25519 key, and another from another', () => {
    expect(deriveBoxKeyPair(ho.privateKeyPem).publicKeyBase64).toBe(box.publicKeyBase64);
    expect(deriveBoxKeyPair(generateSigningKeyPair().privateKeyPem).publicKeyBase64).not.toBe(box.publicKeyBase64);
    expect(Buffer.from(box.publicKeyBase64, 'base64')).toHaveLength(32);
  });

  it('round-trips with a fresh ephemeral key per box and hides the plaintext', () => {
    const a = seal(box.publicKeyBase64, msg, aad);
    const b = seal(box.publicKeyBase64, msg, aad);
    expect(a.epk).not.toBe(b.epk);
    expect(Buffer.from(a.ct, 'base64').includes(msg)).toBe(false);
    expect(open(box.privateKey, a, aad)).toEqual(msg);
  });

  it('refuses another key, a changed ciphertext/tag/iv/epk byte and a changed header', () => {
    const a = seal(box.publicKeyBase64, msg, aad);
    expect(open(deriveBoxKeyPair(generateSigningKeyPair().privateKeyPem).privateKey, a, aad)).toBeNull();
    const flip = (s: string) => {
      const x = Buffer.from(s, 'base64');
      x[0]! ^= 1;
      return x.toString('base64');
    };
    for (const k of ['ct', 'tag', 'iv', 'epk'] as const) expect(open(box.privateKey, { ...a, [k]: flip(a[k]) }, aad)).toBeNull();
    expect(open(box.privateKey, a, Buffer.from('other header'))).toBeNull();
    expect(open(box.privateKey, { ...a, tag: '' }, aad)).toBeNull();
  });

  it('the kiosk accepts a box key only with head office’s signature', () => {
    const sig = signBoxKey(ho.privateKeyPem, box.publicKeyBase64);
    expect(verifyBoxKey(ho.publicKeyPem, box.publicKeyBase64, sig)).toBe(true);
    const attacker = crypto.generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
    expect(verifyBoxKey(ho.publicKeyPem, attacker, sig)).toBe(false);
    expect(verifyBoxKey(ho.publicKeyPem, attacker, signBoxKey(generateSigningKeyPair().privateKeyPem, attacker))).toBe(false);
    expect(verifyBoxKey(ho.publicKeyPem, box.publicKeyBase64, '')).toBe(false);
  });
});
