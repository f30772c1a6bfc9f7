import { LANGS, type Lang } from '../../../core/packs/packSchema.js';
import type { SpeechCapture, SpeechResult } from '../../shared/contract/speech.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { EventBus } from '../app/eventBus.js';
import type { Db } from '../db/openDatabase.js';
import { ulid } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { defaultRecorder, rmsS16, startDeviceRecorder, type DeviceRecorder, type RecorderName } from './deviceRecorder.js';
import type { Manifest } from './models/modelManifest.js';
import { readSetting, resolveSpeechModel } from './models/resolveSpeechModel.js';
import { joinTranscript, pauseRatio, rateUnitFor, speakingRate } from './speechMetrics.js';
import type { VoskEngine } from './voskEngine.js';

const log = createLogger('speech');
const SAMPLE_RATE = 16_000;
/** An answer longer than this is not an answer; frames beyond it are dropped (memory bound). */
const MAX_SESSION_SECONDS = 15 * 60;
const MAX_SESSIONS = 4;

type Session = {
  id: string;
  lang: Lang;
  model: string;
  samples: number;
  recorder: DeviceRecorder | null;
  interrupted: boolean;
  lastLevelAt: number;
};

export type SpeechServiceDeps = {
  engine: VoskEngine;
  manifest: Manifest;
  modelsDir: string;
  db: Db | null;
  events: EventBus;
  /** Speech model per language (KioskConfig.speechModels). */
  modelOverrides?: Readonly<Record<string, string>>;
  /** Tests point this at a fake recorder name on PATH; default from the store setting or platform. */
  recorder?: RecorderName;
};

export type SpeechService = ReturnType<typeof createSpeechService>;

/**
 * Speech sessions: one per spoken answer. Audio arrives from the renderer (speech:audio) or
 * from a device recorder in this process; decoding happens in the engine's worker thread.
 * Partials and failures go out as events; stop() returns the transcript with delivery metrics.
 * Every failure leaves the applicant able to type, and stop() still returns what was heard.
 */
export function createSpeechService(deps: SpeechServiceDeps) {
  const sessions = new Map<string, Session>();

  const resolve = (lang: Lang) => resolveSpeechModel(lang, { manifest: deps.manifest, modelsDir: deps.modelsDir, db: deps.db, overrides: deps.modelOverrides });

  const requireModel = (lang: Lang) => {
    const r = resolve(lang);
    if (!r.ok) throw new KioskError(ErrorCode.ModelMissing, r.fix ? `${r.message} Staff can fix this with: ${r.fix}` : r.message);
    return r;
  };

  const open = async (lang: Lang): Promise<Session> => {
    if (sessions.size >= MAX_SESSIONS) throw new KioskError(ErrorCode.Conflict, 'Too many recordings are open at once. Please finish the current answer first.');
    const m = requireModel(lang);
    const s: Session = { id: ulid(), lang, model: m.name, samples: 0, recorder: null, interrupted: false, lastLevelAt: 0 };
    await deps.engine.start(s.id, m.dir, (text) => deps.events.emit('speech:partial', { sessionId: s.id, text: joinTranscript(text.split(' '), lang) }));
    sessions.set(s.id, s);
    return s;
  };

  const get = (sessionId: string): Session => {
    const s = sessions.get(sessionId);
    if (!s) throw new KioskError(ErrorCode.NotFound, 'This answer recording has already ended. Please start the answer again or type it.');
    return s;
  };

  const feed = (s: Session, pcm: Uint8Array) => {
    if (s.samples >= MAX_SESSION_SECONDS * SAMPLE_RATE) return;
    s.samples += Math.floor(pcm.byteLength / 2);
    deps.engine.audio(s.id, pcm);
  };

  return {
    capture(): SpeechCapture {
      return readSetting(deps.db, 'speech.capture') === 'device' ? 'device' : 'renderer';
    },

    status() {
      return LANGS.map((lang) => {
        const r = resolve(lang);
        return r.ok ? { lang, available: true, model: r.name, message: null, fix: null } : { lang, available: false, model: r.name, message: r.message, fix: r.fix };
      });
    },

    async prepare(lang: Lang) {
      const m = requireModel(lang);
      const r = await deps.engine.load(m.dir);
      return { model: m.name, loadMs: r.loadMs };
    },

    async start(lang: Lang) {
      const s = await open(lang);
      log.info(`session ${s.id} started (${lang}, ${s.model}, renderer capture)`);
      return { sessionId: s.id, model: s.model };
    },

    audio(sessionId: string, pcm: Uint8Array) {
      const s = get(sessionId);
      if (s.recorder) throw new KioskError(ErrorCode.Conflict, 'This answer is being recorded by the kiosk microphone.');
      feed(s, pcm);
    },

    async startDevice(lang: Lang) {
      const s = await open(lang);
      const recorder = deps.recorder ?? readSetting(deps.db, 'speech.recorder') ?? defaultRecorder();
      try {
        s.recorder = await startDeviceRecorder({
          recorder,
          device: readSetting(deps.db, 'speech.device'),
          onData: (pcm) => {
            feed(s, pcm);
            const now = performance.now();
            if (now - s.lastLevelAt >= 100) {
              s.lastLevelAt = now;
              deps.events.emit('speech:level', { sessionId: s.id, rms: rmsS16(pcm) });
            }
          },
          onFailure: (err) => {
            // Keep the session: stop() returns everything decoded so far, flagged interrupted.
            s.interrupted = true;
            deps.events.emit('speech:error', { sessionId: s.id, code: err.code, message: err.message });
          },
        });
      } catch (e) {
        sessions.delete(s.id);
        deps.engine.cancel(s.id);
        throw e;
      }
      log.info(`session ${s.id} started (${lang}, ${s.model}, device capture via ${recorder})`);
      return { sessionId: s.id, model: s.model };
    },

    async stop(sessionId: string): Promise<SpeechResult> {
      const s = get(sessionId);
      sessions.delete(sessionId);
      if (s.recorder) await s.recorder.stop();
      const r = await deps.engine.stop(sessionId);
      const text = joinTranscript(r.text ? r.text.split(' ') : [], s.lang);
      const result: SpeechResult = {
        sessionId,
        lang: s.lang,
        model: s.model,
        text,
        words: r.words,
        speakingRate: speakingRate(r.words, s.lang),
        rateUnit: rateUnitFor(s.lang),
        pauseRatio: pauseRatio(r.words),
        firstWordSeconds: r.words[0]?.start ?? null,
        audioSeconds: r.audioSamples / SAMPLE_RATE,
        decodeSeconds: r.decodeMs / 1000,
        interrupted: s.interrupted,
      };
      deps.events.emit('speech:final', { sessionId, text });
      log.info(`session ${sessionId} done: ${result.audioSeconds.toFixed(1)} s audio, ${r.words.length} words, decode ${result.decodeSeconds.toFixed(2)} s`);
      return result;
    },

    async cancel(sessionId: string) {
      const s = sessions.get(sessionId);
      if (!s) return;
      sessions.delete(sessionId);
      if (s.recorder) await s.recorder.stop();
      deps.engine.cancel(sessionId);
    },

    async close() {
      for (const s of sessions.values()) if (s.recorder) await s.recorder.stop();
      sessions.clear();
      await deps.engine.close();
    },
  };
}
