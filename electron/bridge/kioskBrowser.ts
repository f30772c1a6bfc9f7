import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS } from '../../tools/chromium.js';

/**
 * How `npm start` opens the system Chromium on the bridge in browser-kiosk mode.
 *
 * The per-launch secret must not reach the process list: every local user can read any
 * process's argv (`ps`, /proc/<pid>/cmdline), but not a 0600 file in a 0700 folder. So Chromium
 * is started on a small local launch page, which forwards to the bridge with the secret in the
 * URL fragment (never sent to a server, never in a Referer). The page is removed with its folder
 * when the kiosk stops.
 *
 * Headless (no display) never opens a remote-debugging port: that port would hand the page —
 * secret included — to any local process.
 */
export type LaunchFile = { dir: string; file: string; url: string; remove(): void };

const htmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function writeLaunchFile(launchUrl: string, parent: string = os.tmpdir()): LaunchFile {
  const target = new URL(launchUrl);
  // Only ever forward to the loopback bridge: a launch page is not a general redirector.
  if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname)) throw new Error(`launch URL must be the local bridge, not ${target.origin}`);
  const dir = fs.mkdtempSync(path.join(parent, 'kiosk-launch-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'launch.html');
  const html = [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    // replace(): the launch page does not stay in the kiosk's history.
    `<script>location.replace(${JSON.stringify(launchUrl).replace(/</g, '\\u003c')})</script>`,
    `<noscript><meta http-equiv="refresh" content="0;url=${htmlAttr(launchUrl)}"></noscript>`,
    '',
  ].join('\n');
  fs.writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return { dir, file, url: pathToFileURL(file).href, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type KioskBrowserOptions = {
  profileDir: string;
  /** file:// URL of the launch page (writeLaunchFile().url) — never the bridge URL itself. */
  launchPageUrl: string;
  hasDisplay: boolean;
  isRoot: boolean;
  windowSize?: string;
};

/** Chromium's argv for the kiosk. Carries no secret and no debugging switch. */
export function kioskBrowserArgs(o: KioskBrowserOptions): string[] {
  if (!o.launchPageUrl.startsWith('file://')) throw new Error('Chromium must be started on the local launch page, not on a URL that carries the secret');
  return [
    `--user-data-dir=${o.profileDir}`,
    ...CHROMIUM_FLAGS.filter((f) => f !== '--no-sandbox' && f !== '--disable-gpu'),
    '--use-fake-ui-for-media-stream',
    // A kiosk shows nothing but the kiosk: no translate bar, crash bubbles, pinch zoom or swipe-back.
    '--disable-features=Translate,TranslateUI',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--window-position=0,0',
    ...(o.windowSize ? [`--window-size=${o.windowSize}`] : ['--start-fullscreen']),
    '--kiosk',
    `--app=${o.launchPageUrl}`,
    ...(o.isRoot ? ['--no-sandbox'] : []),
    // New headless mode keeps running on its page by itself; no debugging port is needed.
    ...(o.hasDisplay ? [] : ['--headless=new']),
  ];
}
