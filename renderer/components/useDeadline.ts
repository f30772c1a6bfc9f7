import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `startMs + totalSeconds`. Unlike useCountdown, the total may change
 * while it runs (typing time, "more time") without restarting from the top: the start stays put.
 */
export function useDeadline(startMs: number, totalSeconds: number): number {
  const leftNow = () => Math.max(0, Math.ceil((startMs + totalSeconds * 1000 - Date.now()) / 1000));
  const [left, setLeft] = useState(leftNow);
  useEffect(() => {
    const tick = () => setLeft(Math.max(0, Math.ceil((startMs + totalSeconds * 1000 - Date.now()) / 1000)));
    tick();
    const id = setInterval(tick, 200);
    return () => clearInterval(id);
  }, [startMs, totalSeconds]);
  return left;
}
