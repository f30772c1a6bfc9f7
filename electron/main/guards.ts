import type { Session, WebContents } from 'electron';
import type { Logger } from '../../core/logger.js';
import { isInternalUrl } from './isInternalUrl.js';
import { isPermissionCheckAllowed, isPermissionRequestAllowed } from './permissions.js';
import { isBlockedShortcut } from './shortcuts.js';

export type GuardOptions = {
  isDev: boolean;
  /** Exact http(s) origins treated as internal: only the Vite dev server, only in development. */
  extraOrigins: readonly string[];
  log: Logger;
  /** The Content-Security-Policy every response carries in production (KIOSK_CSP). */
  csp: string;
};

/** Shows only the scheme and host of a refused URL: a query string may carry typed text. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparseable url)';
  }
}

/**
 * Requests the kiosk renderer may make. In production everything comes from app://kiosk/ (plus
 * data:/blob: created by the page itself): no request can leave the machine, so even a script
 * injected through a job pack could not send answers anywhere. Development adds the dev server
 * (and its HMR WebSocket) and DevTools.
 */
/** Response headers with any existing CSP removed (whatever its case), so exactly one policy applies. */
export function withoutCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'));
}

export function isRequestAllowed(url: string, opts: Pick<GuardOptions, 'isDev' | 'extraOrigins'>): boolean {
  if (isInternalUrl(url, opts.extraOrigins)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:app://kiosk/')) return true;
  if (!opts.isDev) return false;
  if (url.startsWith('devtools://') || url.startsWith('blob:')) return true;
  try {
    const u = new URL(url);
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && opts.extraOrigins.some((o) => new URL(o).host === u.host);
  } catch {
    return false;
  }
}

/**
 * Guards for every WebContents the app creates (main.ts calls this from 'web-contents-created',
 * so nothing escapes it): no navigation away, no new windows, no <webview>, no escape shortcuts,
 * no DevTools in production.
 */
export function guardWebContents(contents: WebContents, opts: GuardOptions): void {
  const refuse = (what: string, url: string) => opts.log.warn(`refused ${what} to ${describeUrl(url)}`);
  contents.on('will-navigate', (event) => {
    if (!isInternalUrl(event.url, opts.extraOrigins)) {
      event.preventDefault();
      refuse('navigation', event.url);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isInternalUrl(event.url, opts.extraOrigins)) {
      event.preventDefault();
      refuse('frame navigation', event.url);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isInternalUrl(event.url, opts.extraOrigins)) {
      event.preventDefault();
      refuse('redirect', event.url);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    opts.log.warn('refused a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    refuse('new window', url);
    return { action: 'deny' };
  });
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, { isDev: opts.isDev })) event.preventDefault();
  });
  if (!opts.isDev) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

/**
 * Session-wide: permissions (camera/mic for our origin only), no devices, no outbound requests,
 * and in production the kiosk CSP on every response (the app:// handler sends it too; this also
 * covers anything Chromium loads another way). Development skips the CSP: Vite's HMR needs inline
 * scripts.
 */
export function guardSession(session: Session, opts: GuardOptions): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const isAllowed = isPermissionRequestAllowed(permission, { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, opts.extraOrigins);
    if (!isAllowed) opts.log.warn(`denied permission ${permission} for ${describeUrl(details.requestingUrl)}`);
    callback(isAllowed);
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => isPermissionCheckAllowed(permission, requestingOrigin, details.mediaType, opts.extraOrigins));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const isAllowed = isRequestAllowed(details.url, opts);
    if (!isAllowed) opts.log.warn(`blocked request to ${describeUrl(details.url)}`);
    callback({ cancel: !isAllowed });
  });
  if (!opts.isDev) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...withoutCsp(details.responseHeaders), 'Content-Security-Policy': [opts.csp] } });
    });
  }
}
