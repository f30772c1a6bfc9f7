import { useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../electron/shared/contract/index';
import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { SpeechResult } from '../../../electron/shared/contract/speech';
import type { Lang } from '../../../electron/shared/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { CountdownRing } from '../../components/CountdownRing';
import { CheckIcon, SpeakerIcon } from '../../components/icons';
import { useCountdown } from '../../components/useCountdown';
import { useT } from '../../i18n';
import { SelfView } from '../../media/face/SelfView';
import { SpokenAnswerPanel } from '../SpokenAnswerPanel';

export type QuestionView = Extract<InterviewStep, { step: 'question' }>['question'];
export type AnswerDraft = { mode: 'typed' | 'spoken'; text: string; latencyMs: number | null; durationMs: number; speech?: SpeechFeatures | null };
type SpeechFeatures = NonNullable<InputOf<'interview:answer'>['speech']>;

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

/**
 * One question: read it (optionally aloud), think, then answer before the ring runs out —
 * by speaking when this kiosk can transcribe the language, by typing always. A typed answer
 * counts exactly as much as a spoken one. Running out of time never throws an answer away.
 */
export function QuestionScreen(props: {
  lang: Lang;
  question: QuestionView;
  isRetake: boolean;
  isBusy: boolean;
  isSpeechAvailable: boolean;
  selfView?: MediaStream | null;
  /** Camera/face-analysis state, exposed as data-face for tests and support staff. */
  faceState?: string;
  onAnswerStart?: () => void;
  onSpeaking?: (isSpeaking: boolean) => void;
  onSubmit: (a: AnswerDraft) => void;
}) {
  const t = useT();
  const q = props.question;
  const [phase, setPhase] = useState<'think' | 'answer'>(q.thinkSeconds > 0 ? 'think' : 'answer');
  const [mode, setMode] = useState<'speak' | 'type'>(props.isSpeechAvailable ? 'speak' : 'type');
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const answerStart = useRef<number>(Date.now());
  const firstInput = useRef<number | null>(null);
  const thinkLeft = useCountdown(q.thinkSeconds, phase === 'think', () => startAnswer());
  const answerLeft = useCountdown(q.answerSeconds, phase === 'answer');
  const isTimeUp = phase === 'answer' && answerLeft === 0;
  const { onAnswerStart } = props;

  function startAnswer() {
    answerStart.current = Date.now();
    setPhase('answer');
  }
  useEffect(() => {
    if (phase === 'answer') onAnswerStart?.();
  }, [phase, onAnswerStart]);
  useEffect(() => () => (canSpeak() ? window.speechSynthesis.cancel() : undefined), []);

  const readAloud = () => {
    if (!canSpeak()) return;
    window.speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(q.text[props.lang]);
    u.lang = props.lang;
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  };
  const duration = () => Math.max(0, Date.now() - answerStart.current);
  const submitTyped = (answer: string) => {
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

  return (
    <section className={`screen screen-question phase-${phase}`} data-screen="question" data-question={q.id} data-retake={props.isRetake} data-mode={mode} data-face={props.faceState}>
      <div className="question-head">
        {props.isRetake ? <p className="muted">{t('applicant.question.retakeLabel')}</p> : null}
        <h1 className="question-text" data-testid="question-text">
          {q.text[props.lang]}
        </h1>
        {q.hint ? <p className="question-hint">{q.hint[props.lang]}</p> : null}
        {canSpeak() ? (
          <BigButton variant="ghost" size="md" onClick={readAloud} data-testid="read-aloud">
            <SpeakerIcon /> {t('applicant.question.readAloud')}
          </BigButton>
        ) : null}
      </div>
      {phase === 'think' ? (
        <div className="question-body center-col">
          <CountdownRing total={q.thinkSeconds} left={thinkLeft} label={t('applicant.question.thinking')} testId="think-ring" />
          <p className="lead">{t('applicant.question.thinkHelp')}</p>
          <BigButton size="xl" onClick={startAnswer} data-testid="ready">
            {t('applicant.question.ready')}
          </BigButton>
        </div>
      ) : (
        <div className="question-body answer-area">
          <div className="answer-side">
            <CountdownRing total={q.answerSeconds} left={answerLeft} label={t('applicant.question.answering')} size={170} testId="answer-ring" />
            {isTimeUp && mode === 'type' ? (
              <p className="notice" role="status" data-testid="time-up">
                {t('applicant.question.timeUp')}
              </p>
            ) : null}
            {props.selfView ? <SelfView stream={props.selfView} /> : null}
          </div>
          <div className="answer-main">
            {mode === 'speak' ? (
              <SpokenAnswerPanel lang={props.lang} isTimeUp={isTimeUp} onSpoken={submitSpoken} onTypeInstead={toTyping} onSpeaking={props.onSpeaking} />
            ) : (
              <>
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
                <p className="muted">{t('applicant.question.typingEqual')}</p>
              </>
            )}
          </div>
        </div>
      )}
      {phase === 'answer' && mode === 'type' ? (
        <div className="footer-actions">
          <BigButton variant="ghost" disabled={props.isBusy} onClick={() => submitTyped('')} data-testid="skip">
            {t('applicant.question.skip')}
          </BigButton>
          <BigButton size="xl" disabled={props.isBusy || text.trim() === ''} onClick={() => submitTyped(text.trim())} data-testid="finish-answer">
            {t('applicant.question.finished')}
          </BigButton>
        </div>
      ) : null}
    </section>
  );
}

/** After each answer: reassurance, then next question or the one retake. */
export function SavedScreen(props: { canRetake: boolean; nextStep: InterviewStep['step']; onNext: () => void; onRetake: () => void }) {
  const t = useT();
  const nextLabel = props.nextStep === 'skills' ? 'applicant.saved.toSkills' : props.nextStep === 'finish' ? 'applicant.saved.toFinish' : 'applicant.saved.next';
  return (
    <section className="screen screen-center" data-screen="saved">
      <div className="big-icon" aria-hidden="true">
        <CheckIcon />
      </div>
      <h1 className="title-lg" data-testid="saved">
        {t('applicant.saved.title')}
      </h1>
      <div className="stack stack-wide">
        <BigButton size="xl" onClick={props.onNext} data-testid="next-question">
          {t(nextLabel)}
        </BigButton>
        {props.canRetake ? (
          <BigButton variant="secondary" onClick={props.onRetake} data-testid="retake">
            {t('applicant.saved.retake')}
          </BigButton>
        ) : null}
      </div>
      {props.canRetake ? <p className="muted center">{t('applicant.saved.retakeNote')}</p> : null}
    </section>
  );
}
