import { describe, expect, it } from 'vitest';
import { lowPassKernel, resample } from '../../../electron/services/speech/resample.js';

const tone = (hz: number, rate: number, seconds: number) => Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array, skip = 200) => {
  let s = 0;
  for (let i = skip; i < x.length - skip; i++) s += x[i]! ** 2;
  return Math.sqrt(s / (x.length - 2 * skip));
};
/** Naive linear interpolation without the low-pass, to show what the filter prevents. */
const naive = (x: Float32Array, from: number, to: number) =>
  Float32Array.from({ length: Math.floor(((x.length - 1) * to) / from) }, (_, i) => {
    const t = (i * from) / to;
    const k = Math.floor(t);
    return x[k]! + (x[k + 1]! - x[k]!) * (t - k);
  });

describe('resampler', () => {
  it('keeps a 1 kHz tone (amplitude and frequency) when going 44.1 kHz → 16 kHz', () => {
    const out = resample(tone(1000, 44100, 1), 44100, 16000);
    expect(Math.abs(out.length - 16000)).toBeLessThanOrEqual(1);
    expect(rms(out)).toBeCloseTo(Math.SQRT1_2, 1);
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if (out[i - 1]! < 0 !== out[i]! < 0) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(1995);
    expect(crossings).toBeLessThanOrEqual(2005);
  });

  it('suppresses content above the new Nyquist instead of aliasing it into the speech band', () => {
    const hi = tone(12000, 48000, 0.5); // would fold to 4 kHz at 16 kHz
    const filtered = rms(resample(hi, 48000, 16000));
    const unfiltered = rms(naive(hi, 48000, 16000));
    expect(unfiltered).toBeGreaterThan(0.5);
    expect(filtered).toBeLessThan(0.02); // < -30 dB
  });

  it('upsamples 8 kHz to 16 kHz and passes 16 kHz through untouched', () => {
    const x = tone(300, 8000, 0.25);
    const up = resample(x, 8000, 16000);
    expect(Math.abs(up.length - 4000)).toBeLessThanOrEqual(2);
    expect(rms(up)).toBeCloseTo(Math.SQRT1_2, 1);
    expect(resample(x, 16000, 16000)).toBe(x);
  });

  it('has unity gain at DC', () => {
    expect(lowPassKernel(0.15).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});
