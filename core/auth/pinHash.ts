import crypto from 'node:crypto';

/**
 * PIN hashes: scrypt with a per-user random salt, stored as
 * `scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>` so the cost can be raised later without
 * invalidating old hashes. A 6-digit PIN has only 10^6 values, so the hash alone cannot
 * protect it against someone holding the database: the database is encrypted and the lockout
 * below limits guessing at the pad; scrypt makes an offline search cost real time.
 */
export type ScryptCost = { logN: number; r: number; p: number };
export const DEFAULT_COST: ScryptCost = { logN: 15, r: 8, p: 1 };

const KEY_LEN = 32;

function derive(pin: string, salt: Buffer, c: ScryptCost): Buffer {
  const N = 2 ** c.logN;
  return crypto.scryptSync(pin.normalize('NFKC'), salt, KEY_LEN, { N, r: c.r, p: c.p, maxmem: 256 * N * c.r + 1024 * 1024 });
}

export function hashPin(pin: string, cost: ScryptCost = DEFAULT_COST): string {
  const salt = crypto.randomBytes(16);
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64'), derive(pin, salt, cost).toString('base64')].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const cost = { logN: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) };
  if (![cost.logN, cost.r, cost.p].every((n) => Number.isInteger(n) && n > 0) || cost.logN > 20) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = derive(pin, Buffer.from(parts[4]!, 'base64'), cost);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** Rejects PINs that are trivially guessed first (000000, 123456, 111111 …). */
export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
}
