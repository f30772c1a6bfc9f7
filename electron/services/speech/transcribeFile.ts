import fs from 'node:fs';
import { resample, TARGET_RATE } from './resample.js';
import { pauseRatio, rateUnitFor, speakingRate, joinTranscript, type Word } from './speechMetrics.js';
import type { VoskEngine } from './voskEngine.js';
import { decodeWav, downmix, floatToInt16 } from './wav.js';

/** Any WAV the kiosk can read → 16 kHz s16le mono bytes. */
export function wavTo16kPcm(buf: Uint8Array): { pcm: Uint8Array; sourceRate: number; channels: number } {
  const w = decodeWav(buf);
  const mono = downmix(w.samples, w.channels);
  const pcm = floatToInt16(resample(mono, w.sampleRate, TARGET_RATE));
  return { pcm: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength), sourceRate: w.sampleRate, channels: w.channels };
}

export type FileTranscript = {
  text: string;
  words: Word[];
  audioSeconds: number;
  /** Wall time from the first frame sent to the final result (model load excluded). */
  decodeSeconds: number;
  loadSeconds: number;
  rtf: number;
  speakingRate: number;
  rateUnit: 'cpm' | 'wpm';
  pauseRatio: number;
  partials: number;
};

/** Decodes a whole file through the same streaming path live answers use (100 ms frames). */
export async function transcribePcm(engine: VoskEngine, modelDir: string, pcm: Uint8Array, lang: string, sessionId = `file-${process.pid}-${Date.now()}`): Promise<FileTranscript> {
  let partials = 0;
  const load = await engine.load(modelDir);
  await engine.start(sessionId, modelDir, () => partials++);
  const t = performance.now();
  for (let i = 0; i < pcm.byteLength; i += 3200) engine.audio(sessionId, pcm.subarray(i, Math.min(i + 3200, pcm.byteLength)));
  const r = await engine.stop(sessionId);
  const decodeSeconds = (performance.now() - t) / 1000;
  const audioSeconds = r.audioSamples / TARGET_RATE;
  return {
    text: joinTranscript(r.text ? r.text.split(' ') : [], lang),
    words: r.words,
    audioSeconds,
    decodeSeconds,
    loadSeconds: load.loadMs / 1000,
    rtf: audioSeconds > 0 ? decodeSeconds / audioSeconds : 0,
    speakingRate: speakingRate(r.words, lang),
    rateUnit: rateUnitFor(lang),
    pauseRatio: pauseRatio(r.words),
    partials,
  };
}

export async function transcribeWavFile(engine: VoskEngine, modelDir: string, file: string, lang: string): Promise<FileTranscript> {
  return transcribePcm(engine, modelDir, wavTo16kPcm(fs.readFileSync(file)).pcm, lang);
}
