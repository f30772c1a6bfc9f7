import { useT } from '../i18n';

export type KeypadLayout = 'digits' | 'decimal' | 'alnum';

const LAYOUTS: Record<KeypadLayout, string[][]> = {
  digits: [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['', '0', '⌫']],
  decimal: [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['.', '0', '⌫']],
  alnum: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
    ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
    ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '⌫'],
  ],
};

/** On-screen keys for kiosks without a keyboard; every key is a full touch target. */
export function Keypad(props: { layout: KeypadLayout; onKey: (k: string) => void; onBackspace: () => void; testId?: string }) {
  const t = useT();
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
