import { z } from 'zod';
import { Lang } from '../../../core/packs/packSchema.js';
import { channel } from './define.js';

/** Offline speech (Vosk): status for the banner, sessions fed by the renderer or a device. */
export const SpeechWord = z.object({ word: z.string(), start: z.number(), end: z.number(), conf: z.number() });
export type SpeechWord = z.infer<typeof SpeechWord>;

export const SpeechCapture = z.enum(['renderer', 'device']);
export type SpeechCapture = z.infer<typeof SpeechCapture>;

export const SpeechLangStatus = z.object({
  lang: Lang,
  available: z.boolean(),
  model: z.string().nullable(),
  /** For the manager's banner when unavailable; null when fine. */
  message: z.string().nullable(),
  /** The exact command that installs the missing model, when one exists. */
  fix: z.string().nullable(),
});

export const SpeechResult = z.object({
  sessionId: z.string(),
  lang: Lang,
  model: z.string(),
  text: z.string(),
  words: z.array(SpeechWord),
  /** Characters per minute for Chinese, words per minute otherwise (see rateUnit). */
  speakingRate: z.number(),
  rateUnit: z.enum(['cpm', 'wpm']),
  /** Silence between words ÷ speaking span, 0..1. */
  pauseRatio: z.number(),
  /** Seconds from session start to the first recognised word (the answer latency); null if no words. */
  firstWordSeconds: z.number().nullable(),
  audioSeconds: z.number(),
  decodeSeconds: z.number(),
  /** True when capture failed mid-answer (device unplugged…): the text is what was heard until then. */
  interrupted: z.boolean(),
});
export type SpeechResult = z.infer<typeof SpeechResult>;

const Session = z.object({ sessionId: z.string().min(1).max(64) });
// 100 ms frames are 3,200 bytes (≈4.3 kB base64); allow up to ~5 s per call for slow links.
const Pcm = z
  .string()
  .max(220_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'pcm must be base64');

export const speechContract = {
  'speech:status': channel(z.object({}), z.object({ capture: SpeechCapture, languages: z.array(SpeechLangStatus) })),
  /** Loads the language's model ahead of time (device check), so the first answer starts at once. */
  'speech:prepare': channel(z.object({ lang: Lang }), z.object({ model: z.string(), loadMs: z.number() })),
  'speech:start': channel(z.object({ lang: Lang }), z.object({ sessionId: z.string(), model: z.string() })),
  /** base64 of 16 kHz s16le mono PCM. */
  'speech:audio': channel(Session.extend({ pcm: Pcm }), z.object({})),
  'speech:stop': channel(Session, SpeechResult),
  'speech:cancel': channel(Session, z.object({})),
  /** Capture in the main process from the kiosk's microphone (store setting speech.capture = device). */
  'speech:startDevice': channel(z.object({ lang: Lang }), z.object({ sessionId: z.string(), model: z.string() })),
};
