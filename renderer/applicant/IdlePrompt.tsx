import { BigButton } from '../components/BigButton';
import { CountdownRing } from '../components/CountdownRing';
import { Modal } from '../components/Modal';
import { useCountdown } from '../components/useCountdown';
import { useT } from '../i18n';
import './idlePrompt.css';

/** Seconds the "are you still there?" prompt waits before the screen clears itself. */
export const IDLE_PROMPT_SECONDS = 30;

export function IdlePrompt(props: { onContinue: () => void; onTimeout: () => void }) {
  const t = useT();
  const left = useCountdown(IDLE_PROMPT_SECONDS, true, props.onTimeout);
  return (
    <Modal title={t('applicant.idle.title')} testId="idle-prompt" onEscape={props.onContinue}>
      <p className="lead">{t('applicant.idle.text', { s: left })}</p>
      <div className="center-col">
        <CountdownRing total={IDLE_PROMPT_SECONDS} left={left} label={t('applicant.idle.seconds')} size={160} />
        <BigButton size="xl" onClick={props.onContinue} data-testid="idle-continue">
          {t('applicant.idle.continue')}
        </BigButton>
      </div>
    </Modal>
  );
}
