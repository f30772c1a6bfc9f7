import { useEffect, useState } from 'react';
import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { Lang } from '../../../core/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { CountdownRing } from '../../components/CountdownRing';
import { CheckIcon, SpeakerIcon } from '../../components/icons';
import { useCountdown } from '../../components/useCountdown';
import { useT } from '../../i18n';
import { AnswerArea, type AnswerDraft, type AnswerMode } from '../AnswerArea';
import { draftKey } from '../answerDrafts';
import { canSpeak, readAloud, stopReading } from '../readAloud';

export type QuestionView = Extract<InterviewStep, { step: 'question' }>['question'];
export type { AnswerDraft };

/**
 * One question: read it (optionally aloud), think, then answer before the ring runs out —
 * by speaking when this kiosk can transcribe the language, by typing always. A typed answer
 * counts exactly as much as a spoken one. Running out of time never throws an answer away.
 */
export function QuestionScreen(props: {
  lang: Lang;
  /** For keeping a half-typed answer across a reload. */
  interviewId?: string;
  question: QuestionView;
  isRetake: boolean;
  isBusy: boolean;
  isSpeechAvailable: boolean;
  selfView?: MediaStream | null;
  /** Camera/face-analysis state, exposed as data-face for tests and support staff. */
  faceState?: string;
  onAnswerStart?: () => void;
  onSpeaking?: (isSpeaking: boolean) => void;
  /** The applicant asked for the question to be read aloud (the follow-up is then read too). */
  onReadAloud?: () => void;
  onSubmit: (a: AnswerDraft) => void;
}) {
  const t = useT();
  const q = props.question;
  const [phase, setPhase] = useState<'think' | 'answer'>(q.thinkSeconds > 0 ? 'think' : 'answer');
  const [mode, setMode] = useState<AnswerMode>(props.isSpeechAvailable ? 'speak' : 'type');
  const thinkLeft = useCountdown(q.thinkSeconds, phase === 'think', () => setPhase('answer'));
  const { onAnswerStart } = props;

  useEffect(() => {
    if (phase === 'answer') onAnswerStart?.();
  }, [phase, onAnswerStart]);
  useEffect(() => () => stopReading(), []);

  return (
    <section
      className={`screen screen-question phase-${phase}`}
      data-screen="question"
      data-question={q.id}
      data-phase={phase}
      data-retake={props.isRetake}
      data-mode={mode}
      data-face={props.faceState}
    >
      <div className="question-head">
        {props.isRetake ? <p className="muted">{t('applicant.question.retakeLabel')}</p> : null}
        <h1 className="question-text" data-testid="question-text">
          {q.text[props.lang]}
        </h1>
        {q.hint ? <p className="question-hint">{q.hint[props.lang]}</p> : null}
        {canSpeak() ? (
          <BigButton
            variant="ghost"
            size="md"
            onClick={() => {
              readAloud(q.text[props.lang], props.lang);
              props.onReadAloud?.();
            }}
            data-testid="read-aloud"
          >
            <SpeakerIcon /> {t('applicant.question.readAloud')}
          </BigButton>
        ) : null}
      </div>
      {phase === 'think' ? (
        <div className="question-body center-col">
          <CountdownRing total={q.thinkSeconds} left={thinkLeft} label={t('applicant.question.thinking')} testId="think-ring" />
          <p className="lead">{t('applicant.question.thinkHelp')}</p>
          <BigButton size="xl" onClick={() => setPhase('answer')} data-testid="ready">
            {t('applicant.question.ready')}
          </BigButton>
        </div>
      ) : (
        <AnswerArea
          lang={props.lang}
          seconds={q.answerSeconds}
          isBusy={props.isBusy}
          isSpeechAvailable={props.isSpeechAvailable}
          skip={{ label: t('applicant.question.skip'), isAlwaysShown: false }}
          draftKey={props.interviewId ? draftKey(props.interviewId, q.id, props.isRetake ? 'retake' : 'answer') : undefined}
          selfView={props.selfView}
          onSpeaking={props.onSpeaking}
          onModeChange={setMode}
          onSubmit={props.onSubmit}
        />
      )}
    </section>
  );
}

/** After each answer: reassurance, then next question or the one retake. */
export function SavedScreen(props: { canRetake: boolean; isSkipped?: boolean; nextStep: InterviewStep['step']; onNext: () => void; onRetake: () => void }) {
  const t = useT();
  const nextLabel =
    props.nextStep === 'skills'
      ? 'applicant.saved.toSkills'
      : props.nextStep === 'finish'
        ? 'applicant.saved.toFinish'
        : props.nextStep === 'followUp'
          ? 'applicant.saved.toFollowUp'
          : 'applicant.saved.next';
  return (
    <section className="screen screen-center" data-screen="saved">
      <div className="big-icon" aria-hidden="true">
        <CheckIcon />
      </div>
      {/* A skipped question is not "saved": say what happened. */}
      <h1 className="title-lg" data-testid="saved" data-skipped={props.isSkipped === true}>
        {t(props.isSkipped ? 'applicant.saved.skippedTitle' : 'applicant.saved.title')}
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
