import { useEffect, type RefObject } from 'react';

/** What marks "the screen moved on": a new screen, profile step, skills item, question or its answer phase. */
const MARKERS = ['data-screen', 'data-item', 'data-question', 'data-phase'];

/**
 * Makes every navigation idempotent under double taps: when a tap moved the journey on (a new
 * screen, step or item appeared) and the second tap of the same double tap follows, that second
 * tap is swallowed — it would otherwise press whatever button now sits there (skipping a skills
 * item, or "Next" on a profile page nobody has looked at yet). The browser says which taps belong
 * to one double tap (the click's `detail` is the tap count), so separate taps — however quick, as
 * in a script — typing on keys, and double taps that did not move the screen pass as usual.
 * Actions that finish later (a save) are guarded where they start (busy buttons, one call per screen).
 */
export function useDoubleTapGuard(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return undefined;
    let movedAt = -Infinity;
    let lastTapAt = -Infinity;
    const isMarker = (n: Node) => n instanceof Element && (MARKERS.some((m) => n.hasAttribute(m)) || n.querySelector(MARKERS.map((m) => `[${m}]`).join(',')) !== null);
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' || Array.from(r.addedNodes).some(isMarker)) {
          movedAt = performance.now();
          return;
        }
      }
    });
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: MARKERS });
    const onClick = (e: MouseEvent) => {
      if (e.detail >= 2 && movedAt > lastTapAt) {
        e.stopPropagation();
        e.preventDefault();
        return;
      }
      lastTapAt = performance.now();
    };
    el.addEventListener('click', onClick, true);
    return () => {
      observer.disconnect();
      el.removeEventListener('click', onClick, true);
    };
  }, [root]);
}
