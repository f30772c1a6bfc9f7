import crypto from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID: 48-bit ms timestamp + 80 random bits, Crockford base32. Sortable by creation time. */
export function ulid(now = Date.now()): string {
  let ts = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    ts = CROCKFORD[t % 32] + ts;
    t = Math.floor(t / 32);
  }
  const rand = crypto.randomBytes(16);
  let r = '';
  for (let i = 0; i < 16; i++) r += CROCKFORD[rand[i]! % 32];
  return ts + r;
}

/** Receipt codes: 12 symbols from a 31-letter alphabet without 0/O, 1/I/L (≈59 bits), grouped 4-4-4. */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function receiptCode(): string {
  const out: string[] = [];
  while (out.length < 12) {
    const b = crypto.randomBytes(1)[0]!;
    if (b < 248) out.push(RECEIPT_ALPHABET[b % 31]!); // 248 = 8*31: no modulo bias
  }
  return `${out.slice(0, 4).join('')}-${out.slice(4, 8).join('')}-${out.slice(8).join('')}`;
}
export const normalizeReceiptCode = (s: string): string =>
  s
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/^(.{4})(.{4})(.{4})$/, '$1-$2-$3');

export const nowIso = (): string => new Date().toISOString();

export const sha256Hex = (data: string | Buffer): string => crypto.createHash('sha256').update(data).digest('hex');

/**
 * JSON with sorted keys, so the same content always hashes the same. Most values arrive with
 * their keys already sorted (records are built and sent that way): for those the plain
 * serialisation is the canonical one, found without copying every object.
 */
export function canonicalJson(value: unknown): string {
  return keysSorted(value) ? JSON.stringify(value) : sortedJson(value);
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * True when every object in `value` lists its own keys in the order sortedJson would write
 * them (strictly increasing by code unit). Objects whose JSON form is not their own keys
 * (toJSON: dates) are not inspected; JSON.stringify converts them the same way either path.
 */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let previous: string | null = null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (previous !== null && !(previous < key)) return false;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}
