import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * Decrypts every page of a SQLCipher 4 database file (and every frame of its WAL) with the
 * raw key, the way an attacker holding the key would see them — including free pages and the
 * unused space inside pages, which SQL queries never show. This build has no sqlite_dbpage,
 * so we read the file ourselves. Layout (SQLCipher 4 defaults, legacy=4): 4096-byte pages,
 * 80 reserved bytes at the end of each (16-byte IV + 64-byte HMAC-SHA512), AES-256-CBC;
 * page 1 starts with the 16-byte plaintext salt.
 */
const PAGE = 4096;
const RESERVE = 80;

function decryptPage(page: Buffer, key: Buffer, isFirst: boolean): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const d = crypto.createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(page.subarray(isFirst ? 16 : 0, PAGE - RESERVE)), d.final()]);
}

export function decryptedDbPages(file: string, hexKey: string): Buffer {
  const buf = fs.readFileSync(file);
  const key = Buffer.from(hexKey, 'hex');
  const out: Buffer[] = [];
  for (let off = 0; off + PAGE <= buf.length; off += PAGE) out.push(decryptPage(buf.subarray(off, off + PAGE), key, off === 0));
  return Buffer.concat(out);
}

/** WAL: 32-byte header, then frames of a 24-byte header (page number first) + one encrypted page. */
export function decryptedWalFrames(file: string, hexKey: string): { frames: number; bytes: Buffer } {
  if (!fs.existsSync(file)) return { frames: 0, bytes: Buffer.alloc(0) };
  const buf = fs.readFileSync(file);
  const key = Buffer.from(hexKey, 'hex');
  const out: Buffer[] = [];
  for (let off = 32; off + 24 + PAGE <= buf.length; off += 24 + PAGE) {
    const pgno = buf.readUInt32BE(off);
    out.push(decryptPage(buf.subarray(off + 24, off + 24 + PAGE), key, pgno === 1));
  }
  return { frames: out.length, bytes: Buffer.concat(out) };
}
