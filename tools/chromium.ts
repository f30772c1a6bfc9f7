import fs from 'node:fs';

/**
 * The system Chromium used by browser-kiosk mode, the face CLI and the tests. Playwright cannot
 * download its own browser on offline kiosks or our CI, so we always point at a real binary.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const findChromium = (): string | null => process.env.KIOSK_CHROMIUM || CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) || null;

/**
 * Flags for an offline, unattended Chromium: no background calls home (the closed network
 * refuses them noisily), no GPU (software WebGL2 still serves MediaPipe).
 */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
