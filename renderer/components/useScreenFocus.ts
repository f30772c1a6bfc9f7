import { useEffect, type RefObject } from 'react';

/**
 * When a new screen appears under `root` (an element with data-screen, or a new question on the
 * same screen), focus moves to its heading, so keyboard and screen-reader users start at the top
 * of the new screen instead of on the page body. Focus already inside the new screen (an input
 * that focused itself) and open dialogs are left alone.
 */
export function useScreenFocus(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let last = '';
    const check = () => {
      const screen = el.querySelector<HTMLElement>('[data-screen]');
      if (!screen) return;
      const key = `${screen.dataset.screen ?? ''}|${screen.dataset.question ?? ''}`;
      if (key === last) return;
      last = key;
      const active = document.activeElement;
      if ((active && active !== document.body && screen.contains(active)) || document.querySelector('[aria-modal="true"]')) return;
      const target = screen.querySelector<HTMLElement>('h1') ?? screen;
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus({ preventScroll: true });
    };
    const observer = new MutationObserver(check);
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-screen', 'data-question'] });
    check();
    return () => observer.disconnect();
  }, [root]);
}
