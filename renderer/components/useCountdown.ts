import { useEffect, useRef, useState } from 'react';

/**
 * Whole seconds left of a countdown that starts when isRunning turns true (or `restartKey`
 * changes). Computed from the clock rather than by counting ticks, so a busy UI thread never
 * stretches an applicant's answer time.
 */
export function useCountdown(totalSeconds: number, isRunning: boolean, onDone?: () => void, restartKey: unknown = 0): number {
  const [left, setLeft] = useState(totalSeconds);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  }, [onDone]);
  useEffect(() => {
    if (!isRunning) {
      setLeft(totalSeconds);
      return undefined;
    }
    const end = Date.now() + totalSeconds * 1000;
    let isFired = false;
    setLeft(totalSeconds);
    const id = setInterval(() => {
      const l = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(l);
      if (l === 0 && !isFired) {
        isFired = true;
        clearInterval(id);
        doneRef.current?.();
      }
    }, 200);
    return () => clearInterval(id);
  }, [totalSeconds, isRunning, restartKey]);
  return left;
}
