import type { InterviewState } from '../../../electron/shared/contract/interview';
import { BigButton } from '../../components/BigButton';
import { useT } from '../../i18n';
import { maskName } from '../profileLogic';

/** After a restart: offer the interrupted interview back, showing almost nothing personal. */
export function ResumeScreen(props: { state: InterviewState; openingTitle: string | null; isBusy: boolean; onContinue: () => void; onStartOver: () => void }) {
  const t = useT();
  const next = props.state.next;
  const where = next.step === 'question' ? t('applicant.resume.atQuestion', { n: next.question.index + 1, total: next.question.total }) : t(`applicant.resume.at.${next.step}`);
  return (
    <section className="screen screen-center" data-screen="resume">
      <h1 className="title-lg">{t('applicant.resume.title')}</h1>
      <p className="lead">
        {props.state.applicantName ? t('applicant.resume.name', { name: maskName(props.state.applicantName) }) + ' ' : ''}
        {props.openingTitle ? t('applicant.resume.opening', { opening: props.openingTitle }) : ''}
      </p>
      <p className="lead">{where}</p>
      <div className="stack stack-wide">
        <BigButton size="xl" disabled={props.isBusy} onClick={props.onContinue} data-testid="resume-continue">
          {t('applicant.resume.continue')}
        </BigButton>
        <BigButton variant="secondary" disabled={props.isBusy} onClick={props.onStartOver} data-testid="resume-restart">
          {t('applicant.resume.startOver')}
        </BigButton>
      </div>
    </section>
  );
}
