import recordLib from 'node-record-lpcm16';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';

const log = createLogger('speech.device');

export type RecorderName = 'sox' | 'rec' | 'arecord';
export type DeviceRecorder = { stop(): Promise<void> };
export type DeviceRecorderOptions = {
  recorder: RecorderName;
  device?: string | null;
  onData(pcm: Buffer): void;
  /** Called once if capture dies after it started (unplugged, recorder crashed). */
  onFailure(err: KioskError): void;
  /** How long to wait for the first audio before declaring the microphone missing. */
  firstDataTimeoutMs?: number;
};

export const defaultRecorder = (platform = process.platform): RecorderName => (platform === 'linux' ? 'arecord' : 'sox');

const PACKAGES: Record<RecorderName, string> = { arecord: 'alsa-utils', sox: 'sox', rec: 'sox' };
const missingBinary = (r: RecorderName) =>
  new KioskError(
    ErrorCode.DeviceMissing,
    `The microphone recorder program "${r}" is not installed on this kiosk, so the microphone cannot be used. Answers can be typed; ask staff to install ${PACKAGES[r]}.`,
  );
const deviceGone = () => new KioskError(ErrorCode.DeviceMissing, 'Microphone not found or disconnected — answers can be typed; ask staff to check the cable.');

/**
 * Records 16 kHz s16le mono from the kiosk's microphone through node-record-lpcm16 (which
 * spawns arecord/sox). Resolves once audio actually flows, so "no device" and "no recorder
 * binary" are reported to the caller instead of surfacing later. The library leaves the
 * child's ENOENT 'error' unhandled (it would crash the process), so it is handled here.
 */
export function startDeviceRecorder(opts: DeviceRecorderOptions): Promise<DeviceRecorder> {
  return new Promise((resolve, reject) => {
    let started = false;
    let settled = false;
    let stopping = false; // stop() was called: failures are expected, the last audio still counts
    let dead = false; // capture failed: ignore anything after
    let stderrTail = '';
    const rec = recordLib.record({ sampleRate: 16_000, channels: 1, recorder: opts.recorder, device: opts.device ?? null, audioType: 'raw' });
    const stream = rec.stream();
    const fail = (err: KioskError, detail: string) => {
      if (stopping || dead) return;
      if (!started) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        log.warn(`could not start ${opts.recorder}: ${detail}`);
        try {
          rec.process.kill();
        } catch {
          /* already gone */
        }
        reject(err);
        return;
      }
      dead = true;
      log.warn(`capture stopped mid-answer: ${detail}`);
      opts.onFailure(err);
    };
    rec.process.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' ? missingBinary(opts.recorder) : deviceGone(), `${e.code ?? ''} ${e.message}`));
    rec.process.stderr?.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-300)));
    stream.on('error', (e: unknown) => fail(deviceGone(), `${String(e).split('\n')[0]} ${stderrTail.trim()}`));
    // A recorder that exits cleanly while we still want audio also means the device went away.
    stream.on('end', () => fail(deviceGone(), `recorder output ended ${stderrTail.trim()}`));
    stream.on('data', (chunk: Buffer) => {
      if (dead) return;
      if (!started) {
        started = true;
        settled = true;
        clearTimeout(timer);
        resolve({ stop });
      }
      opts.onData(chunk);
    });
    const timer = setTimeout(() => fail(deviceGone(), `no audio within ${opts.firstDataTimeoutMs ?? 2000} ms`), opts.firstDataTimeoutMs ?? 2000);
    const stop = () =>
      new Promise<void>((done) => {
        stopping = true;
        if (rec.process.exitCode !== null || rec.process.signalCode !== null) return done();
        rec.process.once('close', () => done());
        rec.process.kill();
      });
  });
}

/** Root-mean-square level of s16le PCM, 0..1, for the microphone meter. */
export function rmsS16(pcm: Uint8Array): number {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength - (pcm.byteLength % 2));
  const n = view.byteLength / 2;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = view.getInt16(i * 2, true) / 32768;
    sum += v * v;
  }
  return Math.sqrt(sum / n);
}
