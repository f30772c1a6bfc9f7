/**
 * Sample-rate conversion to the 16 kHz Vosk expects.
 *
 * Method (deliberately simple, documented in README): when reducing the rate, first a
 * windowed-sinc low-pass FIR (Blackman window, 63 taps, cutoff at 0.9 × the new Nyquist) so
 * that content above 8 kHz cannot fold back into the speech band as aliasing, then linear
 * interpolation at the new sample positions. Linear interpolation alone (no filter) would
 * alias a 44.1 kHz recording's 8–22 kHz content straight into the band Vosk listens to.
 * When raising the rate (e.g. 8 kHz telephone audio) only interpolation is needed.
 */
export const TARGET_RATE = 16_000;
const TAPS = 63;

export function lowPassKernel(cutoffRatio: number, taps = TAPS): Float32Array {
  // cutoffRatio: cutoff frequency / input sample rate (0 < r < 0.5).
  const h = new Float32Array(taps);
  const m = (taps - 1) / 2;
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const x = i - m;
    const sinc = x === 0 ? 2 * cutoffRatio : Math.sin(2 * Math.PI * cutoffRatio * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    h[i] = sinc * w;
    sum += h[i]!;
  }
  for (let i = 0; i < taps; i++) h[i]! /= sum; // unity gain at DC
  return h;
}

export function fir(x: Float32Array, h: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  const m = (h.length - 1) >> 1;
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    const k0 = Math.max(0, n + m - (x.length - 1));
    const k1 = Math.min(h.length - 1, n + m);
    for (let k = k0; k <= k1; k++) acc += h[k]! * x[n + m - k]!;
    out[n] = acc;
  }
  return out;
}

export function resample(x: Float32Array, fromRate: number, toRate = TARGET_RATE): Float32Array {
  if (fromRate === toRate) return x;
  const src = fromRate > toRate ? fir(x, lowPassKernel((0.45 * toRate) / fromRate)) : x;
  const ratio = fromRate / toRate;
  const n = Math.floor((src.length - 1) / ratio) + 1;
  const out = new Float32Array(Math.max(0, n));
  for (let i = 0; i < out.length; i++) {
    const t = i * ratio;
    const k = Math.floor(t);
    const f = t - k;
    const a = src[k]!;
    const b = src[Math.min(k + 1, src.length - 1)]!;
    out[i] = a + (b - a) * f;
  }
  return out;
}
