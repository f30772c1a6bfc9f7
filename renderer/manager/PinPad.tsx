import { useEffect, useState } from 'react';
import { ApiError, invoke } from '../api/client';
import { Keypad } from '../components/Keypad';
import { useT } from '../i18n';
import type { AuthState } from './ManagerApp';

/** PIN entry. Digits are shown as dots; a lockout shows a countdown and disables the pad. */
export function PinPad(props: { auth: AuthState; onUnlocked: (a: AuthState) => void; onCancel: () => void }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(props.auth.lockedUntil ? Date.parse(props.auth.lockedUntil) : null);
  const [now, setNow] = useState(Date.now());
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    if (!lockedUntil) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [lockedUntil]);
  const secondsLeft = lockedUntil ? Math.max(0, Math.ceil((lockedUntil - now) / 1000)) : 0;
  const isLocked = secondsLeft > 0;

  async function submit() {
    if (pin.length < 6 || isBusy) return;
    setBusy(true);
    try {
      props.onUnlocked(await invoke('auth:unlock', { pin }));
    } catch (e) {
      setPin('');
      const err = e as ApiError;
      const st = await invoke('auth:status', {}).catch(() => null);
      if (err.code === 'LOCKED_OUT') {
        setLockedUntil(st?.lockedUntil ? Date.parse(st.lockedUntil) : Date.now() + 30_000);
        setNow(Date.now());
        setMessage(null);
      } else setMessage(err.code === 'UNAUTHORIZED' && st ? t('manager.pin.wrong', { n: st.triesLeft }) : t('manager.pin.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="m-pin" data-screen="manager-pin">
      <h1 className="m-title">{t('manager.pin.title')}</h1>
      {props.auth.storeName ? <p className="m-muted">{props.auth.storeName}</p> : null}
      <div className="m-pin-dots" aria-label={t('manager.pin.entered', { n: pin.length })} data-testid="pin-dots">
        {Array.from({ length: Math.max(6, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'm-dot m-dot-on' : 'm-dot'} />
        ))}
      </div>
      <p className={isLocked || message ? 'm-error' : 'm-muted'} role="status" data-testid="pin-message">
        {isLocked ? t('manager.pin.locked', { s: secondsLeft }) : (message ?? t('manager.pin.hint'))}
      </p>
      <fieldset className="m-pin-pad" disabled={isLocked || isBusy}>
        <Keypad layout="digits" testId="pin-keypad" onKey={(k) => pin.length < 12 && setPin(pin + k)} onBackspace={() => setPin(pin.slice(0, -1))} />
      </fieldset>
      <div className="m-row m-row-center">
        <button type="button" className="btn btn-ghost btn-lg" onClick={props.onCancel} data-testid="pin-cancel">
          {t('manager.pin.cancel')}
        </button>
        <button type="button" className="btn btn-primary btn-lg" disabled={pin.length < 6 || isLocked || isBusy} onClick={() => void submit()} data-testid="pin-ok">
          {t('manager.pin.unlock')}
        </button>
      </div>
    </section>
  );
}
