import { describe, expect, test } from 'vitest';
import { describeUrl, guardSession, guardWebContents, isRequestAllowed } from '../../../electron/main/guards.js';
import { captureLogger, FakeSession, FakeWebContents, fakeEvent } from './fakeElectron.js';

const CSP = "default-src 'self'";
const setup = (isDev = false, extraOrigins: string[] = []) => {
  const log = captureLogger();
  const wc = new FakeWebContents();
  guardWebContents(wc.asElectron(), { isDev, extraOrigins, log, csp: CSP });
  const ses = new FakeSession();
  guardSession(ses.asElectron(), { isDev, extraOrigins, log, csp: CSP });
  return { wc, ses, log };
};

describe('guardWebContents', () => {
  test.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: away is refused, inside is allowed', (name) => {
    const { wc, log } = setup();
    const away = fakeEvent('https://evil.example/phish?name=张三');
    wc.emit(name, away);
    expect(away.isDefaultPrevented()).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://kiosk.evil/', 'data:text/html,x']) {
      const e = fakeEvent(url);
      wc.emit(name, e);
      expect(e.isDefaultPrevented(), url).toBe(true);
    }
    const inside = fakeEvent('app://kiosk/index.html#/finish');
    wc.emit(name, inside);
    expect(inside.isDefaultPrevented()).toBe(false);
    // The log names the origin only, never the query (which may carry what someone typed).
    expect(log.lines.join('\n')).toContain('https://evil.example');
    expect(log.lines.join('\n')).not.toContain('张三');
  });

  test('new windows are always denied, even to our own origin', () => {
    const { wc } = setup();
    expect(wc.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  test('<webview> is never attached', () => {
    const { wc } = setup();
    const e = fakeEvent();
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.isDefaultPrevented()).toBe(true);
  });

  test('escape shortcuts are swallowed in production, typing is not', () => {
    const { wc } = setup();
    const press = (key: string, mods: Record<string, boolean> = {}) => {
      const e = fakeEvent();
      wc.emit('before-input-event', e, { type: 'keyDown', key, control: false, meta: false, alt: false, shift: false, ...mods });
      return e.isDefaultPrevented();
    };
    expect(press('F4', { alt: true })).toBe(true);
    expect(press('w', { control: true })).toBe(true);
    expect(press('F12')).toBe(true);
    expect(press('a')).toBe(false);
    expect(press('v', { control: true })).toBe(false);
  });

  test('DevTools are closed in production and left alone in development', () => {
    const prod = setup(false);
    prod.wc.emit('devtools-opened');
    expect(prod.wc.devToolsClosed).toBe(1);
    const dev = setup(true);
    dev.wc.emit('devtools-opened');
    expect(dev.wc.devToolsClosed).toBe(0);
  });
});

describe('guardSession', () => {
  test('camera/mic only for our origin; everything else denied', () => {
    const { ses, log } = setup();
    expect(ses.askPermission('media', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(ses.askPermission('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(ses.askPermission('geolocation', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true })).toBe(false);
    expect(ses.askPermission('openExternal', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true, externalURL: 'https://x' })).toBe(false);
    expect(log.lines.some((l) => l.includes('denied permission geolocation'))).toBe(true);
    expect(ses.check!(null, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(ses.check!(null, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(ses.check!(null, 'clipboard-read', 'app://kiosk', {})).toBe(false);
    expect(ses.device!()).toBe(false);
  });

  test('production: every response carries exactly the kiosk CSP; development sets none', () => {
    const { ses } = setup();
    const out = ses.headersAfter('app://kiosk/index.html', { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'], 'CONTENT-SECURITY-POLICY': ['x'] });
    expect(out).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [CSP] });
    expect(setup(true).ses.headersReceived).toBeNull();
  });

  test('production: no request leaves app://kiosk', () => {
    const { ses } = setup();
    expect(ses.isRequestCancelled('app://kiosk/assets/vision_wasm_internal.wasm')).toBe(false);
    expect(ses.isRequestCancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(ses.isRequestCancelled('blob:app://kiosk/6a1c')).toBe(false);
    for (const url of ['https://example.com/collect?x=1', 'http://127.0.0.1:8080/rpc', 'ws://127.0.0.1:5173/', 'file:///etc/passwd', 'blob:https://evil/1', 'devtools://devtools/x']) {
      expect(ses.isRequestCancelled(url), url).toBe(true);
    }
  });

  test('development: the dev server and its HMR socket too, nothing else', () => {
    const dev = { isDev: true, extraOrigins: ['http://127.0.0.1:5173'] };
    expect(isRequestAllowed('http://127.0.0.1:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://127.0.0.1:5173/', dev)).toBe(true);
    expect(isRequestAllowed('ws://127.0.0.1:9999/', dev)).toBe(false);
    expect(isRequestAllowed('https://example.com/', dev)).toBe(false);
    expect(isRequestAllowed('ws://127.0.0.1:5173/', { isDev: false, extraOrigins: dev.extraOrigins })).toBe(false);
  });
});

test('describeUrl keeps only scheme and host', () => {
  expect(describeUrl('https://evil.example:8443/a?mobile=13812345678#x')).toBe('https://evil.example:8443');
  expect(describeUrl('not a url')).toBe('(unparseable url)');
});
