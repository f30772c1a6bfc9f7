/**
 * Content-Security-Policy for every response of app://kiosk/.
 * TODO(lead): the browser-kiosk bridge will export KIOSK_CSP from electron/bridge/staticFiles.ts;
 * when it exists, re-export it here so both modes send one identical policy.
 *
 * 'wasm-unsafe-eval' is what MediaPipe's WASM needs (and nothing more: no 'unsafe-eval');
 * blob: workers are how tasks-vision may start its worker; mediastream:/blob: let <video> show
 * the camera preview. Workers take CSP from their own response, so the protocol handler sends
 * this header on every file, not only on index.html.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
