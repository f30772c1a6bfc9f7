import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ErrorCode, isKioskError } from '../../../core/errors.js';
import { createRecognizerPool, type PooledRecognizer, type RecognizerPool } from './recognizerPool.js';
import type { Word } from './speechMetrics.js';
import { loadVoskLib, looksLikeVoskModel, type Ptr, type VoskLib } from './voskLib.js';
import { parseVoskPartial } from './voskResult.js';
import type { VoskWorkerData } from './voskEngine.js';
import type { FromWorker, LoadReply, SessionResult, ToWorker } from './workerProtocol.js';

/**
 * Recognizer thread. All Vosk calls block (model load: seconds; decoding: ~real time on a
 * small CPU), so they live here and the main process never waits on them. Messages are
 * handled strictly in order, which keeps each session's audio in sequence; partial results are
 * read once the queue is empty (readDuePartials). Recognizers are reused across answers
 * (recognizerPool.ts): a new one decodes its first seconds several times slower.
 */
const port = parentPort;
if (!port) throw new Error('voskWorker must run in a worker thread');

const SAMPLE_RATE = 16_000;
type Session = { rec: PooledRecognizer; segments: { text: string; words: Word[] }[]; samples: number; decodeMs: number; sinceLastPartial: number; lastPartial: string; partialEvery: number };

let vosk: VoskLib | null = null;
let recognizers: RecognizerPool | null = null;
const models = new Map<string, Ptr>();
const sessions = new Map<string, Session>();
const send = (m: FromWorker) => port.postMessage(m);

function lib(): VoskLib {
  if (!vosk) {
    const libPath = (workerData as VoskWorkerData | null)?.libPath;
    vosk = libPath ? loadVoskLib(libPath) : loadVoskLib();
    vosk.setLogLevel(-1); // Kaldi logs to stderr; silence it (errors come back as null handles)
  }
  return vosk;
}

function pool(): RecognizerPool {
  recognizers ??= createRecognizerPool(lib(), { sampleRate: SAMPLE_RATE, maxIdlePerModel: (workerData as VoskWorkerData | null)?.idleRecognizers ?? undefined });
  return recognizers;
}

function model(dir: string): { ptr: Ptr; reply: LoadReply } {
  const have = models.get(dir);
  if (have) return { ptr: have, reply: { loadMs: 0, warmMs: 0, cached: true } };
  const check = looksLikeVoskModel(dir);
  if (!check.ok)
    throw Object.assign(new Error(`The speech model in ${dir} is incomplete (missing ${check.missing.join(', ')}). Reinstall it with: npm run --silent kiosk -- models install`), {
      code: ErrorCode.ModelInvalid,
    });
  const t = performance.now();
  const ptr = lib().modelNew(dir);
  if (!ptr)
    throw Object.assign(new Error(`The speech model in ${dir} could not be loaded (damaged files?). Reinstall it with: npm run --silent kiosk -- models install`), { code: ErrorCode.ModelInvalid });
  models.set(dir, ptr);
  const loadMs = performance.now() - t;
  // The first answer's recognizer, warmed now (while the applicant is still on the device check)
  // instead of during the answer.
  const warmMs = pool().warm(ptr);
  return { ptr, reply: { loadMs, warmMs, cached: false } };
}

const joined = (s: Session, tail: string) => [...s.segments.map((x) => x.text), tail].filter(Boolean).join(' ');

function emit(id: string, s: Session, seq: number, text: string) {
  s.sinceLastPartial = 0;
  if (text !== s.lastPartial) {
    s.lastPartial = text;
    send({ t: 'partial', sessionId: id, seq, text });
  }
}

/**
 * Sessions whose partial is due, read once the messages already queued for this thread are
 * handled (see the message handler below). A partial re-reads the whole utterance so far, so its
 * cost grows as the applicant talks; read after every frame, it fell behind when another core's
 * worth of work shared the CPU and every later partial waited behind stale ones (p90 656 ms,
 * issue 17, item 5). Frames queued meanwhile are decoded first and one partial then covers them
 * all. Alone nothing is queued, so partials come as often as before.
 */
const due = new Map<string, number>();

