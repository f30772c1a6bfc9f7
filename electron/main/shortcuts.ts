/** The subset of Electron's Input (before-input-event) the filter looks at. */
export type KeyInput = {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
};

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Process', 'Unidentified']);
/** Editing shortcuts an applicant typing an answer legitimately uses (with Ctrl or Cmd, ± Shift). */
const EDITING_WITH_CTRL = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'backspace', 'delete', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end', ' ']);
/** With Ctrl+Shift only redo and selection moves: Ctrl+Shift+I/J/C open DevTools in Chromium. */
const EDITING_WITH_CTRL_SHIFT = new Set(['z', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end']);
/** Hardware/browser keys that navigate, reload or open things. */
const BROWSER_KEYS = /^(Browser\w+|Launch\w*|Print|Help|Open|Close|New|Save|Find|ZoomIn|ZoomOut|ZoomToggle)$/;

/**
 * True when a key press must not reach the page because it would let someone at the kiosk
 * escape it: close (Alt+F4, Ctrl+W, Cmd+Q), reload (F5, Ctrl+R), full-screen toggle (F11),
 * DevTools (F12, Ctrl+Shift+I/J/C, Cmd+Alt+I), print, open, history navigation (Alt+←) …
 * Written as an allow-list for modified keys so unknown combinations are blocked.
 * OS-level keys (Ctrl+Alt+Del, Win, Alt+Tab) never reach Electron: see docs/security.md.
 */
export function isBlockedShortcut(input: KeyInput, opts: { isDev: boolean }): boolean {
  if (opts.isDev) return false;
  const key = input.key;
  if (MODIFIER_KEYS.has(key)) return false;
  if (/^F\d{1,2}$/.test(key)) return true;
  if (BROWSER_KEYS.test(key)) return true;
  const lower = key.toLowerCase();
  if (input.control && input.alt && !input.meta) {
    // AltGr arrives as Ctrl+Alt on Windows; let it produce symbols ("@", "€"), nothing else.
    return !(key.length === 1 && !/[a-z0-9]/i.test(key));
  }
  if (input.alt) return true;
  if (input.control || input.meta) {
    // Ctrl+Space switches the Chinese input method on Windows: keep it.
    return !(input.shift ? EDITING_WITH_CTRL_SHIFT : EDITING_WITH_CTRL).has(lower);
  }
  return false;
}
