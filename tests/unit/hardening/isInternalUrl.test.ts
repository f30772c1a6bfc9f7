import { describe, expect, test } from 'vitest';
import { APP_ENTRY_URL, isInternalUrl } from '../../../electron/main/isInternalUrl.js';

const DEV = ['http://127.0.0.1:5173'];

describe('isInternalUrl', () => {
  test.each([
    APP_ENTRY_URL,
    'app://kiosk/',
    'app://kiosk',
    'app://kiosk/assets/index-abc123.js',
    'app://kiosk/index.html#/manager',
    'app://kiosk/index.html?lang=en',
    'APP://KIOSK/index.html', // Chromium lower-cases a standard scheme and host: same origin
    'app://Kiosk/x.css',
    'app://kiosk:/', // an empty port is no port (WHATWG): still our origin
  ])('accepts our own origin: %s', (url) => {
    expect(isInternalUrl(url)).toBe(true);
  });

  test.each([
    ['look-alike host', 'app://kiosk.evil/'],
    ['host as userinfo', 'app://kiosk@evil/'],
    ['userinfo before our host', 'app://evil@kiosk/'],
    ['user and password', 'app://a:b@kiosk/'],
    ['a port', 'app://kiosk:80/'],
    ['percent-encoded host', 'app://ki%6fsk/'],
    ['suffix host', 'app://evilkiosk/'],
    ['subdomain', 'app://x.kiosk/'],
    ['missing slashes', 'app:kiosk/index.html'],
    ['three slashes', 'app:///kiosk/index.html'],
    ['backslash', 'app://kiosk\\..\\..\\etc\\passwd'],
    ['backslash host trick', 'app:\\\\kiosk/'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript upper case', 'JAVASCRIPT:alert(1)'],
    ['data html', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['file upper case', 'FILE:///C:/Windows/win.ini'],
    ['blob', 'blob:app://kiosk/123e4567-e89b-12d3-a456-426614174000'],
    ['about:blank', 'about:blank'],
    ['chrome', 'chrome://settings'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['http', 'http://kiosk/'],
    ['https', 'https://example.com/'],
    ['ws', 'ws://127.0.0.1:5173/'],
    ['encoded dot-dot', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded dot-dot upper case', 'app://kiosk/%2E%2E/secret'],
    ['encoded slash', 'app://kiosk/..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', 'app://kiosk/..%5c..%5cwin.ini'],
    ['encoded NUL', 'app://kiosk/index.html%00.png'],
    ['newline', 'app://kiosk/\nhttp://evil/'],
    ['tab in scheme', 'ap\tp://kiosk/'],
    ['leading space', ' app://kiosk/'],
    ['empty', ''],
    ['relative', '/index.html'],
    ['garbage', '::::'],
    ['very long', 'app://kiosk/' + 'a'.repeat(9000)],
  ])('refuses %s', (_why, url) => {
    expect(isInternalUrl(url)).toBe(false);
  });

  test('non-strings are refused', () => {
    for (const v of [undefined, null, 42, {}, ['app://kiosk/'], new URL('app://kiosk/')]) expect(isInternalUrl(v)).toBe(false);
  });

  test('the dev server origin is internal only when passed, and only that exact origin', () => {
    expect(isInternalUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isInternalUrl('http://127.0.0.1:5173/src/main.tsx', DEV)).toBe(true);
    for (const url of [
      'http://127.0.0.1:5174/',
      'http://127.0.0.1/',
      'http://127.0.0.1:80/',
      'https://127.0.0.1:5173/',
      'http://localhost:5173/',
      'http://127.0.0.1.evil.com:5173/',
      'http://127.0.0.1:5173@evil.com/',
      'http://evil.com#@127.0.0.1:5173/',
      'http://user@127.0.0.1:5173/',
      'ws://127.0.0.1:5173/',
    ]) {
      expect(isInternalUrl(url, DEV), url).toBe(false);
    }
  });

  test('a malformed extra origin grants nothing', () => {
    expect(isInternalUrl('http://127.0.0.1:5173/', ['not a url'])).toBe(false);
    expect(isInternalUrl('file:///x', ['file:///'])).toBe(false);
  });
});
