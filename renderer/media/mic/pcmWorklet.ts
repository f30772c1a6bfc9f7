/**
 * AudioWorklet processor: microphone audio at the context's rate (usually 48 kHz) → 16 kHz
 * s16 mono frames of 100 ms, plus an RMS level per frame for the meter. Runs on the audio
 * rendering thread, so the UI thread never touches samples.
 *
 * Resampling: a 31-tap windowed-sinc low-pass (cutoff 7.2 kHz) then linear interpolation,
 * the same method as the main-process resampler (electron/services/speech/resample.ts), kept
 * stateful across the 128-sample render quanta. Loaded via Vite's `?worker&url`, so it ships
 * as its own same-origin file and passes CSP script-src 'self'.
 */
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: new () => { process(inputs: Float32Array[][]): boolean }): void;
declare const AudioWorkletProcessor: { new (): { readonly port: MessagePort } };

const TARGET = 16_000;
const FRAME = 1_600; // 100 ms at 16 kHz
const TAPS = 31;

function kernel(cutoffRatio: number): Float32Array {
  const h = new Float32Array(TAPS);
  const m = (TAPS - 1) / 2;
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const x = i - m;
    const sinc = x === 0 ? 2 * cutoffRatio : Math.sin(2 * Math.PI * cutoffRatio * x) / (Math.PI * x);
    h[i] = sinc * (0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (TAPS - 1)));
    sum += h[i]!;
  }
  return h.map((v) => v / sum);
}

class PcmProcessor extends AudioWorkletProcessor {
  private readonly ratio = sampleRate / TARGET;
  private readonly h = sampleRate > TARGET ? kernel((0.45 * TARGET) / sampleRate) : null;
  private readonly hist = new Float32Array(TAPS); // ring of the last TAPS input samples
  private histPos = 0;
  private prev = 0; // last filtered sample
  private t = 0; // position of the next output sample, in input samples relative to `prev`
  private frame = new Int16Array(FRAME);
  private n = 0;
  private sumSq = 0;

  process(inputs: Float32Array[][]): boolean {
    const ch = inputs[0]?.[0];
    if (!ch) return true;
    for (let i = 0; i < ch.length; i++) {
      const cur = this.filter(ch[i]!);
      // Emit every output sample that falls between prev (t=0) and cur (t=1).
      while (this.t <= 1) {
        this.push(this.prev + (cur - this.prev) * this.t);
        this.t += this.ratio;
      }
      this.t -= 1;
      this.prev = cur;
    }
    return true;
  }

  private filter(x: number): number {
    this.hist[this.histPos] = x;
    this.histPos = (this.histPos + 1) % TAPS;
    if (!this.h) return x;
    let acc = 0;
    for (let k = 0; k < TAPS; k++) acc += this.h[k]! * this.hist[(this.histPos + k) % TAPS]!;
    return acc;
  }

  private push(v: number) {
    const s = Math.max(-1, Math.min(1, v));
    this.sumSq += s * s;
    this.frame[this.n++] = s < 0 ? s * 32768 : s * 32767;
    if (this.n === FRAME) {
      const pcm = this.frame;
      this.port.postMessage({ pcm, rms: Math.sqrt(this.sumSq / FRAME) }, [pcm.buffer]);
      this.frame = new Int16Array(FRAME);
      this.n = 0;
      this.sumSq = 0;
    }
  }
}

registerProcessor('kiosk-pcm16k', PcmProcessor);
