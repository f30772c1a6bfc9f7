import { useState } from 'react';
import { BigButton } from '../../components/BigButton';
import { CheckIcon } from '../../components/icons';
import { useT } from '../../i18n';

/** Bumped whenever the wording below changes; stored with every consent. */
export const NOTICE_VERSION = 'applicant-notice-2026-11';

const SECTIONS = ['recorded', 'camera', 'assessment', 'person', 'human'] as const;

export function NoticeScreen(props: { title: string; isBusy: boolean; onStart: (camera: boolean) => void; onHuman: () => void; onBack: () => void }) {
  const t = useT();
  const [hasAgreed, setAgreed] = useState(false);
  const [isCamera, setCamera] = useState(false);
  return (
    <section className="screen screen-notice" data-screen="notice">
      <h1 className="title-lg">{t('applicant.notice.title', { opening: props.title })}</h1>
      <div className="notice-body scroll">
        {SECTIONS.map((s) => (
          <div key={s} className="notice-item">
            <h2 className="title-sm">{t(`applicant.notice.${s}.title`)}</h2>
            <p>{t(`applicant.notice.${s}.text`)}</p>
          </div>
        ))}
      </div>
      <div className="consents">
        <button type="button" role="checkbox" aria-checked={hasAgreed} className={`tick ${hasAgreed ? 'tick-on' : ''}`} onClick={() => setAgreed((v) => !v)} data-testid="consent-data">
          <span className="tick-box">{hasAgreed ? <CheckIcon /> : null}</span>
          <span>{t('applicant.notice.consentData')}</span>
        </button>
        <button type="button" role="checkbox" aria-checked={isCamera} className={`tick ${isCamera ? 'tick-on' : ''}`} onClick={() => setCamera((v) => !v)} data-testid="consent-camera">
          <span className="tick-box">{isCamera ? <CheckIcon /> : null}</span>
          <span>
            {t('applicant.notice.consentCamera')}
            <small className="tick-note">{t('applicant.notice.consentCameraNote')}</small>
          </span>
        </button>
      </div>
      <div className="footer-actions">
        <BigButton variant="ghost" onClick={props.onBack}>
          ‹ {t('common.back')}
        </BigButton>
        <BigButton variant="secondary" onClick={props.onHuman} data-testid="human">
          {t('applicant.notice.humanButton')}
        </BigButton>
        <BigButton disabled={!hasAgreed || props.isBusy} onClick={() => props.onStart(isCamera)} data-testid="begin">
          {t('applicant.notice.start')}
        </BigButton>
      </div>
      {!hasAgreed ? <p className="muted center">{t('applicant.notice.needConsent')}</p> : null}
    </section>
  );
}
