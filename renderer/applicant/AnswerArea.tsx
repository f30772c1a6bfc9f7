import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { InputOf } from '../../electron/shared/contract/index';
import type { SpeechResult } from '../../electron/shared/contract/speech';
import type { Lang } from '../../core/packs/packSchema';
import { BigButton } from '../components/BigButton';
import { CountdownRing } from '../components/CountdownRing';
import { OnScreenKeyboard, type KeyboardMode } from '../components/keyboard/OnScreenKeyboard';
import { useDeadline } from '../components/useDeadline';
import { useT } from '../i18n';
import { SelfView } from '../media/face/SelfView';
import { SpokenAnswerPanel } from './SpokenAnswerPanel';
import { readDraft, writeDraft } from './answerDrafts';

type SpeechFeatures = NonNullable<InputOf<'interview:answer'>['speech']>;
export type AnswerDraft = { mode: 'typed' | 'spoken'; text: string; latencyMs: number | null; durationMs: number; speech?: SpeechFeatures | null };
export type AnswerMode = 'speak' | 'type';

/** Typing on a touch screen (Chinese above all) is slower than speaking: typed answers get this much more time. */
export const TYPING_TIME_FACTOR = 2;
/** "I need more time": once per answer, when the ring is nearly out. */
export const MORE_TIME_SECONDS = 60;
/** Seconds left when "more time" is offered (typed answers, the skills test). */
export const MORE_TIME_OFFER_AT = 30;

const KEYBOARD_MODES: readonly KeyboardMode[] = ['pinyin', 'english', 'digits'];

/**
 * Answering, for a question and for its follow-up alike: the countdown starts when this mounts,
 * the applicant speaks (when this kiosk can transcribe the language) or types, and "type instead"
 * keeps whatever was heard. Running out of time never throws an answer away.
 *
 * Typing happens on the kiosk's own on-screen keyboard (pinyin with candidates, English, digits),
 * and the ring then allows TYPING_TIME_FACTOR times the answer time; near the end the applicant
 * may ask once for MORE_TIME_SECONDS more.
 *
 * `skip`: a way out without an answer. Questions offer it only while typing (speaking has its own
 * "I've finished"); a follow-up offers it always, because skipping is a normal choice there.
 */
