import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../electron/shared/contract/index';
import { invoke } from '../../api/client';
import { BigButton } from '../../components/BigButton';
import { CheckIcon } from '../../components/icons';
import { useT } from '../../i18n';

/** Bumped whenever the wording below changes; stored with every consent. */
export const NOTICE_VERSION = 'applicant-notice-2026-12';

const SECTIONS = ['recorded', 'camera', 'assessment', 'person', 'keep', 'human'] as const;
type NoticeFacts = OutputOf<'kiosk:status'>['notice'];
/** Until the kiosk answers: its defaults, and face scoring said to be possible (never understated). */
const FALLBACK: NoticeFacts = { retention: { notSelectedDays: 90, poolDays: 365, unfinishedDays: 30 }, isFaceScored: true };

export function NoticeScreen(props: { title: string; isBusy: boolean; onStart: (camera: boolean, talentPool: boolean) => void; onHuman: () => void; onBack: () => void }) {
  const t = useT();
  const [hasAgreed, setAgreed] = useState(false);
  const [isCamera, setCamera] = useState(false);
  const [isPool, setPool] = useState(false);
  // The notice states this kiosk's real retention periods and whether face signals count.
  const [facts, setFacts] = useState<NoticeFacts>(FALLBACK);
  useEffect(() => {
    let isLive = true;
    invoke('kiosk:status', {}).then(
      (s) => isLive && setFacts(s.notice),
      () => undefined,
    );
    return () => {
      isLive = false;
    };
  }, []);
  const days = { notSelected: facts.retention.notSelectedDays, unfinished: facts.retention.unfinishedDays, pool: facts.retention.poolDays };
  return (
    <section className="screen screen-notice" data-screen="notice">
      <h1 className="title-lg" id="notice-title">
        {t('applicant.notice.title', { opening: props.title })}
      </h1>
      {/* Scrolls when long: reachable and scrollable by keyboard too. */}
      <div className="notice-body scroll" tabIndex={0} role="region" aria-labelledby="notice-title">
        {SECTIONS.map((s) => (
          <div key={s} className="notice-item">
            <h2 className="title-sm">{t(`applicant.notice.${s}.title`)}</h2>
            <p>{t(`applicant.notice.${s}.text`, days)}</p>
            {s === 'camera' ? <p data-testid="notice-camera-score">{t(facts.isFaceScored ? 'applicant.notice.camera.scoreOn' : 'applicant.notice.camera.scoreOff')}</p> : null}
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
        <button type="button" role="checkbox" aria-checked={isPool} className={`tick ${isPool ? 'tick-on' : ''}`} onClick={() => setPool((v) => !v)} data-testid="consent-pool">
          <span className="tick-box">{isPool ? <CheckIcon /> : null}</span>
          <span>
            {t('applicant.notice.consentPool')}
            <small className="tick-note">{t('applicant.notice.consentPoolNote', days)}</small>
          </span>
        </button>
      </div>
      <div className="footer-actions">
        <BigButton variant="ghost" onClick={props.onBack}>
          <span aria-hidden="true">‹</span> {t('common.back')}
        </BigButton>
        <BigButton variant="secondary" onClick={props.onHuman} data-testid="human">
          {t('applicant.notice.humanButton')}
        </BigButton>
        <BigButton disabled={!hasAgreed || props.isBusy} onClick={() => props.onStart(isCamera, isPool)} data-testid="begin">
          {t('applicant.notice.start')}
        </BigButton>
      </div>
      {!hasAgreed ? <p className="muted center">{t('applicant.notice.needConsent')}</p> : null}
    </section>
  );
}
