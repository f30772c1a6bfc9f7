import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpeechResult } from '../../../electron/shared/contract/speech';
import type { Lang } from '../../../core/packs/packSchema';
import { invoke, onEvent } from '../../api/client';
import { mapApiError, type MicError } from './micErrors';
import { createSessionSender } from './sessionSender';
import { startMicCapture, type MicCapture } from './startMicCapture';

type ActiveSession = { id: string; mic: MicCapture | null; sender: ReturnType<typeof createSessionSender> | null; heardVoice: boolean; lastVoiceAt: number };
export type SpeechAnswerState = 'idle' | 'starting' | 'listening' | 'finishing' | 'done' | 'error';
export type SpeechAnswerOptions = {
  /** Finish automatically after this much silence once the applicant has spoken. Generous on purpose. */
  silenceSeconds?: number;
  /** RMS above which a frame counts as voice (for the silence timer only). */
  voiceRms?: number;
};

/**
 * One spoken answer: start() opens the microphone (renderer capture, or the kiosk's device
 * when the store setting says so) and a speech session; partial text and the level update
 * live; finish() returns the transcript with delivery metrics. On any failure `error` is set
 * and `partial` keeps what was heard, so the typed answer can start from it.
 */
export function useSpeechAnswer(lang: Lang, opts: SpeechAnswerOptions = {}) {
  const silenceSeconds = opts.silenceSeconds ?? 12;
  const voiceRms = opts.voiceRms ?? 0.02;
  const [state, setState] = useState<SpeechAnswerState>('idle');
  const [partial, setPartial] = useState('');
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<MicError | null>(null);
  const [result, setResult] = useState<SpeechResult | null>(null);
  const session = useRef<ActiveSession | null>(null);
  const finishRef = useRef<() => Promise<SpeechResult | null>>(async () => null);

  useEffect(() => {
    const offs = [
      onEvent('speech:partial', (p) => p.sessionId === session.current?.id && setPartial(p.text)),
      onEvent('speech:level', (p) => p.sessionId === session.current?.id && setLevel(p.rms)),
      onEvent('speech:error', (p) => {
        if (p.sessionId !== session.current?.id) return;
        setError(mapApiError(p));
        void finishRef.current(); // keep what was heard
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const onLevel = useCallback(
    (rms: number) => {
      setLevel(rms);
      const s = session.current;
      if (!s) return;
      const now = performance.now();
      if (rms >= voiceRms) {
        s.heardVoice = true;
        s.lastVoiceAt = now;
      } else if (s.heardVoice && now - s.lastVoiceAt > silenceSeconds * 1000) {
        void finishRef.current();
      }
    },
    [silenceSeconds, voiceRms],
  );

  const finish = useCallback(async (): Promise<SpeechResult | null> => {
    const s = session.current;
    if (!s) return null;
    session.current = null;
    setState('finishing');
    s.mic?.stop();
    try {
      await s.sender?.flush();
      const r = await invoke('speech:stop', { sessionId: s.id });
      setResult(r);
      setPartial(r.text);
      setState('done');
      return r;
    } catch (e) {
      setError(mapApiError(e));
      setState('error');
      return null;
    }
  }, []);
  finishRef.current = finish;

  const start = useCallback(async () => {
    if (session.current) return;
    setState('starting');
    setPartial('');
    setError(null);
    setResult(null);
    try {
      const { capture } = await invoke('speech:status', {});
      if (capture === 'device') {
        const { sessionId } = await invoke('speech:startDevice', { lang });
        session.current = { id: sessionId, mic: null, sender: null, heardVoice: false, lastVoiceAt: performance.now() };
      } else {
        const { sessionId } = await invoke('speech:start', { lang });
        const s: ActiveSession = { id: sessionId, mic: null, sender: null, heardVoice: false, lastVoiceAt: performance.now() };
        s.sender = createSessionSender(sessionId, (e) => {
          setError(mapApiError(e));
          void finishRef.current();
        });
        session.current = s;
        try {
          s.mic = await startMicCapture({
            onFrame: (pcm) => s.sender?.push(pcm),
            onLevel,
            onEnded: (err) => {
              setError(err);
              void finishRef.current();
            },
          });
        } catch (e) {
          session.current = null;
          void invoke('speech:cancel', { sessionId }).catch(() => undefined);
          throw e;
        }
      }
      setState('listening');
    } catch (e) {
      setError('i18nKey' in (e as object) ? (e as MicError) : mapApiError(e));
      setState('error');
    }
  }, [lang, onLevel]);

  const cancel = useCallback(async () => {
    const s = session.current;
    session.current = null;
    s?.mic?.stop();
    if (s) await invoke('speech:cancel', { sessionId: s.id }).catch(() => undefined);
    setState('idle');
    setPartial('');
    setLevel(0);
  }, []);

  // Leaving the screen (idle reset, navigation) must never leave the microphone open.
  useEffect(() => () => void cancel(), [cancel]);

  return { state, partial, level, error, result, start, finish, cancel };
}
