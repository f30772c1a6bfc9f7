import { useEffect, useRef, useState } from 'react';
import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { Lang } from '../../../electron/shared/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { CountdownRing } from '../../components/CountdownRing';
import { SpeakerIcon } from '../../components/icons';
import { useCountdown } from '../../components/useCountdown';
import { useT } from '../../i18n';

export type QuestionView = Extract<InterviewStep, { step: 'question' }>['question'];
export type AnswerDraft = { mode: 'typed' | 'spoken'; text: string; latencyMs: number | null; durationMs: number };

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

/**
 * One question: read it (optionally aloud), think, then answer before the ring runs out.
 * Typing is always offered and counts exactly as much as speaking. Running out of time never
 * throws an answer away: the applicant finishes the sentence and saves.
 */
export function QuestionScreen(props: { lang: Lang; question: QuestionView; isRetake: boolean; isBusy: boolean; onSubmit: (a: AnswerDraft) => void }) {
  const t = useT();
  const q = props.question;
  const [phase, setPhase] = useState<'think' | 'answer'>(q.thinkSeconds > 0 ? 'think' : 'answer');
  const [text, setText] = useState('');
  const answerStart = useRef<number>(phase === 'answer' ? Date.now() : 0);
  const firstInput = useRef<number | null>(null);
  const thinkLeft = useCountdown(q.thinkSeconds, phase === 'think', () => startAnswer());
  const answerLeft = useCountdown(q.answerSeconds, phase === 'answer');
  const isTimeUp = phase === 'answer' && answerLeft === 0;

  function startAnswer() {
    answerStart.current = Date.now();
    setPhase('answer');
  }
  useEffect(() => () => (canSpeak() ? window.speechSynthesis.cancel() : undefined), []);

  const readAloud = () => {
    if (!canSpeak()) return;
    window.speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(q.text[props.lang]);
    u.lang = props.lang;
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  };
  const submit = (answer: string) => {
    const now = Date.now();
    props.onSubmit({
      mode: 'typed',
      text: answer,
      latencyMs: firstInput.current === null ? null : Math.max(0, firstInput.current - answerStart.current),
      durationMs: Math.max(0, now - answerStart.current),
    });
  };

  return (
    <section className={`screen screen-question phase-${phase}`} data-screen="question" data-question={q.id} data-retake={props.isRetake}>
      <div className="question-head">
        <p className="muted">{props.isRetake ? t('applicant.question.retakeLabel') : t('applicant.question.label', { n: q.index + 1, total: q.total })}</p>
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
            {isTimeUp ? (
              <p className="notice" role="status" data-testid="time-up">
                {t('applicant.question.timeUp')}
              </p>
            ) : null}
          </div>
          <div className="answer-main">
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
          </div>
        </div>
      )}
      {phase === 'answer' ? (
        <div className="footer-actions">
          <BigButton variant="ghost" disabled={props.isBusy} onClick={() => submit('')} data-testid="skip">
            {t('applicant.question.skip')}
          </BigButton>
          <BigButton size="xl" disabled={props.isBusy || text.trim() === ''} onClick={() => submit(text.trim())} data-testid="finish-answer">
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
        ✓
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
