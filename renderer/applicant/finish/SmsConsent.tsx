import { useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { CheckIcon } from '../../components/icons';
import { useT } from '../../i18n';

/**
 * The separate, optional "text me my result" choice (issue 16). Offered only where head office
 * sends this store's results by SMS; off until the applicant ticks it; each change is its own
 * consent record (with the wording version) on the kiosk.
 */
export function SmsConsent(props: { interviewId: string; mobileTail: string }) {
  const t = useT();
  const [isOn, setOn] = useState(false);
  const [isFailed, setFailed] = useState(false);
  const [hasChanged, setChanged] = useState(false);
  const busy = useRef(false);
  const toggle = () => {
    if (busy.current) return;
    busy.current = true;
    const next = !isOn;
    invoke('notify:consent', { interviewId: props.interviewId, granted: next })
      .then(
        (r) => (setOn(r.granted), setFailed(false), setChanged(true)),
        () => setFailed(true),
      )
      .finally(() => (busy.current = false));
  };
  // The outcome replaces the small print inside the tick (no extra line: the landscape panel is full).
  const status = isFailed ? t('applicant.finish.sms.failed') : isOn ? t('applicant.finish.sms.on') : hasChanged ? t('applicant.finish.sms.off') : '';
  return (
    <div className="sms-consent">
      <button type="button" role="checkbox" aria-checked={isOn} className={`tick ${isOn ? 'tick-on' : ''}`} onClick={toggle} data-testid="sms-consent">
        <span className="tick-box">{isOn ? <CheckIcon /> : null}</span>
        <span>
          {t('applicant.finish.sms.label', { tail: props.mobileTail })}
          <small className={`tick-note ${isFailed ? 'tick-error' : ''}`} data-testid="sms-status">
            {status || t('applicant.finish.sms.note')}
          </small>
        </span>
      </button>
      <span className="sr-only" role="status">
        {status}
      </span>
    </div>
  );
}
