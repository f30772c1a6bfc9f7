import { useState } from 'react';
import { BigButton } from '../../components/BigButton';
import { CheckIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { MobileField } from '../MobileField';
import { mobileProblem, normalizeMobile } from '../profileLogic';

/** "I'd like to talk to a person instead": name and mobile only, nothing else is asked. */
export function HumanRequestScreen(props: { isBusy: boolean; onSubmit: (name: string, mobile: string) => void; onBack: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [isTried, setTried] = useState(false);
  const isNameBad = isTried && name.trim() === '';
  const submit = () => {
    setTried(true);
    if (name.trim() !== '' && mobileProblem(mobile) === null) props.onSubmit(name.trim(), normalizeMobile(mobile));
  };
  return (
    <section className="screen screen-human" data-screen="human">
      <h1 className="title-lg">{t('applicant.human.title')}</h1>
      <p className="lead">{t('applicant.human.lead')}</p>
      <div className="form scroll">
        <div className="field">
          <label className="field-label" htmlFor="human-name">
            {t('applicant.profile.name')}
          </label>
          <input id="human-name" className={`input ${isNameBad ? 'input-bad' : ''}`} autoComplete="off" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} data-testid="name" />
          {isNameBad ? <p className="field-msg field-msg-bad">{t('applicant.profile.problems.name')}</p> : null}
        </div>
        <MobileField value={mobile} onChange={setMobile} isShowingProblems={isTried} />
      </div>
      <div className="footer-actions">
        <BigButton variant="ghost" onClick={props.onBack}>
          <span aria-hidden="true">‹</span> {t('common.back')}
        </BigButton>
        <BigButton disabled={props.isBusy} onClick={submit} data-testid="human-submit">
          {t('applicant.human.submit')}
        </BigButton>
      </div>
    </section>
  );
}

export function HumanDoneScreen(props: { onDone: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-center" data-screen="human-done">
      <div className="big-icon" aria-hidden="true">
        <CheckIcon />
      </div>
      <h1 className="title-lg">{t('applicant.human.doneTitle')}</h1>
      <p className="lead">{t('applicant.human.doneText')}</p>
      <BigButton size="xl" onClick={props.onDone} data-testid="done">
        {t('common.finishDone')}
      </BigButton>
    </section>
  );
}
