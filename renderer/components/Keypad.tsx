import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

export type KeypadLayout = 'digits' | 'decimal' | 'alnum';

const LAYOUTS: Record<KeypadLayout, string[][]> = {
  digits: [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['', '0', '⌫'],
  ],
  decimal: [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['.', '0', '⌫'],
  ],
  alnum: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
    ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
    ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '⌫'],
  ],
};

/**
 * On-screen keys for kiosks without a keyboard; every key is a full touch target. With
 * `acceptTyping`, a physical keyboard (or a switch device sending keys) works too: the layout's
 * characters, Backspace, and Enter (`onEnter`), unless focus is in a text field or a dialog is open.
 */
export function Keypad(props: { layout: KeypadLayout; onKey: (k: string) => void; onBackspace: () => void; testId?: string; acceptTyping?: boolean; onEnter?: () => void }) {
  const t = useT();
  const latest = useRef(props);
  latest.current = props;
  const isTyping = props.acceptTyping ?? false;
  useEffect(() => {
    if (!isTyping) return;
    const keys = new Set(LAYOUTS[latest.current.layout].flat().filter((k) => k !== '' && k !== '⌫'));
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]') || document.querySelector('[aria-modal="true"]')) return;
      const p = latest.current;
      const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
      if (keys.has(k)) {
        e.preventDefault();
        p.onKey(k);
      } else if (k === 'Backspace') {
        e.preventDefault();
        p.onBackspace();
      } else if (k === 'Enter' && p.onEnter && target?.tagName !== 'BUTTON') {
        e.preventDefault();
        p.onEnter();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isTyping]);
  return (
    <div className={`keypad keypad-${props.layout}`} data-testid={props.testId}>
      {LAYOUTS[props.layout].map((row, i) => (
        <div className="keypad-row" key={i}>
          {row.map((k, j) =>
            k === '' ? (
              <span key={j} className="key key-blank" />
            ) : (
              <button
                key={k}
                type="button"
                className={`key ${k === '⌫' ? 'key-back' : ''}`}
                aria-label={k === '⌫' ? t('common.keypad.backspace') : k}
                data-key={k}
                onClick={() => (k === '⌫' ? props.onBackspace() : props.onKey(k))}
              >
                {k}
              </button>
            ),
          )}
        </div>
      ))}
    </div>
  );
}
