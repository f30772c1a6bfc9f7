import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { useScreenFocus } from '../components/useScreenFocus';
import { LangContext, translate } from '../i18n';
import { ConsoleShell } from './ConsoleShell';
import { LangToggle } from './LangToggle';
import { lockOnPageLoad } from './lockOnPageLoad';
import { PinPad } from './PinPad';
import { SetupScreen } from './SetupScreen';
import './manager.css';

export type AuthState = OutputOf<'auth:status'>;

/**
 * The store manager's console. The applicant screens open it (long-press + PIN); it never
 * holds a PIN hash or key — only the role and name main reports. Locking (button, inactivity,
 * or leaving) always ends the session in main first, then returns to the applicant side.
 */
export function ManagerApp(props: { onExit: () => void }) {
  const [lang, setLang] = useState<Lang>('zh-CN');
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  useScreenFocus(rootRef);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    lockOnPageLoad()
      .then(() => invoke('auth:status', {}))
      .then(setAuth, (e: Error) => setLoadError(e.message));
  }, []);

  const exit = useCallback(async () => {
    await invoke('auth:lock', {}).catch(() => undefined);
    props.onExit();
  }, [props]);

  useIdleLock(auth?.session ? auth.session.idleSeconds : 0, exit);

  let body;
  if (loadError)
    body = (
      <p className="m-error" role="alert">
        {loadError}
      </p>
    );
  else if (!auth) body = <p className="m-muted">{translate(lang, 'common.loading')}</p>;
  else if (!auth.isSetUp) body = <SetupScreen onDone={setAuth} onCancel={exit} />;
  else if (!auth.session) body = <PinPad auth={auth} onUnlocked={setAuth} onCancel={exit} />;
  else body = <ConsoleShell auth={auth} lang={lang} setLang={setLang} onLock={exit} />;
  return (
    <LangContext.Provider value={lang}>
      <div className="m-root" data-lang={lang} data-testid="manager" ref={rootRef}>
        {/* Before unlocking too: a manager who reads English sets it on the PIN or setup screen. */}
        {auth && !auth.session ? (
          <div className="m-lang-bar">
            <LangToggle lang={lang} setLang={setLang} />
          </div>
        ) : null}
        {body}
      </div>
    </LangContext.Provider>
  );
}

/**
 * Locks after `seconds` without a touch (0 = not unlocked). Touches are also reported to main
 * (at most every 20 s), whose own idle timer is the one that really counts.
 */
function useIdleLock(seconds: number, lock: () => void) {
  const last = useRef(Date.now());
  const lastPing = useRef(0);
  const lockRef = useRef(lock);
  lockRef.current = lock;
  useEffect(() => {
    if (!seconds) return;
    last.current = Date.now();
    const onActivity = () => {
      last.current = Date.now();
      if (Date.now() - lastPing.current > 20_000) {
        lastPing.current = Date.now();
        void invoke('auth:touch', {}).catch(() => undefined);
      }
    };
    const timer = setInterval(() => {
      if (Date.now() - last.current > seconds * 1000) lockRef.current();
    }, 1000);
    window.addEventListener('pointerdown', onActivity);
    window.addEventListener('keydown', onActivity);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onActivity);
      window.removeEventListener('keydown', onActivity);
    };
  }, [seconds]);
}
