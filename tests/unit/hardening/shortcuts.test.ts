import { describe, expect, test } from 'vitest';
import { isBlockedShortcut, type KeyInput } from '../../../electron/main/shortcuts.js';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key' | 'type'>> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});
const prod = { isDev: false };

describe('isBlockedShortcut (production)', () => {
  test.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Shift+W', key('W', { control: true, shift: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Cmd+W', key('w', { meta: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })] /* DevTools inspect, although Ctrl+C alone is copy */,
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+O', key('o', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+T', key('t', { control: true })],
    ['Ctrl+L', key('l', { control: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['Ctrl+plus (zoom)', key('+', { control: true })],
    ['Ctrl+minus (zoom)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['Alt+Space', key(' ', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['Print', key('Print')],
    ['Ctrl+Alt+letter', key('i', { control: true, alt: true })],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedShortcut(input, prod)).toBe(true);
    expect(isBlockedShortcut({ ...input, type: 'keyUp' }, prod)).toBe(true);
  });

  test.each([
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['a Chinese character from an IME', key('你')],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Escape (closes our own dialogs)', key('Escape')],
    ['Tab (focus)', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['arrows', key('ArrowDown')],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+X', key('x', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Ctrl+Shift+Z', key('Z', { control: true, shift: true })],
    ['Cmd+V', key('v', { meta: true })],
    ['Ctrl+Backspace', key('Backspace', { control: true })],
    ['Ctrl+ArrowLeft (word jump)', key('ArrowLeft', { control: true })],
    ['Ctrl+Space (IME switch)', key(' ', { control: true })],
    ['AltGr symbol', key('@', { control: true, alt: true })],
    ['modifier alone', key('Control', { control: true })],
    ['Shift alone (IME toggle)', key('Shift', { shift: true })],
    ['IME composition', key('Process')],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedShortcut(input, prod)).toBe(false);
  });

  test('development blocks nothing (DevTools and reload are wanted there)', () => {
    expect(isBlockedShortcut(key('F12'), { isDev: true })).toBe(false);
    expect(isBlockedShortcut(key('r', { control: true }), { isDev: true })).toBe(false);
  });
});
