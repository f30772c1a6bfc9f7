import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/**
 * True once nobody has touched the screen for `idleSeconds`. Stays true until `resume()` is
 * called (the "Yes, continue" button), so a stray touch on the prompt does not hide it unread.
 */
export function useIdle(idleSeconds: number, isWatching: boolean): { isIdle: boolean; resume: () => void } {
  const last = useRef(Date.now());
  const [isIdle, setIdle] = useState(false);
  useEffect(() => {
    const mark = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, mark, { capture: true, passive: true });
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, mark, { capture: true });
    };
  }, []);
  useEffect(() => {
    last.current = Date.now();
    if (!isWatching) {
      setIdle(false);
      return undefined;
    }
    const id = setInterval(() => {
      if (Date.now() - last.current >= idleSeconds * 1000) setIdle(true);
    }, 500);
    return () => clearInterval(id);
  }, [idleSeconds, isWatching]);
  const resume = useCallback(() => {
    last.current = Date.now();
    setIdle(false);
  }, []);
  return { isIdle, resume };
}
