/**
 * One Content-Security-Policy for both ways the renderer is served: Electron's app://kiosk/ and
 * the browser-kiosk bridge on 127.0.0.1. The bridge owns the text; main only re-exports it.
 * (Its ws://127.0.0.1:* entry is for the bridge's event socket; in Electron the session's
 * request filter in guards.ts refuses every non-app:// request anyway.)
 */
export { KIOSK_CSP } from '../services/http/staticFiles.js';
