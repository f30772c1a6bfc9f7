import { aggregateAnswer } from '../aggregate';
import { createFaceAnalyzer, type FaceAnalyzer } from '../faceAnalyzer';
import type { FaceFrame, FacePolicy } from '../faceFrame';
import { startVoiceActivity } from '../voiceActivity';

/**
 * Test/CLI harness: exposes window.faceHarness so headless Chromium (driven by
 * tools/face/runHarness.ts) runs exactly the renderer's analyser and worker.
 */
type SpeakingSource = 'audio' | 'all' | 'none';

let analyzer: FaceAnalyzer | null = null;
/** Per-frame summaries are copied here only so the CLI can print per-frame face counts. */
const frameSinks = new Set<FaceFrame[]>();
let currentPolicy: FacePolicy = { expressionSignals: false };

async function init(policy: FacePolicy): Promise<number> {
  analyzer?.dispose();
  currentPolicy = policy;
  analyzer = createFaceAnalyzer({ policy, onFrame: (f) => frameSinks.forEach((s) => s.push(f)) });
  return analyzer.ready();
}

const need = (): FaceAnalyzer => {
  if (!analyzer) throw new Error('call faceHarness.init first');
  return analyzer;
};

/** A still image as `repeats` video frames through a freshly reset landmarker. */
async function analyseImage(url: string, repeats = 1) {
  const a = need();
  await a.reset();
  const blob = await (await fetch(url)).blob();
  const frames: FaceFrame[] = [];
  for (let i = 0; i < repeats; i++) frames.push(await a.analyse(await createImageBitmap(blob)));
  const { aggregates } = aggregateAnswer(frames, currentPolicy);
  return { faceCounts: frames.map((f) => f.faceCount), frames, aggregates, workerMs: [...a.workerMs()] };
}

/** Fake camera (and mic) → the same attach/startAnswer/stopAnswer path the interview uses. */
async function runCamera(opts: { durationMs: number; speaking: SpeakingSource; warmupMs?: number }) {
  const a = need();
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: opts.speaking === 'audio' });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const vad = opts.speaking === 'audio' ? await startVoiceActivity(stream, (v) => a.setSpeaking(v)) : null;
  if (opts.speaking === 'all') a.setSpeaking(true);
  a.attach(video);
  await new Promise((r) => setTimeout(r, opts.warmupMs ?? 0));
  const frames: FaceFrame[] = [];
  const unsub = onFrames(frames);
  const msFrom = a.workerMs().length;
  a.startAnswer();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, opts.durationMs));
  const r = a.stopAnswer();
  const elapsed = performance.now() - t0;
  unsub();
  a.detach();
  vad?.stop();
  stream.getTracks().forEach((t) => t.stop());
  return {
    faceCounts: frames.map((f) => f.faceCount),
    speakingFlags: frames.map((f) => f.isSpeaking),
    frames,
    aggregates: r?.aggregates ?? null,
    analysedFps: (frames.length * 1000) / elapsed,
    workerMs: a.workerMs().slice(msFrom),
    videoSize: [video.videoWidth, video.videoHeight],
  };
}

function onFrames(into: FaceFrame[]) {
  frameSinks.add(into);
  return () => void frameSinks.delete(into);
}

/**
 * A countdown-like page (a number redrawn every animation frame) measured for long tasks and
 * rAF gaps while the camera is analysed or not: the "UI frame drops" bench figure.
 */
async function countdownJank(opts: { durationMs: number; withCamera: boolean }) {
  const el = document.getElementById('countdown')!;
  let stream: MediaStream | null = null;
  if (opts.withCamera) {
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    need().attach(video);
  }
  const longTasks: number[] = [];
  const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
  po.observe({ type: 'longtask', buffered: false });
  const gaps: number[] = [];
  const t0 = performance.now();
  let last = t0;
  await new Promise<void>((done) => {
    const frame = (now: number) => {
      gaps.push(now - last);
      last = now;
      el.textContent = String(Math.ceil((opts.durationMs - (now - t0)) / 1000));
      if (now - t0 < opts.durationMs) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  });
  po.disconnect();
  if (opts.withCamera) need().detach();
  stream?.getTracks().forEach((t) => t.stop());
  return { rafFrames: gaps.length, gaps, longTasks };
}

declare global {
  interface Window {
    faceHarness: {
      init: typeof init;
      analyseImage: typeof analyseImage;
      runCamera: typeof runCamera;
      countdownJank: typeof countdownJank;
    };
  }
}
window.faceHarness = { init, analyseImage, runCamera, countdownJank };
