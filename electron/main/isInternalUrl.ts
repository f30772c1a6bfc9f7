/**
 * The renderer is served from a custom standard scheme, never from file:// (a file URL can read
 * any file the user can) and never from a network origin. Everything else is foreign.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// Chromium parses app:// as a "standard" (http-like) scheme, Node's URL as an opaque one. The two
// agree on well-formed URLs; anything where they could disagree (backslashes, control characters,
// encoded dots/slashes/NULs) is refused rather than interpreted.
const AMBIGUOUS = /[\u0000-\u001f\u007f\\]|%(2e|2f|5c|00)/i;
const MAX_URL_LENGTH = 8192;

/**
 * True only for URLs of the kiosk's own origin (app://kiosk/…), or an exact http(s) origin given
 * in `extraOrigins` (the Vite dev server during development). Pure; used by the navigation guards,
 * the permission handler, the IPC sender check and the protocol handler.
 */
export function isInternalUrl(raw: unknown, extraOrigins: readonly string[] = []): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return false;
  if (AMBIGUOUS.test(raw)) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  if (u.protocol === `${APP_SCHEME}:`) {
    // Node keeps an opaque scheme's host case; Chromium lower-cases standard hosts, so compare lower-case.
    return /^app:\/\//i.test(raw) && u.host.toLowerCase() === APP_HOST && u.port === '';
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    return extraOrigins.some((o) => sameHttpOrigin(u, o));
  }
  return false;
}

function sameHttpOrigin(u: URL, allowed: string): boolean {
  try {
    const a = new URL(allowed);
    return (a.protocol === 'http:' || a.protocol === 'https:') && a.origin === u.origin;
  } catch {
    return false;
  }
}
