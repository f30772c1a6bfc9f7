import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether a scrolling box has more below what is visible (issue 14, item 6: the landscape
 * finish screen cut its second tip with no sign it scrolled). Re-checked on scroll and resize.
 */
export function useScrollCue(ref: RefObject<HTMLElement | null>, deps: unknown[] = []): boolean {
  const [hasMore, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 4);
    check();
    el.addEventListener('scroll', check, { passive: true });
    const ro = new ResizeObserver(check);
    ro.observe(el);
    for (const c of Array.from(el.children)) ro.observe(c);
    return () => {
      el.removeEventListener('scroll', check);
      ro.disconnect();
    };
  }, [ref, ...deps]);
  return hasMore;
}
