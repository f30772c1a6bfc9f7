import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, KioskError } from '../../core/errors.js';

const run = promisify(execFile);

/**
 * What the harness needs for one input file:
 * - still images (.jpg .jpeg .png .webp .bmp) are decoded in the page;
 * - .y4m goes straight to Chromium's fake camera (--use-file-for-fake-video-capture);
 * - every other video (.mjpeg .mpg .mp4 .webm …) is converted with ffmpeg to .y4m first, and
 *   its sound (if any) to a 16 kHz mono .wav that becomes the fake microphone, so "is speaking"
 *   comes from the clip's own audio energy.
 * Why .y4m even for .mjpeg: Chromium plays an .mjpeg at its own fixed rate (a 3 s, 25 fps GRID
 * clip loops every ~2.5 s), which drifts against the looping fake microphone; a .y4m carries
 * its frame rate, so picture and sound loop together (measured: mouth movement lines up with
 * the speech flags only with .y4m).
 */
export type PreparedInput = { kind: 'image'; file: string } | { kind: 'video'; videoFile: string; audioFile: string | null; durationMs: number };

export const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.gif']);

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
  if (ext === '.y4m') return { kind: 'video', videoFile: file, audioFile: audio ?? null, durationMs: await probeDurationMs(file) };
  const videoFile = path.join(workDir, 'input.y4m');
  await ffmpeg(['-i', file, '-an', '-pix_fmt', 'yuv420p', videoFile]);
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
