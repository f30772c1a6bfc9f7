/**
 * A minimal energy-based voice-activity flag from a microphone stream, for the face harness
 * (and as a fallback where the speech service's own VAD is not wired). RMS over ~20 ms
 * windows above `threshold` counts as speech; a 200 ms hangover bridges gaps between words.
 */
export async function startVoiceActivity(
  stream: MediaStream,
  onChange: (isSpeaking: boolean) => void,
  opts: { threshold?: number; hangoverMs?: number } = {},
): Promise<{ stop: () => void; levels: number[] }> {
  const threshold = opts.threshold ?? 0.02;
  const hangoverMs = opts.hangoverMs ?? 200;
  const ctx = new AudioContext();
  await ctx.resume();
  const src = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  src.connect(analyser);
  const buf = new Float32Array(analyser.fftSize);
  const levels: number[] = [];
  let speaking = false;
  let lastVoice = -Infinity;
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    const rms = Math.sqrt(sum / buf.length);
    levels.push(rms);
    const now = performance.now();
    if (rms > threshold) lastVoice = now;
    const next = now - lastVoice < hangoverMs;
    if (next !== speaking) {
      speaking = next;
      onChange(next);
    }
  }, 20);
  return {
    levels,
    stop() {
      clearInterval(timer);
      src.disconnect();
      void ctx.close();
    },
  };
}
