import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, KioskError } from '../../shared/errors.js';

const run = promisify(execFile);

/**
 * What the harness needs for one input file:
 * - still images (.jpg .jpeg .png .webp .bmp) are decoded in the page;
 * - .mjpeg/.y4m go straight to Chromium's fake camera (--use-file-for-fake-video-capture);
 * - other videos (.mpg .mp4 .webm .mov .avi …) are converted with ffmpeg to .mjpeg, and their
 *   sound (if any) to a 16 kHz mono .wav that becomes the fake microphone, so "is speaking"
 *   comes from the clip's own audio energy.
 */
export type PreparedInput =
  | { kind: 'image'; file: string }
  | { kind: 'video'; videoFile: string; audioFile: string | null; durationMs: number };

export const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.gif']);
export const FAKE_CAMERA_EXT = new Set(['.mjpeg', '.mjpg', '.y4m']);

async function ffmpeg(args: string[]): Promise<void> {
  try {
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { timeout: 120_000 });
  } catch (e) {
    throw new KioskError(ErrorCode.DeviceMissing, 'Could not convert the video with ffmpeg — install ffmpeg or pass a .mjpeg/.y4m file', { cause: e });
  }
}

/** Clip length via ffprobe; falls back to 3 s (the GRID clips) when ffprobe is unavailable. */
export async function probeDurationMs(file: string): Promise<number> {
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    const s = Number.parseFloat(stdout.trim());
    if (Number.isFinite(s) && s > 0) return Math.round(s * 1000);
  } catch {
    // fall through
  }
  return 3000;
}

async function hasAudio(file: string): Promise<boolean> {
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=index', '-of', 'csv=p=0', file]);
    return stdout.trim().length > 0;
  } catch {
    return false;
  }
}

export async function prepareInput(file: string, workDir: string, audio?: string | null): Promise<PreparedInput> {
  if (!fs.existsSync(file)) throw new KioskError(ErrorCode.NotFound, `Input file not found: ${file}`);
  const ext = path.extname(file).toLowerCase();
  if (IMAGE_EXT.has(ext)) return { kind: 'image', file };
  if (FAKE_CAMERA_EXT.has(ext)) {
    // y4m has no duration for ffprobe in some builds; mjpeg has no timing at all (Chromium plays it at 25 fps… or as fast as it reads the header says). 3 s covers the staged clips.
    return { kind: 'video', videoFile: file, audioFile: audio ?? null, durationMs: await probeDurationMs(file) };
  }
  const videoFile = path.join(workDir, 'input.mjpeg');
  await ffmpeg(['-i', file, '-an', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'mjpeg', videoFile]);
  let audioFile = audio ?? null;
  if (!audioFile && (await hasAudio(file))) {
    audioFile = path.join(workDir, 'input.wav');
    await ffmpeg(['-i', file, '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', audioFile]);
  }
  return { kind: 'video', videoFile, audioFile, durationMs: await probeDurationMs(file) };
}

/** A still image looped as a .y4m clip (e.g. the no-face clip for tests). */
export async function stillToY4m(image: string, out: string, seconds = 3): Promise<string> {
  await ffmpeg(['-loop', '1', '-i', image, '-t', String(seconds), '-r', '10', '-vf', 'scale=480:-2', '-pix_fmt', 'yuv420p', out]);
  return out;
}
