import type { Word } from './speechMetrics.js';
import type { Ptr, VoskLib } from './voskLib.js';
import { parseVoskResult } from './voskResult.js';
import { speechLikeWarmup } from './warmupSignal.js';

/**
 * Reused Vosk recognizers, a few per model (issue 17, item 5).
 *
 * Why: a new recognizer decodes several times slower than a used one. For small models (HCLr +
 * Gr) each recognizer composes its own decoding graph on demand, and that cache starts empty, so
 * a fresh recognizer spends its first seconds expanding graph states: 7.2 s of speech took
 * 8.7–10.8 s on a fresh recognizer and 2.4 s on a reused one (2 loaded cores). Every answer
 * used to get a new recognizer, so its first partials came ~1 s late (the p90 of the bench).
 *
 * How a recognizer is made ready for the next answer, and why the answers stay independent:
 * - `vosk_recognizer_final_result` finalizes the utterance and frees the decoder and the feature
 *   pipeline (with its i-vector/CMVN state); the next audio builds new ones. So nothing acoustic
 *   carries over, only the graph cache. If the last call was an endpoint `result` (the state is
 *   then "endpoint", the pipeline kept), 10 ms of silence is fed first so final_result does
 *   finalize. Then `vosk_recognizer_reset` clears the stored result.
 * - Word times: libvosk counts them from the recognizer's first sample ever, so a reused one
 *   reports them shifted by all audio it heard before. `final`/`result` subtract that (the pool
 *   counts every sample it feeds) and round to 1 ms. libvosk divides by the rate in single
 *   precision, so a recognizer is retired (freed) after MAX_AUDIO_SECONDS of audio, keeping the
 *   error far below 1 ms (and its graph cache from growing without end).
 * - The graph cache changes only speed. Results may still differ in the last words from run to
 *   run, as they do between two fresh recognizers (libvosk is not bit-for-bit repeatable here).
 *
 * Bounds: at most `maxIdlePerModel` idle recognizers per model; one more is freed on release.
 * Unloading a model frees its idle ones, and ones in use are freed when released.
 */
export type PooledRecognizer = {
  readonly rec: Ptr;
  readonly model: Ptr;
  /** Samples fed in earlier answers and the warm-up: libvosk's word times count from there. */
  samplesBefore: number;
  /** Samples fed in this answer. */
  samples: number;
  /** Answers (and warm-ups) this recognizer finished before the current one. */
  uses: number;
  /** Audio fed since the last endpoint result or final result (libvosk state "running"). */
  running: boolean;
  /** Audio fed since the last final result: the feature pipeline holds state. */
  dirty: boolean;
};

export type RecognizerPoolOptions = {
  sampleRate?: number;
  /** Idle recognizers kept per model (default 2). 0 frees every recognizer after use. */
  maxIdlePerModel?: number;
  /** Audio a recognizer may hear in its life before it is freed (default 1 h). */
  maxAudioSeconds?: number;
};

/** libvosk's word times are float32 seconds from the first sample: 1 h keeps the error < 0.25 ms. */
export const MAX_AUDIO_SECONDS = 3600;
/** Seconds of speechLikeWarmup fed to the first recognizer of a model. */
export const WARMUP_SECONDS = 6;

export type RecognizerPool = ReturnType<typeof createRecognizerPool>;

