import { describe, expect, it } from 'vitest';
import { speechLikeWarmup } from '../../../electron/services/speech/warmupSignal.js';

const samples = (b: Uint8Array) => new Int16Array(b.buffer, b.byteOffset, b.byteLength / 2);
const rms = (x: Int16Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / Math.max(1, x.length));

describe('speechLikeWarmup', () => {
  it('is 16 kHz s16 of the asked length, deterministic, half of full scale at its peak', () => {
    const a = speechLikeWarmup(2);
    expect(a.byteLength).toBe(2 * 16_000 * 2);
    expect(Buffer.from(speechLikeWarmup(2)).equals(Buffer.from(a))).toBe(true);
    const peak = Math.max(...samples(a).map(Math.abs));
    expect(peak).toBeGreaterThan(16_000);
    expect(peak).toBeLessThanOrEqual(16_384);
  });

  it('alternates sound and pauses like speech, with a pitch and changing spectra', () => {
    const x = samples(speechLikeWarmup(6));
    const frames = Array.from({ length: 600 }, (_, i) => rms(x.subarray(i * 160, (i + 1) * 160))); // 10 ms frames
    const loud = frames.filter((v) => v > 300).length;
    const quiet = frames.filter((v) => v < 1).length;
    expect(loud / frames.length).toBeGreaterThan(0.6);
    expect(quiet).toBeGreaterThanOrEqual(40); // pauses of 250 ms
    // Zero-crossing rate differs between segments (different formants, voiced vs noise).
    const zcr = (s: Int16Array) => s.reduce((n, v, i) => n + (i > 0 && Math.sign(v) !== Math.sign(s[i - 1]!) ? 1 : 0), 0) / s.length;
    const rates = Array.from({ length: 60 }, (_, i) => zcr(x.subarray(i * 1600, (i + 1) * 1600))).filter((r) => r > 0);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.05);
  });
});
