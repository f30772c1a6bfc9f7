import { useCallback, useEffect, useRef, useState } from 'react';
import type { InterviewState } from '../../electron/shared/contract/interview';
import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { LongPressZone } from '../components/LongPressZone';
import { useScreenFocus } from '../components/useScreenFocus';
import { LangContext } from '../i18n';
import { IdlePrompt } from './IdlePrompt';
import { Journey, type LiveInfo } from './Journey';
import { useIdle } from './useIdle';

const DEFAULT_LANG: Lang = 'zh-CN';

/**
 * The applicant side of the kiosk. Owns what outlives one visitor: the language default, the
 * idle watch, the manager's corner. Each visitor gets a fresh <Journey key>, so a reset drops
 * every piece of React state (names, answers, inputs) rather than trying to blank them one by one.
 */
export function ApplicantApp(props: { onManagerRequest: () => void }) {
  const [lang, setLang] = useState<Lang>(DEFAULT_LANG);
  const [visit, setVisit] = useState(0);
  const [idleSeconds, setIdleSeconds] = useState(90);
  const [resumeState, setResumeState] = useState<InterviewState | null>(null);
  const [isReady, setReady] = useState(false);
  const [live, setLive] = useState<LiveInfo>({ interviewId: null, isAttract: true });
  const liveRef = useRef(live);
  liveRef.current = live;
  const rootRef = useRef<HTMLDivElement>(null);
  useScreenFocus(rootRef);
  // The document's language follows the applicant's, so dialogs and screen readers use it too.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // Staff with a keyboard (or a switch) reach the PIN screen with Ctrl+Alt+M, the long-press's twin;
  // the PIN still guards the console.
  const onManager = props.onManagerRequest;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && (e.code === 'KeyM' || e.key.toLowerCase() === 'm')) {
        e.preventDefault();
        onManager();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onManager]);

  useEffect(() => {
    let isMounted = true;
    Promise.allSettled([invoke('kiosk:status', {}), invoke('interview:resume', {})]).then(([status, resume]) => {
      if (!isMounted) return;
      if (status.status === 'fulfilled' && status.value.idleSeconds > 0) setIdleSeconds(status.value.idleSeconds);
      if (resume.status === 'fulfilled' && resume.value.state) {
        setResumeState(resume.value.state);
        setLang(resume.value.state.lang);
      }
      setReady(true);
    });
    return () => {
      isMounted = false;
    };
  }, []);

  const reset = useCallback(async (abandon: 'idle' | 'cancelled' | null) => {
    const id = liveRef.current.interviewId;
    if (id && abandon) await invoke('interview:abandon', { interviewId: id, reason: abandon }).catch(() => undefined);
    if (typeof window !== 'undefined' && 'speechSynthesis' in window) window.speechSynthesis.cancel();
    (document.activeElement as HTMLElement | null)?.blur?.();
    setResumeState(null);
    setLive({ interviewId: null, isAttract: true });
    setLang(DEFAULT_LANG);
    setVisit((v) => v + 1);
  }, []);

  // On the attract screen there is nothing to protect; only a changed language is quietly undone.
  const isWatching = isReady && (!live.isAttract || lang !== DEFAULT_LANG);
  const { isIdle, resume } = useIdle(idleSeconds, isWatching);
  useEffect(() => {
    if (isIdle && live.isAttract) {
      resume();
      void reset(null);
    }
  }, [isIdle, live.isAttract, resume, reset]);

  return (
    <LangContext.Provider value={lang}>
      <div className="kiosk" data-lang={lang} ref={rootRef}>
        {isReady ? <Journey key={visit} lang={lang} setLang={setLang} resumeState={resumeState} onLive={setLive} onReset={(a) => void reset(a)} /> : null}
        {isIdle && !live.isAttract ? (
          <IdlePrompt
            onContinue={resume}
            onTimeout={() => {
              resume();
              void reset('idle');
            }}
          />
        ) : null}
        <LongPressZone onLongPress={props.onManagerRequest} testId="manager-corner" />
      </div>
    </LangContext.Provider>
  );
}
