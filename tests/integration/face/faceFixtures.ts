import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../../electron/services/app/config.js';

/** Shared test assets beside the checkout (see ../shared/models/MANIFEST.md). */
export const SHARED = path.resolve(APP_ROOT, '..', 'shared');
export const FACES_DIR = path.join(SHARED, 'testdata', 'faces');
export const VIDEO_DIR = path.join(SHARED, 'testdata', 'video');
export const SPEECH_DIR = path.join(SHARED, 'testdata', 'speech');
export const MODELS_DIR = path.join(APP_ROOT, 'models');
const MODEL_SHA256 = '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff';

/** Copies the face model into models/face (git-ignored) if missing; fails loudly on a bad digest. */
export function ensureFaceModel(): void {
  const dest = path.join(MODELS_DIR, 'face', 'face_landmarker.task');
  if (!fs.existsSync(dest)) {
    const src = path.join(SHARED, 'models', 'face_landmarker.task');
    if (!fs.existsSync(src)) throw new Error(`face model missing: neither ${dest} nor ${src} exists`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
  }
  const sha = crypto.createHash('sha256').update(fs.readFileSync(dest)).digest('hex');
  if (sha !== MODEL_SHA256) throw new Error(`face model at ${dest} has sha256 ${sha}, expected ${MODEL_SHA256}`);
}
ensureFaceModel();

/** "expected" column of the faces table in MANIFEST.md: file → face count. */
export function expectedFaceCounts(): Record<string, number> {
  const md = fs.readFileSync(path.join(SHARED, 'models', 'MANIFEST.md'), 'utf8');
  const section = md.slice(md.indexOf('## Test data: faces'), md.indexOf('## Test data: speech'));
  const out: Record<string, number> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1];
    const m = /^(\d+) faces?\b/.exec(cells.at(-2) ?? '');
    if (file && /\.(png|jpe?g)$/.test(file) && m) out[file] = Number(m[1]);
  }
  if (Object.keys(out).length === 0) throw new Error('no face expectations parsed from MANIFEST.md');
  return out;
}

/** A still image looped as a .y4m clip (for the fake camera). */
export function stillClip(image: string, out: string, seconds = 3): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-i', image, '-t', String(seconds), '-r', '25', '-vf', 'scale=360:-2', '-pix_fmt', 'yuv420p', out]);
  return out;
}