function readDuePartials() {
  for (const [id, seq] of due) {
    due.delete(id);
    const s = sessions.get(id);
    if (!s) continue; // stopped or cancelled meanwhile
    const t = performance.now();
    const text = joined(s, parseVoskPartial(lib().partialResult(s.rec.rec)));
    s.decodeMs += performance.now() - t;
    emit(id, s, seq, text);
  }
}

function accept(id: string, s: Session, seq: number, pcm: Uint8Array) {
  const t = performance.now();
  const endOfUtterance = pool().accept(s.rec, pcm);
  s.samples += pcm.byteLength / 2;
  s.sinceLastPartial += pcm.byteLength / 2;
  if (endOfUtterance) {
    // Vosk found an utterance boundary (a pause): keep it and start the next one.
    s.segments.push(pool().result(s.rec));
    s.decodeMs += performance.now() - t;
    due.delete(id);
    emit(id, s, seq, joined(s, ''));
    return;
  }
  s.decodeMs += performance.now() - t;
  if (s.sinceLastPartial >= s.partialEvery) due.set(id, seq);
}

function finish(s: Session): SessionResult {
  const t = performance.now();
  try {
    s.segments.push(pool().final(s.rec));
  } finally {
    pool().release(s.rec);
  }
  s.decodeMs += performance.now() - t;
  const words = s.segments.flatMap((x) => x.words);
  return {
    text: s.segments
      .map((x) => x.text)
      .filter(Boolean)
      .join(' '),
    words,
    audioSamples: s.samples,
    decodeMs: s.decodeMs,
    recognizerUses: s.rec.uses - 1,
  };
}

function handle(m: ToWorker): unknown {
  switch (m.t) {
    case 'load':
      return model(m.modelDir).reply;
    case 'unload': {
      const ptr = models.get(m.modelDir);
      if (ptr) {
        pool().dropModel(ptr);
        lib().modelFree(ptr); // libvosk counts references: recognizers still in use keep it alive
      }
      models.delete(m.modelDir);
      return {};
    }
    case 'start': {
      if (sessions.has(m.sessionId)) throw Object.assign(new Error('session already started'), { code: ErrorCode.Conflict });
      const { ptr, reply } = model(m.modelDir);
      const rec = pool().acquire(ptr);
      if (!rec) throw Object.assign(new Error('The speech recognizer could not start.'), { code: ErrorCode.ModelInvalid });
      sessions.set(m.sessionId, { rec, segments: [], samples: 0, decodeMs: 0, sinceLastPartial: 0, lastPartial: '', partialEvery: m.partialEverySamples });
      return reply;
    }
    case 'audio': {
      const s = sessions.get(m.sessionId);
      if (s) accept(m.sessionId, s, m.seq, m.pcm);
      return undefined;
    }
    case 'stop': {
      const s = sessions.get(m.sessionId);
      if (!s) throw Object.assign(new Error('This answer recording has already ended.'), { code: ErrorCode.NotFound });
      sessions.delete(m.sessionId);
      due.delete(m.sessionId);
      return finish(s);
    }
    case 'cancel': {
      const s = sessions.get(m.sessionId);
      if (s) pool().release(s.rec); // finalizes the unfinished utterance first
      sessions.delete(m.sessionId);
      due.delete(m.sessionId);
      return undefined;
    }
  }
}

function dispatch(m: ToWorker) {
  const id = 'id' in m ? m.id : null;
  try {
    const value = handle(m);
    if (id !== null) send({ t: 'reply', id, ok: true, value });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const code = isKioskError(e) ? e.code : (err.code ?? ErrorCode.Internal);
    if (id !== null) send({ t: 'reply', id, ok: false, code, message: err.message ?? String(e) });
  }
}

/**
 * Longest wall time between partial reads while frames keep queueing: when decoding runs slower
 * than real time (an overloaded machine) the queue never empties, and the applicant would see no
 * live words until they stopped.
 */
const MAX_PARTIAL_GAP_MS = 300;
let lastPartialRead = performance.now();

port.on('message', (first: ToWorker) => {
  dispatch(first);
  // Everything already waiting is handled now, in order; then one partial per session covers it.
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    dispatch(next.message as ToWorker);
    if (performance.now() - lastPartialRead >= MAX_PARTIAL_GAP_MS) {
      readDuePartials();
      lastPartialRead = performance.now();
    }
  }
  readDuePartials();
  lastPartialRead = performance.now();
});
