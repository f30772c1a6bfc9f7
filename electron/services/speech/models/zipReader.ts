import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Model archives (.zip and Python wheels) through yauzl: the central directory is read first,
 * entries are streamed to disk one at a time (a 180 MB graph never sits in memory), ZIP64 works,
 * entry sizes are checked against the directory, and names that are absolute or climb out with
 * ".." are refused by yauzl before we see them. The kiosk must not shell out to `unzip`
 * (Windows kiosks have none).
 */
function open(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (e, zip) => (e || !zip ? reject(notAZip(file, e)) : resolve(zip))));
}

const notAZip = (file: string, e: Error | null | undefined) => new Error(`${path.basename(file)} is not a readable zip archive (${e?.message ?? 'unknown error'})`);

/** Calls `each` for every entry in order, one at a time. */
async function forEachEntry(file: string, each: (zip: ZipFile, e: Entry) => Promise<void>): Promise<void> {
  const zip = await open(file);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: Entry) => {
        each(zip, e).then(() => zip.readEntry(), reject);
      });
      zip.on('end', resolve);
      zip.on('error', (err: Error) => reject(notAZip(file, err)));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** The names of every entry (folders end with "/"). */
export async function listZip(file: string): Promise<string[]> {
  const names: string[] = [];
  await forEachEntry(file, async (_zip, e) => {
    names.push(e.fileName);
  });
  return names;
}

const readStream = (zip: ZipFile, e: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zip.openReadStream(e, (err, s) => (err || !s ? reject(err ?? new Error(`${e.fileName}: no data`)) : resolve(s))));

/** Extracts entries under `root/` (a folder inside the archive) into `destDir`; returns the paths written, relative to it. */
export async function extractZipFolder(file: string, root: string, destDir: string): Promise<string[]> {
  const prefix = root ? root.replace(/\/?$/, '/') : '';
  const base = path.resolve(destDir);
  const written: string[] = [];
  await forEachEntry(file, async (zip, e) => {
    if (!e.fileName.startsWith(prefix) || e.fileName.endsWith('/')) return;
    const rel = e.fileName.slice(prefix.length);
    const dest = path.resolve(base, rel);
    // yauzl already refuses absolute and ".." names; this keeps the promise for any other path.
    if (!dest.startsWith(base + path.sep)) throw new Error(`refusing zip entry outside the target: ${e.fileName}`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    await pipeline(await readStream(zip, e), fs.createWriteStream(dest));
    written.push(rel);
  });
  return written;
}
