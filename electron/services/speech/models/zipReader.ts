import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * Minimal zip reader for model archives (.zip and Python wheels): central directory, stored
 * and deflated entries, streamed to disk so a 180 MB graph never sits in memory. No ZIP64:
 * every archive in models/manifest.json is far below 4 GB. Written here because no zip
 * library is among the project's dependencies and the kiosk must not shell out to `unzip`
 * (Windows kiosks have none).
 */
export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localHeaderOffset: number };

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

export function listZip(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 65_557); // EOCD (22) + max comment (65535)
    const tail = readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0) throw new Error('not a zip archive (no end-of-central-directory record)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) throw new Error('ZIP64 archives are not supported');
    const cd = readAt(fd, cdOffset, cdSize);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      out.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** Extracts one entry to `dest`; refuses names that would escape the target folder. */
export async function extractEntry(file: string, e: ZipEntry, dest: string): Promise<void> {
  if (e.method !== 0 && e.method !== 8) throw new Error(`${e.name}: unsupported zip compression method ${e.method}`);
  const fd = fs.openSync(file, 'r');
  let dataStart: number;
  try {
    const h = readAt(fd, e.localHeaderOffset, 30);
    if (h.readUInt32LE(0) !== 0x04034b50) throw new Error(`${e.name}: corrupt local header`);
    dataStart = e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const src = fs.createReadStream(file, { start: dataStart, end: dataStart + e.compressedSize - 1, highWaterMark: 1 << 20 });
  if (e.compressedSize === 0) {
    src.destroy();
    fs.writeFileSync(dest, '');
    return;
  }
  if (e.method === 0) await pipeline(src, fs.createWriteStream(dest));
  else await pipeline(src, zlib.createInflateRaw(), fs.createWriteStream(dest));
}

/** Extracts entries under `root/` (a folder inside the archive) into `destDir`. */
export async function extractZipFolder(file: string, root: string, destDir: string): Promise<string[]> {
  const prefix = root ? root.replace(/\/?$/, '/') : '';
  const written: string[] = [];
  for (const e of listZip(file)) {
    if (!e.name.startsWith(prefix) || e.name.endsWith('/')) continue;
    const rel = e.name.slice(prefix.length);
    const dest = path.resolve(destDir, rel);
    if (!dest.startsWith(path.resolve(destDir) + path.sep)) throw new Error(`refusing zip entry outside the target: ${e.name}`);
    await extractEntry(file, e, dest);
    written.push(rel);
  }
  return written;
}
