/**
 * `npm start`: the kiosk on its embedded default (local encrypted SQLite in .kiosk-data/,
 * sample packs from resources/packs, no server).
 * - Where Electron's runtime is installed, opens the Electron kiosk window.
 * - Otherwise (e.g. these development machines, where it cannot be downloaded) it serves the
 *   renderer through the browser-kiosk bridge and opens the system Chromium in kiosk mode.
 * Set KIOSK_NO_BROWSER=1 to only serve (then open the printed launch URL yourself).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT, resolveConfig } from '../electron/services/app/config.js';
import { kioskBrowserArgs, writeLaunchFile, type LaunchFile } from '../electron/bridge/kioskBrowser.js';
import { findChromium } from '../tools/chromium.js';

const say = (s: string) => process.stderr.write(`[kiosk] ${s}\n`);

function electronBinary(): string | null {
  try {
    const p = path.join(APP_ROOT, 'node_modules', 'electron', 'path.txt');
    const bin = path.join(APP_ROOT, 'node_modules', 'electron', 'dist', fs.readFileSync(p, 'utf8').trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function ensureBuilt(dir: string, script: string) {
  if (fs.existsSync(dir)) return;
  say(`building (${script}) …`);
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: APP_ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function ensureFaceModel() {
  const cfg = resolveConfig();
  const target = path.join(cfg.modelsDir, 'face', 'face_landmarker.task');
  const shared = path.join(APP_ROOT, '..', 'shared', 'models', 'face_landmarker.task');
  if (!fs.existsSync(target) && fs.existsSync(shared)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(shared, target);
  }
}

const chromium = findChromium();
ensureBuilt(path.join(APP_ROOT, 'dist', 'renderer'), 'build:renderer');
ensureFaceModel();

const electron = electronBinary();
if (electron) {
  ensureBuilt(path.join(APP_ROOT, 'dist-electron'), 'build:electron');
  say('opening the Electron kiosk window');
  const child = spawn(electron, [APP_ROOT], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  say('Electron runtime not installed: using browser-kiosk mode (bridge on 127.0.0.1 + Chromium)');
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'electron/cli/kiosk.ts'), 'serve', '--launch-url', ...process.argv.slice(2)], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let launch: LaunchFile | null = null;
  server.stdout.once('data', (buf: Buffer) => {
    const { launchUrl, url } = JSON.parse(buf.toString().split('\n')[0]!) as { launchUrl: string; url: string };
    say(`kiosk served at ${url}`);
    if (process.env.KIOSK_NO_BROWSER || !chromium) {
      say(chromium ? 'KIOSK_NO_BROWSER set: open the launch URL in Chromium yourself' : 'no Chromium found: open this URL in Chromium');
      process.stdout.write(launchUrl + '\n');
      return;
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-chromium-'));
    const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    // The secret goes through a 0600 launch page, never Chromium's argv (visible to every local user).
    launch = writeLaunchFile(launchUrl);
    const page = launch;
    const args = kioskBrowserArgs({
      profileDir: profile,
      launchPageUrl: page.url,
      hasDisplay: Boolean(display),
      isRoot: process.getuid?.() === 0,
      windowSize: process.env.KIOSK_WINDOW_SIZE || undefined,
    });
    if (!display) say('no display found: Chromium runs headless (set DISPLAY, e.g. Xvfb :99, to see the kiosk)');
    const browser = spawn(chromium, args, { stdio: 'ignore' });
    browser.on('exit', () => {
      server.kill('SIGTERM');
      page.remove();
      fs.rmSync(profile, { recursive: true, force: true });
    });
  });
  server.on('exit', (code) => {
    launch?.remove();
    process.exit(code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill('SIGTERM'));
}
