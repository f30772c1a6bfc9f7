import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../electron/bridge/startBridge.js';
import { resolveStaticPath } from '../../../electron/services/http/staticFiles.js';
import { tempKiosk } from '../helpers/tempKiosk.js';

/**
 * A symlink planted inside a served folder must not publish what it points at (the kiosk's key
 * file, the database, anything in the home folder). The bridge resolves the real path and serves
 * only files that really lie inside the mount, as Electron's app:// handler does.
 */
let root: string;
let app: ReturnType<typeof tempKiosk>;
let bridge: Bridge;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-static-links-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<p>kiosk</p>');
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'outside.txt'), 'TOP SECRET outside the served folder');
  fs.mkdirSync(path.join(root, 'private'));
  fs.writeFileSync(path.join(root, 'private', 'index.html'), 'private index');
  fs.symlinkSync(path.join(root, 'outside.txt'), path.join(dist, 'leak.txt'));
  fs.symlinkSync(path.join(root, 'private'), path.join(dist, 'dirlink'));
  fs.symlinkSync(path.join(dist, 'assets', 'app.js'), path.join(dist, 'inside-link.js'));
  app = tempKiosk();
  // The kiosk's own key file is the prize an attacker would link to.
  fs.symlinkSync(app.config.keyFile, path.join(dist, 'kiosk.key'));
  bridge = await startBridge({ app, secret: 'x'.repeat(40), rendererDir: dist });
});

afterAll(async () => {
  await bridge.close();
  await app.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('static files and symlinks', () => {
  it('resolveStaticPath refuses links that lead out of the mount, keeps links that stay inside', () => {
    const mounts = [{ prefix: '/', dir: path.join(root, 'dist') }];
    expect(resolveStaticPath(mounts, '/leak.txt')).toBeNull();
    expect(resolveStaticPath(mounts, '/dirlink/')).toBeNull();
    expect(resolveStaticPath(mounts, '/dirlink/index.html')).toBeNull();
    expect(resolveStaticPath(mounts, '/kiosk.key')).toBeNull();
    expect(resolveStaticPath(mounts, '/inside-link.js')).toBe(fs.realpathSync(path.join(root, 'dist', 'assets', 'app.js')));
    expect(resolveStaticPath(mounts, '/')).toBe(fs.realpathSync(path.join(root, 'dist', 'index.html')));
  });

  it('the running bridge answers 404 for every outward link and never sends the bytes', async () => {
    for (const p of ['/leak.txt', '/dirlink/', '/dirlink/index.html', '/kiosk.key']) {
      const r = await fetch(`${bridge.url}${p}`);
      const body = await r.text();
      expect({ p, status: r.status }).toEqual({ p, status: 404 });
      expect(body).not.toContain('TOP SECRET');
      expect(body).not.toContain('private index');
      expect(body).not.toMatch(/[0-9a-f]{64}/);
    }
    const ok = await fetch(`${bridge.url}/inside-link.js`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('export {}');
  });
});