export function createRecognizerPool(lib: VoskLib, opts: RecognizerPoolOptions = {}) {
  const rate = opts.sampleRate ?? 16_000;
  const maxIdle = opts.maxIdlePerModel ?? 2;
  const maxSamples = (opts.maxAudioSeconds ?? MAX_AUDIO_SECONDS) * rate;
  const idle = new Map<Ptr, PooledRecognizer[]>();
  const live = new Set<Ptr>();
  let created = 0;
  let freed = 0;

  const free = (r: PooledRecognizer) => {
    lib.recognizerFree(r.rec);
    freed++;
  };

  const shift = (r: PooledRecognizer, words: Word[]): Word[] => {
    const off = r.samplesBefore / rate;
    const ms = (t: number) => Math.max(0, Math.round((t - off) * 1000) / 1000);
    return words.map((w) => ({ ...w, start: ms(w.start), end: ms(w.end) }));
  };

  const pool = {
    /** The warmest idle recognizer of `model`, or a new one (null if libvosk refuses). */
    acquire(model: Ptr): PooledRecognizer | null {
      live.add(model);
      const list = idle.get(model);
      const r = list?.pop();
      if (r) return r;
      const rec = lib.recognizerNew(model, rate);
      if (!rec) return null;
      lib.setWords(rec, 1);
      created++;
      return { rec, model, samplesBefore: 0, samples: 0, uses: 0, running: false, dirty: false };
    },

    /** Feeds s16le mono; true when libvosk found an utterance end (call `result` next). */
    accept(r: PooledRecognizer, pcm: Uint8Array): boolean {
      const end = lib.acceptWaveform(r.rec, pcm, pcm.byteLength) !== 0;
      r.samples += pcm.byteLength / 2;
      r.running = !end;
      r.dirty = true;
      return end;
    },

    /** The finished utterance after `accept` returned true, word times from this answer's start. */
    result(r: PooledRecognizer): { text: string; words: Word[] } {
      const v = parseVoskResult(lib.result(r.rec));
      r.running = false;
      return { text: v.text, words: shift(r, v.words) };
    },

    /** The last utterance of this answer; the recognizer must then be released. */
    final(r: PooledRecognizer): { text: string; words: Word[] } {
      const v = parseVoskResult(lib.finalResult(r.rec));
      if (r.running) r.dirty = false; // final_result finalized and freed the pipeline
      r.running = false;
      return { text: v.text, words: shift(r, v.words) };
    },

    /**
     * Back to the pool after `final`, or after a cancelled/failed answer (then it is finalized
     * here). Freed instead when its model was unloaded, it has heard MAX_AUDIO_SECONDS, or the
     * model already has `maxIdlePerModel` idle ones.
     */
    release(r: PooledRecognizer): void {
      try {
        if (r.running) {
          lib.finalResult(r.rec);
        } else if (r.dirty) {
          // Last call was an endpoint result: the pipeline is kept until a final_result of a
          // running utterance, so start one with 10 ms of silence and finalize it.
          const pad = new Uint8Array(rate / 50);
          lib.acceptWaveform(r.rec, pad, pad.byteLength);
          r.samples += pad.byteLength / 2;
          lib.finalResult(r.rec);
        }
        lib.recognizerReset(r.rec);
      } catch {
        free(r);
        return;
      }
      r.running = false;
      r.dirty = false;
      r.samplesBefore += r.samples;
      r.samples = 0;
      r.uses++;
      const list = idle.get(r.model) ?? [];
      if (!live.has(r.model) || r.samplesBefore >= maxSamples || list.length >= maxIdle) {
        free(r);
        return;
      }
      // Warmest last: acquire pops it first.
      list.push(r);
      list.sort((a, b) => a.samplesBefore - b.samplesBefore);
      idle.set(r.model, list);
    },

    /** Frees a recognizer whose state is unknown (an exception inside libvosk). */
    discard(r: PooledRecognizer): void {
      free(r);
    },

    /**
     * A first recognizer for a freshly loaded model, warmed with `seconds` of speechLikeWarmup and
     * left idle. Returns the wall time spent (0 if the pool keeps no idle recognizers).
     */
    warm(model: Ptr, seconds = WARMUP_SECONDS): number {
      if (maxIdle === 0) return 0;
      const t = performance.now();
      const r = pool.acquire(model);
      if (!r) return 0;
      const pcm = speechLikeWarmup(seconds);
      const frame = rate / 10; // 100 ms, as live audio arrives
      for (let i = 0; i < pcm.byteLength; i += frame * 2) {
        if (pool.accept(r, pcm.subarray(i, i + frame * 2))) pool.result(r);
      }
      pool.final(r);
      pool.release(r);
      return performance.now() - t;
    },

    /** Before `vosk_model_free`: frees the idle recognizers; ones in use are freed on release. */
    dropModel(model: Ptr): void {
      live.delete(model);
      for (const r of idle.get(model) ?? []) free(r);
      idle.delete(model);
    },

    /** Frees every idle recognizer (worker shutdown, tests). */
    close(): void {
      for (const m of [...idle.keys()]) pool.dropModel(m);
    },

    stats(): { created: number; freed: number; idle: number } {
      let n = 0;
      for (const l of idle.values()) n += l.length;
      return { created, freed, idle: n };
    },
  };
  return pool;
}
