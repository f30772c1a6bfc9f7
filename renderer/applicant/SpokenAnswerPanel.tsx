import { useEffect, useRef, type ReactNode } from 'react';
import type { SpeechResult } from '../../electron/shared/contract/speech';
import type { Lang } from '../../core/packs/packSchema';
import { BigButton } from '../components/BigButton';
import { useT } from '../i18n';
import { useSpeechAnswer } from '../media/mic';

/** RMS above which the microphone is taken to hear speech (drives the face module's speaking flag). */
const SPEAKING_RMS = 0.02;

/**
 * Speaking an answer: the microphone opens as the answer time starts, the words appear as they
 * are recognised, and "I've finished" (or a long silence, or the end of the time) closes it.
 * Any failure, or "type instead", hands what was heard so far to the typing box: nothing said is lost.
 */
export function SpokenAnswerPanel(props: {
  lang: Lang;
  isTimeUp: boolean;
  onSpoken: (r: SpeechResult) => void;
  onTypeInstead: (kept: string, reasonKey: string | null) => void;
  onSpeaking?: (isSpeaking: boolean) => void;
  /** Another way on, shown first in the footer (a follow-up's "Skip"). */
  extraAction?: ReactNode;
}) {
  const t = useT();
  const speech = useSpeechAnswer(props.lang);
  const { start, finish, state, result, partial, error, level } = speech;
  const handled = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    void start();
  }, [start]);
  useEffect(() => {
    if (props.isTimeUp && state === 'listening') void finish();
  }, [props.isTimeUp, state, finish]);
  useEffect(() => latest.current.onSpeaking?.(state === 'listening' && level >= SPEAKING_RMS), [state, level]);
  useEffect(() => {
    if (handled.current) return;
    if (state === 'done' && result) {
      handled.current = true;
      if (result.text.trim() !== '') latest.current.onSpoken(result);
      else latest.current.onTypeInstead('', 'applicant.question.notHeard');
    } else if (state === 'error') {
      handled.current = true;
      latest.current.onTypeInstead(partial, error?.i18nKey ?? 'speech.error.internal');
    }
  }, [state, result, partial, error]);

  const isListening = state === 'listening';
  return (
    <div className="spoken" data-testid="spoken-answer" data-state={state}>
      <div className="meter" role="meter" aria-label={t('speech.level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(Math.min(1, level * 4) * 100)}>
        <div className="meter-fill" style={{ width: `${Math.round(Math.min(1, level * 4) * 100)}%` }} />
      </div>
      <p className="field-label">{t('speech.liveTranscript')}</p>
      <div className="transcript" aria-live="polite" data-testid="live-transcript">
        {partial || <span className="placeholder">{state === 'finishing' ? t('speech.processing') : t('speech.listening')}</span>}
      </div>
      <p className="muted">{t('applicant.question.typingEqual')}</p>
      <div className="footer-actions">
        {props.extraAction}
        <BigButton
          variant="secondary"
          onClick={() => {
            handled.current = true;
            props.onTypeInstead(partial, null);
          }}
          data-testid="type-instead"
        >
          {t('speech.typeInstead')}
        </BigButton>
        <BigButton size="xl" disabled={!isListening} onClick={() => void finish()} data-testid="finish-speaking">
          {t('applicant.question.finished')}
        </BigButton>
      </div>
    </div>
  );
}
