import type { Word } from './speechMetrics.js';

/** Messages between the main thread (voskEngine.ts) and the recognizer worker (voskWorker.ts). */
export type ToWorker =
  | { t: 'load'; id: number; modelDir: string }
  | { t: 'unload'; id: number; modelDir: string }
  | { t: 'start'; id: number; sessionId: string; modelDir: string; partialEverySamples: number }
  | { t: 'audio'; sessionId: string; seq: number; pcm: Uint8Array }
  | { t: 'stop'; id: number; sessionId: string }
  | { t: 'cancel'; sessionId: string };

/** `recognizerUses`: answers (and warm-ups) the reused recognizer had finished before this one; 0 = a new recognizer. */
export type SessionResult = { text: string; words: Word[]; audioSamples: number; decodeMs: number; recognizerUses: number };

export type FromWorker =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; code: string; message: string }
  /** `seq` is the last audio frame decoded when this partial was read (for latency measurement). */
  | { t: 'partial'; sessionId: string; seq: number; text: string };

/** `warmMs`: time spent warming the model's first recognizer (recognizerPool.ts), after `loadMs`. */
export type LoadReply = { loadMs: number; warmMs: number; cached: boolean };
