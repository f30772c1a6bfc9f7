import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';
import { useT } from '../../i18n';
import { candidatesFor, showComposition, type CharTable, type PhraseTable } from './pinyinIme';
import './keyboard.css';

export type KeyboardMode = 'pinyin' | 'english' | 'digits';

// The layout carries its candidates, though its LayoutItem type does not declare them.
const CHARS = ((chinese as { layoutCandidates?: CharTable }).layoutCandidates ?? {}) satisfies CharTable;
/** Room a candidate button takes: its characters at the bar's font size, padding, border, gap. */
const candidateWidth = (text: string, fontPx: number) => Math.max(72, (Array.from(text).length + 1) * fontPx) + 10;

/** Splits candidates into pages that fit the bar's width (next to the two paging buttons). */
export function paginate(texts: string[], widthPx: number, fontPx: number): number[][] {
  const room = Math.max(200, widthPx - 2 * 86);
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  texts.forEach((text, i) => {
    const w = candidateWidth(text, fontPx);
    if (current.length > 0 && used + w > room) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(i);
    used += w;
  });
  if (current.length > 0) pages.push(current);
  return pages;
}
const MAX_COMPOSITION = 30;

/** Key rows per mode; {…} are function keys. Letters are lower case; {shift} gives capitals. */
const LAYOUTS = {
  pinyin: ['q w e r t y u i o p {bksp}', 'a s d f g h j k l ，', 'z x c v b n m 。 ？ ！', '{123} {english} {space} 、'],
  english: ['q w e r t y u i o p {bksp}', "a s d f g h j k l '", '{shift} z x c v b n m , .', '{123} {pinyin} {space} ?'],
  englishShift: ['Q W E R T Y U I O P {bksp}', "A S D F G H J K L '", '{shift} Z X C V B N M , .', '{123} {pinyin} {space} ?'],
  digits: ['1 2 3 4 5 6 7 8 9 0 {bksp}', '- / : ; ( ) ¥ @ " ·', '. , ? ! % + = # & *', '{letters} {space}'],
  // After pinyin, the symbols are the full-width ones Chinese text uses.
  digitsZh: ['1 2 3 4 5 6 7 8 9 0 {bksp}', '： ； “ ” （ ） ¥ @ … ·', '。 ， ？ ！ % + - / 、 *', '{letters} {space}'],
};

/** Phrase candidates load on first use: a separate 300 kB chunk, not part of the first screen. */
let phrasesLoad: Promise<PhraseTable> | null = null;
const loadPhrases = () => (phrasesLoad ??= import('./pinyinPhrases.json').then((m) => m.default as PhraseTable));

/**
 * The kiosk's own large keyboard (a touch kiosk has no physical one): pinyin with a candidate bar,
 * English QWERTY, digits and symbols, switched with a key. Keys come from react-simple-keyboard,
 * rendered as real buttons; the pinyin composition and candidates are ours (see pinyinIme.ts),
 * because simple-keyboard's own candidate box offers only single characters in a small popup.
 *
 * It edits `value` at the caret of `target` (the field it types into), so an applicant can
 * tap into the middle of the text to fix a word. A physical keyboard keeps working alongside.
 */
