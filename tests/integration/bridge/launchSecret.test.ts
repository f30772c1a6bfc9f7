import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskBrowserArgs, writeLaunchFile } from '../../../electron/bridge/kioskBrowser.js';
import { startBridge } from '../../../electron/bridge/startBridge.js';
import { findChromium } from '../../../tools/chromium.js';
import { tempKiosk } from '../helpers/tempKiosk.js';

/**
 * The per-launch bridge secret must not be readable by other local users. argv is public
 * (/proc/<pid>/cmdline); a 0600 launch page in a 0700 folder is not. Headless Chromium must not
 * open a remote-debugging port (it would hand the page, secret included, to any local process).
 */
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SECRET = 'launch-secret-' + 'x'.repeat(30);

/** Every process's argv on this machine, as any local user can read it. */
function allCmdlines(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      out.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

describe('launching Chromium on the bridge', () => {
  it('writes the launch page 0600 in a 0700 folder, forwarding only to the loopback bridge', () => {
    const launch = writeLaunchFile(`http://127.0.0.1:4567/#s=${SECRET}`);
    cleanups.push(() => launch.remove());
    expect(fs.statSync(launch.dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(launch.file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(launch.file, 'utf8')).toContain(`http://127.0.0.1:4567/#s=${SECRET}`);
    expect(launch.url).toMatch(/^file:\/\//);
    expect(launch.url).not.toContain(SECRET);
    expect(() => writeLaunchFile(`http://evil.example/#s=${SECRET}`)).toThrow(/local bridge/);
    launch.remove();
    expect(fs.existsSync(launch.dir)).toBe(false);
  });

  it('argv carries neither the secret nor a debugging switch, with or without a display', () => {
    const launch = writeLaunchFile(`http://127.0.0.1:4567/#s=${SECRET}`);
    cleanups.push(() => launch.remove());
    for (const hasDisplay of [true, false]) {
      const args = kioskBrowserArgs({ profileDir: '/tmp/p', launchPageUrl: launch.url, hasDisplay, isRoot: false });
      expect(args.join(' ')).not.toContain(SECRET);
      expect(args.filter((a) => /remote-debugging|remote-allow-origins|inspect/.test(a))).toEqual([]);
      expect(args).toContain(`--app=${launch.url}`);
    }
    expect(() => kioskBrowserArgs({ profileDir: '/tmp/p', launchPageUrl: `http://127.0.0.1:4567/#s=${SECRET}`, hasDisplay: false, isRoot: false })).toThrow(/launch page/);
  });

  it.skipIf(!findChromium() || process.platform !== 'linux')(
    'a real headless Chromium reaches the bridge with the secret while no process argv shows it and no DevTools port opens',
    async () => {
      const app = tempKiosk();
      cleanups.push(() => app.cleanup());
      // A stand-in renderer that does what the real one does first: read the fragment, call the contract.
      const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-stub-renderer-'));
      cleanups.push(() => fs.rmSync(rendererDir, { recursive: true, force: true }));
      fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script src="/app.js"></script>');
      fs.writeFileSync(
        path.join(rendererDir, 'app.js'),
        `const s = new URLSearchParams(location.hash.slice(1)).get('s');
         fetch('/rpc/kiosk:status', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-secret': s }, body: '{}' });`,
      );
      const bridge = await startBridge({ app, secret: SECRET, rendererDir });
      cleanups.push(() => bridge.close());
      let sawAuthorisedCall: () => void = () => undefined;
      const reached = new Promise<void>((r) => (sawAuthorisedCall = r));
      const dispatch = app.registry.dispatch.bind(app.registry);
      app.registry.dispatch = ((name, input, ctx) => {
        if (name === 'kiosk:status') sawAuthorisedCall();
        return dispatch(name, input, ctx);
      }) as typeof app.registry.dispatch;

      const launch = writeLaunchFile(bridge.launchUrl);
      cleanups.push(() => launch.remove());
      const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-chromium-it-'));
      const args = [...kioskBrowserArgs({ profileDir, launchPageUrl: launch.url, hasDisplay: false, isRoot: process.getuid?.() === 0 }), '--disable-gpu', '--no-sandbox'];
      const browser = spawn(findChromium()!, args, { stdio: 'ignore', detached: true });
      cleanups.push(async () => {
        if (browser.exitCode === null && browser.pid) {
          const gone = new Promise((r) => browser.once('exit', r));
          process.kill(-browser.pid, 'SIGKILL');
          await gone;
        }
        fs.rmSync(profileDir, { recursive: true, force: true });
      });

      await Promise.race([reached, new Promise((_, reject) => setTimeout(() => reject(new Error('Chromium never reached the bridge')), 45_000))]);
      const leaks = allCmdlines().filter((c) => c.includes(SECRET));
      expect(leaks).toEqual([]);
      const ours = allCmdlines().filter((c) => c.includes(profileDir));
      expect(ours.length).toBeGreaterThan(0); // the scan does see Chromium's processes
      expect(ours.filter((c) => c.includes('remote-debugging'))).toEqual([]);
      // Chromium writes this file whenever a DevTools endpoint is listening.
      expect(fs.existsSync(path.join(profileDir, 'DevToolsActivePort'))).toBe(false);
    },
    90_000,
  );
});