export function AnswerArea(props: {
  lang: Lang;
  seconds: number;
  isBusy: boolean;
  isSpeechAvailable: boolean;
  skip: { label: string; isAlwaysShown: boolean };
  /** Where the half-typed text is kept across a reload (see answerDrafts). */
  draftKey?: string;
  selfView?: MediaStream | null;
  onSpeaking?: (isSpeaking: boolean) => void;
  onModeChange?: (mode: AnswerMode) => void;
  onSubmit: (a: AnswerDraft) => void;
}) {
  const t = useT();
  const [text, setText] = useState(() => readDraft(props.draftKey));
  // A draft from before a reload is typed text: carry on typing it.
  const [mode, setMode] = useState<AnswerMode>(props.isSpeechAvailable && text === '' ? 'speak' : 'type');
  const { draftKey } = props;
  useEffect(() => writeDraft(draftKey, text), [draftKey, text]);
  const [notice, setNotice] = useState<string | null>(null);
  const answerStart = useRef<number>(Date.now());
  const firstInput = useRef<number | null>(null);
  const answerField = useRef<HTMLTextAreaElement | null>(null);
  const [isMoreTime, setMoreTime] = useState(false);
  const total = props.seconds * (mode === 'type' ? TYPING_TIME_FACTOR : 1) + (isMoreTime ? MORE_TIME_SECONDS : 0);
  const left = useDeadline(answerStart.current, total);
  const isTimeUp = left === 0;
  // Speaking stops itself at zero, so "more time" is offered before then; typing keeps it after.
  const isMoreTimeOffered = !isMoreTime && left <= MORE_TIME_OFFER_AT && (mode === 'type' || left > 0);
  const { onModeChange } = props;
  useEffect(() => onModeChange?.(mode), [mode, onModeChange]);

  const duration = () => Math.max(0, Date.now() - answerStart.current);
  const submitTyped = (answer: string) => {
    writeDraft(props.draftKey, '');
    props.onSubmit({ mode: 'typed', text: answer, latencyMs: firstInput.current === null ? null : Math.max(0, firstInput.current - answerStart.current), durationMs: duration() });
  };
  const submitSpoken = (r: SpeechResult) => {
    props.onSubmit({
      mode: 'spoken',
      text: r.text.trim(),
      latencyMs: r.firstWordSeconds === null ? null : Math.round(r.firstWordSeconds * 1000),
      durationMs: duration(),
      speech: { words: r.words.slice(0, 5000), speakingRate: r.speakingRate, pauseRatio: r.pauseRatio, model: r.model },
    });
  };
  const toTyping = (kept: string, reasonKey: string | null) => {
    props.onSpeaking?.(false);
    setText((v) => (v ? v : kept));
    if (kept && firstInput.current === null) firstInput.current = Date.now();
    setNotice(reasonKey ? t(reasonKey) + (kept ? ' ' + t('speech.error.keptText') : '') : null);
    setMode('type');
  };
  const skipButton = (
    <BigButton variant="ghost" disabled={props.isBusy} onClick={() => submitTyped('')} data-testid="skip">
      {props.skip.label}
    </BigButton>
  );
  const speakExtra: ReactNode = props.skip.isAlwaysShown ? skipButton : null;

  return (
    <>
      <div className="question-body answer-area" data-mode={mode}>
        <div className="answer-side">
          <CountdownRing total={total} left={left} label={t('applicant.question.answering')} size={170} testId="answer-ring" />
          {isMoreTimeOffered ? (
            <BigButton variant="secondary" size="md" onClick={() => setMoreTime(true)} data-testid="more-time">
              {t('keyboard.moreTime')}
            </BigButton>
          ) : null}
          {props.selfView ? <SelfView stream={props.selfView} /> : null}
        </div>
        <div className="answer-main">
          {mode === 'speak' ? (
            <SpokenAnswerPanel lang={props.lang} isTimeUp={isTimeUp} onSpoken={submitSpoken} onTypeInstead={toTyping} onSpeaking={props.onSpeaking} extraAction={speakExtra} />
          ) : (
            <>
              {/* Full width above the text, not squeezed under the ring. */}
              {isTimeUp ? (
                <p className="notice" role="status" data-testid="time-up">
                  {t('applicant.question.timeUp')}
                </p>
              ) : null}
              {notice ? (
                <p className="notice notice-warn" role="status" data-testid="speech-notice">
                  {notice}
                </p>
              ) : null}
              <label className="field-label" htmlFor="answer">
                {t('applicant.question.typeLabel')}
              </label>
              <textarea
                id="answer"
                ref={answerField}
                className="input answer-input"
                autoFocus
                maxLength={10000}
                value={text}
                onChange={(e) => {
                  if (firstInput.current === null) firstInput.current = Date.now();
                  setText(e.target.value);
                }}
                data-testid="answer"
              />
              <p className="muted answer-note">
                {/* "Counts the same as speaking" only where speaking is offered at all. */}
                {t(props.isSpeechAvailable ? 'applicant.question.typingEqual' : 'applicant.question.typingHint')} {t('keyboard.typingTime', { factor: TYPING_TIME_FACTOR })}
              </p>
            </>
          )}
        </div>
      </div>
      {mode === 'type' ? (
        <OnScreenKeyboard
          value={text}
          onChange={(v) => {
            if (firstInput.current === null) firstInput.current = Date.now();
            setText(v);
          }}
          target={answerField}
          modes={KEYBOARD_MODES}
          initialMode={props.lang === 'zh-CN' ? 'pinyin' : 'english'}
          maxLength={10000}
          testId="answer-keyboard"
        />
      ) : null}
      {mode === 'type' ? (
        <div className="footer-actions">
          {skipButton}
          <BigButton size="xl" disabled={props.isBusy || text.trim() === ''} onClick={() => submitTyped(text.trim())} data-testid="finish-answer">
            {t('applicant.question.finished')}
          </BigButton>
        </div>
      ) : null}
    </>
  );
}
