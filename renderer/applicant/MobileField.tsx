import { Keypad } from '../components/Keypad';
import { useT } from '../i18n';
import { mobileProblem, normalizeMobile } from './profileLogic';

/**
 * Mobile number with its own big keypad (a kiosk may have no keyboard). The inline message
 * appears once the number looks finished or after "Next" was pressed, never mid-typing.
 */
export function MobileField(props: { value: string; onChange: (v: string) => void; isShowingProblems: boolean }) {
  const t = useT();
  const problem = mobileProblem(props.value);
  const digits = normalizeMobile(props.value);
  const isVisible = problem !== null && (props.isShowingProblems || digits.length >= 11);
  return (
    <div className="field">
      <label className="field-label" htmlFor="mobile">
        {t('applicant.profile.mobile')}
      </label>
      <input
        id="mobile"
        className={`input input-mobile ${isVisible ? 'input-bad' : ''}`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={20}
        value={props.value}
        aria-invalid={isVisible}
        aria-describedby="mobile-msg"
        onChange={(e) => props.onChange(e.target.value)}
        data-testid="mobile"
      />
      <p id="mobile-msg" className={isVisible ? 'field-msg field-msg-bad' : 'field-msg'} role={isVisible ? 'alert' : undefined} data-testid="mobile-msg">
        {isVisible ? t(`applicant.profile.problems.mobile.${problem}`) : t('applicant.profile.mobileHelp')}
      </p>
      <Keypad layout="digits" onKey={(k) => digits.length < 11 && props.onChange(digits + k)} onBackspace={() => props.onChange(digits.slice(0, -1))} />
    </div>
  );
}
