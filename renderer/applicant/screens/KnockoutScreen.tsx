import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { Lang } from '../../../core/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { useT } from '../../i18n';

type Checks = Extract<InterviewStep, { step: 'knockout' }>['checks'];

/** Says plainly which requirement did not fit and why, and leaves the choice to the applicant. */
export function KnockoutScreen(props: { lang: Lang; checks: Checks; isBusy: boolean; onChoice: (proceed: boolean) => void; onBack?: () => void }) {
  const t = useT();
  const failed = props.checks.filter((c) => !c.passed);
  return (
    <section className="screen screen-knockout" data-screen="knockout">
      <h1 className="title-lg" data-testid="knockout-title">
        {failed.length === 1 ? t('applicant.knockout.title') : t('applicant.knockout.titleMany', { n: failed.length })}
      </h1>
      <p className="lead">{t('applicant.knockout.lead')}</p>
      <ul className="reasons scroll" tabIndex={0} aria-label={t('applicant.knockout.title')}>
        {failed.map((c) => (
          <li key={c.ruleId} className="reason" data-rule={c.ruleId}>
            {c.explain[props.lang]}
          </li>
        ))}
      </ul>
      <p className="notice">{t('applicant.knockout.choice')}</p>
      <div className="footer-actions footer-stack">
        <BigButton disabled={props.isBusy} onClick={() => props.onChoice(true)} data-testid="knockout-continue">
          {t('applicant.knockout.continue')}
        </BigButton>
        <BigButton variant="secondary" disabled={props.isBusy} onClick={() => props.onChoice(false)} data-testid="knockout-stop">
          {t('applicant.knockout.stop')}
        </BigButton>
        {props.onBack ? (
          <BigButton variant="ghost" disabled={props.isBusy} onClick={props.onBack} data-testid="knockout-back">
            <span aria-hidden="true">‹</span> {t('applicant.knockout.back')}
          </BigButton>
        ) : null}
      </div>
    </section>
  );
}

export function DeclinedScreen(props: { onHuman: () => void; onOtherJobs: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-center" data-screen="declined">
      <h1 className="title-lg">{t('applicant.declined.title')}</h1>
      <p className="lead">{t('applicant.declined.text')}</p>
      <div className="stack stack-wide">
        <BigButton variant="secondary" onClick={props.onOtherJobs} data-testid="other-jobs">
          {t('applicant.declined.otherJobs')}
        </BigButton>
        <BigButton variant="secondary" onClick={props.onHuman} data-testid="human">
          {t('applicant.notice.humanButton')}
        </BigButton>
        <BigButton onClick={props.onDone} data-testid="done">
          {t('common.finishDone')}
        </BigButton>
      </div>
    </section>
  );
}
