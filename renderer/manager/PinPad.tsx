import { useEffect, useState } from 'react';
import { ErrorCode } from '../../core/errors';
import { ApiError, invoke } from '../api/client';
import { Keypad } from '../components/Keypad';
import { useT } from '../i18n';
import type { AuthState } from './ManagerApp';

/**
 * Unlock: pick your name, then your PIN (digits shown as dots). Names first means PINs need not
 * be unique, so nothing ever has to tell anyone that a PIN is taken. With one person on the
 * kiosk the name is picked already. A pause after wrong PINs shows a countdown and disables the pad.
 */
export function PinPad(props: { auth: AuthState; onUnlocked: (a: AuthState) => void; onCancel: () => void }) {
  const t = useT();
  const [auth, setAuth] = useState(props.auth);
  const [userId, setUserId] = useState<string | null>(props.auth.people.length === 1 ? props.auth.people[0]!.id : null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [isBusy, setBusy] = useState(false);

  const person = auth.people.find((p) => p.id === userId) ?? null;
  const lockedUntil = Math.max(auth.lockedUntil ? Date.parse(auth.lockedUntil) : 0, person?.lockedUntil ? Date.parse(person.lockedUntil) : 0);
  useEffect(() => {
    if (lockedUntil <= Date.now()) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [lockedUntil]);
  const secondsLeft = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  const isLocked = secondsLeft > 0;

  async function submit() {
    if (!userId || pin.length < 6 || isBusy) return;
    setBusy(true);
    try {
      props.onUnlocked(await invoke('auth:unlock', { userId, pin }));
    } catch (e) {
      setPin('');
      const err = e as ApiError;
      const st = await invoke('auth:status', {}).catch(() => null);
      if (st) setAuth(st);
      setNow(Date.now());
      if (err.code === ErrorCode.LockedOut) setMessage(null);
      else setMessage(err.code === ErrorCode.Unauthorized && st ? t('manager.pin.wrong', { n: st.triesLeft }) : t('manager.pin.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (!person) {
    return (
      <section className="m-pin" data-screen="manager-pin">
        <h1 className="m-title">{t('manager.pin.title')}</h1>
        {auth.storeName ? <p className="m-muted">{auth.storeName}</p> : null}
        <p className="m-muted">{t('manager.pin.who')}</p>
        <div className="m-pin-people" data-testid="pin-people">
          {auth.people.map((p) => (
            <button key={p.id} type="button" className="btn btn-secondary btn-lg" onClick={() => (setUserId(p.id), setMessage(null))} data-testid="pin-person">
              {p.name}
            </button>
          ))}
        </div>
        <div className="m-row m-row-center">
          <button type="button" className="btn btn-ghost btn-lg" onClick={props.onCancel} data-testid="pin-cancel">
            {t('manager.pin.cancel')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="m-pin" data-screen="manager-pin">
      <h1 className="m-title">{t('manager.pin.title')}</h1>
      {auth.storeName ? <p className="m-muted">{auth.storeName}</p> : null}
      <p className="m-pin-person">
        <span data-testid="pin-person-name">{person.name}</span>
        {auth.people.length > 1 ? (
          <button type="button" className="btn btn-ghost btn-md" onClick={() => (setUserId(null), setPin(''), setMessage(null))} data-testid="pin-switch">
            {t('manager.pin.notYou', { name: person.name })}
          </button>
        ) : null}
      </p>
      {/* The dots are for the eye; the count is announced from a live region. */}
      <p className="sr-only" aria-live="polite" data-testid="pin-count">
        {t('manager.pin.entered', { n: pin.length })}
      </p>
      <div className="m-pin-dots" aria-hidden="true" data-testid="pin-dots">
        {Array.from({ length: Math.max(6, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'm-dot m-dot-on' : 'm-dot'} />
        ))}
      </div>
      <p className={isLocked || message ? 'm-error' : 'm-muted'} role="status" data-testid="pin-message">
        {isLocked ? t('manager.pin.locked', { s: secondsLeft }) : (message ?? t('manager.pin.hint'))}
      </p>
      <fieldset className="m-pin-pad" disabled={isLocked || isBusy}>
        <Keypad
          layout="digits"
          testId="pin-keypad"
          acceptTyping={!isLocked && !isBusy}
          onEnter={() => void submit()}
          onKey={(k) => setPin((p) => (p.length < 12 ? p + k : p))}
          onBackspace={() => setPin((p) => p.slice(0, -1))}
        />
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
