import { useEffect, useState } from 'react';
import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { Lang } from '../../../core/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { SpeakerIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { AnswerArea, type AnswerDraft, type AnswerMode } from '../AnswerArea';
import { draftKey } from '../answerDrafts';
import { canSpeak, readAloud, stopReading } from '../readAloud';

export type FollowUpView = Extract<InterviewStep, { step: 'followUp' }>['followUp'];

/**
 * The one follow-up to a short answer: the original question small, the pack's follow-up text
 * large, its own countdown, answered by speaking or typing exactly like a question, or skipped.
 * There is no thinking phase and no retake. It shows only the pack's wording, never what the
 * answer is checked for.
 */
export function FollowUpScreen(props: {
  lang: Lang;
  /** Where the half-typed reply is kept across a reload, like a question's (see answerDrafts). */
  interviewId?: string;
  followUp: FollowUpView;
  isBusy: boolean;
  isSpeechAvailable: boolean;
  /** The applicant had the question read aloud: read the follow-up the same way. */
  isReadAloudOn: boolean;
  selfView?: MediaStream | null;
  faceState?: string;
  onSpeaking?: (isSpeaking: boolean) => void;
  onSubmit: (a: AnswerDraft) => void;
}) {
  const t = useT();
  const f = props.followUp;
  const text = f.text[props.lang];
  const [mode, setMode] = useState<AnswerMode>(props.isSpeechAvailable ? 'speak' : 'type');
  const { isReadAloudOn, lang } = props;
  useEffect(() => {
    if (isReadAloudOn) readAloud(text, lang);
    return () => stopReading();
  }, [isReadAloudOn, text, lang]);

  return (
    <section className="screen screen-question screen-followup phase-answer" data-screen="follow-up" data-question={f.questionId} data-mode={mode} data-face={props.faceState}>
      <div className="question-head">
        <p className="followup-original" data-testid="followup-question">
          <span className="followup-tag">{t('applicant.followUp.about', { n: f.index + 1 })}</span> {f.questionText[props.lang]}
        </p>
        <h1 className="question-text" data-testid="followup-text">
          {text}
        </h1>
        <p className="question-hint">{t('applicant.followUp.help')}</p>
        {canSpeak() ? (
          <BigButton variant="ghost" size="md" onClick={() => readAloud(text, props.lang)} data-testid="read-aloud">
            <SpeakerIcon /> {t('applicant.question.readAloud')}
          </BigButton>
        ) : null}
      </div>
      <AnswerArea
        lang={props.lang}
        seconds={f.answerSeconds}
        isBusy={props.isBusy}
        isSpeechAvailable={props.isSpeechAvailable}
        skip={{ label: t('applicant.followUp.skip'), isAlwaysShown: true }}
        selfView={props.selfView}
        onSpeaking={props.onSpeaking}
        onModeChange={setMode}
        draftKey={props.interviewId ? draftKey(props.interviewId, f.questionId, 'followUp') : undefined}
        onSubmit={props.onSubmit}
      />
    </section>
  );
}