export function OnScreenKeyboard(props: {
  value: string;
  onChange: (value: string) => void;
  target: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  modes: readonly KeyboardMode[];
  initialMode: KeyboardMode;
  maxLength?: number;
  testId?: string;
  /** The first key press (answers get more time when typed on screen). */
  onUse?: () => void;
}) {
  const t = useT();
  const [mode, setMode] = useState<KeyboardMode>(props.initialMode);
  const [letterMode, setLetterMode] = useState<KeyboardMode>(props.initialMode === 'digits' ? 'english' : props.initialMode);
  const [isShift, setShift] = useState(false);
  const [letters, setLetters] = useState('');
  const [page, setPage] = useState(0);
  const [phrases, setPhrases] = useState<PhraseTable>({});
  const caret = useRef<number | null>(null);
  const used = useRef(false);

  useEffect(() => {
    if (!props.modes.includes('pinyin')) return;
    let isLive = true;
    void loadPhrases().then((p) => isLive && setPhrases(p));
    return () => {
      isLive = false;
    };
  }, [props.modes]);

  // Put the caret back after the text the keyboard just wrote.
  useEffect(() => {
    const el = props.target.current;
    if (el && caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });

  const bar = useRef<HTMLDivElement | null>(null);
  const [barSize, setBarSize] = useState({ width: 900, fontPx: 40 });
  useEffect(() => {
    const el = bar.current;
    if (!el) return undefined;
    const measure = () => setBarSize({ width: el.clientWidth, fontPx: parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.6 });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [mode]);
  const candidates = useMemo(() => candidatesFor(letters, CHARS, phrases), [letters, phrases]);
  const pageList = useMemo(
    () =>
      paginate(
        candidates.map((c) => c.text),
        barSize.width,
        barSize.fontPx,
      ),
    [candidates, barSize],
  );
  const pages = Math.max(1, pageList.length);
  const shown = (pageList[page] ?? []).map((i) => ({ i, c: candidates[i]! }));

  const selection = (): [number, number] => {
    const el = props.target.current;
    const len = props.value.length;
    if (!el || el.selectionStart === null || el.selectionEnd === null) return [len, len];
    return [Math.min(el.selectionStart, len), Math.min(el.selectionEnd, len)];
  };
  const insert = (text: string) => {
    const [start, end] = selection();
    const room = (props.maxLength ?? Infinity) - (props.value.length - (end - start));
    const piece = text.slice(0, Math.max(0, room));
    caret.current = start + piece.length;
    props.onChange(props.value.slice(0, start) + piece + props.value.slice(end));
  };
  const backspace = () => {
    const [start, end] = selection();
    if (start !== end) {
      caret.current = start;
      props.onChange(props.value.slice(0, start) + props.value.slice(end));
    } else if (start > 0) {
      // Whole code points, so an emoji or a rare character is never cut in half.
      const before = Array.from(props.value.slice(0, start));
      before.pop();
      const head = before.join('');
      caret.current = head.length;
      props.onChange(head + props.value.slice(end));
    }
  };
  const compose = (next: string) => {
    setLetters(next);
    setPage(0);
  };
  /** Writes the first candidate (or the letters themselves) before punctuation or a mode switch. */
  const commitComposition = (): string => {
    if (letters === '') return '';
    compose('');
    return candidates[0]?.text ?? letters;
  };
  const pick = (i: number) => {
    const c = candidates[i];
    if (!c) return;
    insert(c.text);
    compose(letters.slice(c.consumes));
  };

  const onKey = (button: string) => {
    if (!used.current) {
      used.current = true;
      props.onUse?.();
    }
    const isLetter = /^[a-z]$/.test(button);
    if (mode === 'pinyin' && isLetter) {
      if (letters.length < MAX_COMPOSITION) compose(letters + button);
      return;
    }
    switch (button) {
      case '{bksp}':
        if (letters !== '') compose(letters.slice(0, -1));
        else backspace();
        return;
      case '{space}':
        if (letters !== '') pick(0);
        else insert(' ');
        return;
      case '{shift}':
        setShift((s) => !s);
        return;
      case '{123}':
        insert(commitComposition());
        setMode('digits');
        return;
      case '{english}':
      case '{pinyin}':
      case '{letters}': {
        const next: KeyboardMode = button === '{letters}' ? letterMode : button === '{english}' ? 'english' : 'pinyin';
        insert(commitComposition());
        setMode(next);
        setLetterMode(next);
        setShift(false);
        return;
      }
      default:
        insert(commitComposition() + button);
        if (isShift && mode === 'english') setShift(false);
    }
  };

  // simple-keyboard redraws its keys whenever an option changes identity: keep them stable.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const onKeyPress = useCallback((button: string) => onKeyRef.current(button), []);
  const modeList = props.modes.join(' ');
  const layout = useMemo(() => {
    const isOn = (k: string) => (k === '{123}' ? modeList.includes('digits') : k === '{english}' ? modeList.includes('english') : k === '{pinyin}' ? modeList.includes('pinyin') : true);
    return Object.fromEntries(Object.entries(LAYOUTS).map(([name, rows]) => [name, rows.map((row) => row.split(' ').filter(isOn).join(' '))]));
  }, [modeList]);
  const layoutName = mode === 'english' && isShift ? 'englishShift' : mode === 'digits' && letterMode === 'pinyin' ? 'digitsZh' : mode;
  const back = t('keyboard.backspace');
  const space = t('keyboard.space');
  const shift = t('keyboard.shift');
  const toPinyin = t('keyboard.toPinyin');
  const toEnglish = t('keyboard.toEnglish');
  const toDigits = t('keyboard.toDigits');
  const labels = useMemo(
    () => ({
      '{bksp}': `⌫ ${back}`,
      '{space}': space,
      '{shift}': `⇧ ${shift}`,
      '{123}': toDigits,
      '{english}': toEnglish,
      '{pinyin}': toPinyin,
      '{letters}': letterMode === 'pinyin' ? toPinyin : toEnglish,
    }),
    [back, space, shift, toDigits, toEnglish, toPinyin, letterMode],
  );
  const buttonTheme = useMemo(
    () =>
      [
        { class: 'osk-space', buttons: '{space}' },
        { class: 'osk-fn', buttons: '{bksp} {shift} {123} {english} {pinyin} {letters}' },
        { class: 'osk-on', buttons: isShift ? '{shift}' : '' },
      ].filter((b) => b.buttons !== ''),
    [isShift],
  );
  const buttonAttributes = useMemo(
    () => [
      { attribute: 'aria-label', value: back, buttons: '{bksp}' },
      { attribute: 'aria-label', value: space, buttons: '{space}' },
      { attribute: 'aria-pressed', value: String(isShift), buttons: '{shift}' },
    ],
    [back, space, isShift],
  );

  return (
    <div
      className={`osk osk-${mode}`}
      role="group"
      aria-label={`${t('keyboard.label')}: ${t(`keyboard.modes.${mode}`)}`}
      data-testid={props.testId ?? 'osk'}
      data-mode={mode}
      // Keep the caret (and focus) in the field while keys are tapped.
      onMouseDown={(e) => e.preventDefault()}
    >
      {mode === 'pinyin' ? (
        <div className="ime-bar" data-testid="ime-bar">
          <span className="ime-composition" aria-label={t('keyboard.composition')} data-testid="ime-composition">
            {letters === '' ? <span className="ime-help">{t('keyboard.candidatesHelp')}</span> : showComposition(letters, CHARS)}
          </span>
          <div className="ime-candidates" role="group" aria-label={t('keyboard.candidates')} ref={bar}>
            {page > 0 ? (
              <button type="button" className="ime-page" onClick={() => setPage((p) => p - 1)} aria-label={t('keyboard.prevCandidates')} data-testid="ime-prev">
                ‹
              </button>
            ) : null}
            {shown.map(({ c, i }) => (
              <button key={c.text} type="button" className={`ime-candidate ${i === 0 ? 'ime-first' : ''}`} onClick={() => pick(i)} data-testid="ime-candidate" data-text={c.text}>
                {c.text}
              </button>
            ))}
            {page < pages - 1 ? (
              <button type="button" className="ime-page" onClick={() => setPage((p) => p + 1)} aria-label={t('keyboard.moreCandidates')} data-testid="ime-more">
                ›
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      <Keyboard
        layout={layout}
        layoutName={layoutName}
        display={labels}
        onKeyPress={onKeyPress}
        theme="hg-theme-default osk-keys"
        useButtonTag
        disableButtonHold
        preventMouseDownDefault
        buttonTheme={buttonTheme}
        buttonAttributes={buttonAttributes}
      />
    </div>
  );
}
