import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KIOSK_CSP } from '../../../electron/main/csp.js';
import { createProtocolHandler, resolveProtocolPath, type Mount } from '../../../electron/main/protocolHandler.js';

// Real folders standing in for dist/renderer and models/face, with a secret beside them.
let base: string;
let root: string;
let face: string;
let mounts: Mount[];
let handler: ReturnType<typeof createProtocolHandler>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-proto-'));
  root = path.join(base, 'renderer');
  face = path.join(base, 'models', 'face');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(face, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'vision.wasm'), Buffer.from([0, 97, 115, 109]));
  fs.writeFileSync(path.join(face, 'face_landmarker.task'), 'model');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  fs.mkdirSync(path.join(base, 'renderer-evil'));
  fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  fs.symlinkSync(base, path.join(root, 'up'));
  mounts = [
    { prefix: '/', dir: root },
    { prefix: '/models/face/', dir: face },
  ];
  handler = createProtocolHandler(mounts, KIOSK_CSP);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler({ url, method });

describe('resolveProtocolPath', () => {
  test('maps our URLs into the right mount', () => {
    expect(resolveProtocolPath(mounts, 'app://kiosk/')).toEqual({ ok: true, file: path.join(root, 'index.html'), root, isAppRoot: true });
    expect(resolveProtocolPath(mounts, 'app://kiosk/assets/app.js?v=1#x')).toMatchObject({ ok: true, file: path.join(root, 'assets', 'app.js') });
    expect(resolveProtocolPath(mounts, 'app://kiosk/assets/')).toMatchObject({ ok: true, file: path.join(root, 'assets', 'index.html') });
    expect(resolveProtocolPath(mounts, 'app://kiosk/%E4%BD%A0%E5%A5%BD.txt')).toMatchObject({ ok: true, file: path.join(root, '你好.txt') });
    expect(resolveProtocolPath(mounts, 'app://kiosk/models/face/face_landmarker.task')).toEqual({
      ok: true,
      file: path.join(face, 'face_landmarker.task'),
      root: face,
      isAppRoot: false,
    });
  });

  test.each([
    ['foreign host', 'app://evil/index.html', 403],
    ['file URL', 'file:///etc/passwd', 403],
    ['encoded traversal', 'app://kiosk/%2e%2e/secret.txt', 403],
    ['encoded traversal out of a mount', 'app://kiosk/models/face/%2e%2e/%2e%2e/secret.txt', 403],
    ['encoded slash traversal', 'app://kiosk/assets%2f..%2f..%2fsecret.txt', 403],
    ['encoded backslash', 'app://kiosk/..%5csecret.txt', 403],
    ['encoded NUL', 'app://kiosk/index.html%00.js', 403],
    ['malformed escape', 'app://kiosk/%E4%BD', 400],
  ])('refuses %s', (_why, url, status) => {
    expect(resolveProtocolPath(mounts, url)).toEqual({ ok: false, status });
  });

  test('double encoding is decoded once: a literal file name inside the root', () => {
    expect(resolveProtocolPath(mounts, 'app://kiosk/%252e%252e/secret.txt')).toMatchObject({ ok: true, file: path.join(root, '%2e%2e', 'secret.txt') });
  });

  test('a literal ../ is normalised by the URL parser and stays inside the root', () => {
    expect(resolveProtocolPath(mounts, 'app://kiosk/../../secret.txt')).toMatchObject({ ok: true, file: path.join(root, 'secret.txt') });
  });

  test('without a root mount, unmounted paths are 404', () => {
    expect(resolveProtocolPath([{ prefix: '/models/face', dir: face }], 'app://kiosk/index.html')).toEqual({ ok: false, status: 404 });
  });
});

describe('createProtocolHandler', () => {
  test('serves files with the CSP and the right content type', async () => {
    const res = await get('app://kiosk/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
    expect(res.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const wasm = await get('app://kiosk/assets/vision.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    // Workers take CSP from their own response: every file carries it.
    expect((await get('app://kiosk/assets/app.js')).headers.get('content-security-policy')).toBe(KIOSK_CSP);
    const model = await get('app://kiosk/models/face/face_landmarker.task');
    expect(model.status).toBe(200);
    expect(model.headers.get('content-type')).toBe('application/octet-stream');
    expect(await model.text()).toBe('model');
  });

  test('client-side routes fall back to index.html (app mount only); missing files are 404', async () => {
    const route = await get('app://kiosk/manager/review');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>kiosk</title>');
    expect((await get('app://kiosk/assets/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/models/face/other')).status).toBe(404);
  });

  test('symlinks cannot lead out of the mount', async () => {
    const viaFile = await get('app://kiosk/assets/link.txt');
    expect(viaFile.status).toBe(403);
    expect(await viaFile.text()).not.toContain('TOP SECRET');
    expect((await get('app://kiosk/up/secret.txt')).status).toBe(403);
  });

  test('nothing outside the mounts is ever served, whatever the URL', async () => {
    for (const url of [
      'app://kiosk/%2e%2e/secret.txt',
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/../secret.txt',
      'app://kiosk/models/face/../../secret.txt',
      'app://kiosk/..%2f..%2frenderer-evil/x.js',
      'app://evil/secret.txt',
      'file:///' + path.join(base, 'secret.txt'),
    ]) {
      const body = await (await get(url)).text();
      expect(body, url).not.toContain('TOP SECRET');
      expect(body, url).not.toContain('evil');
    }
  });

  test('only GET and HEAD', async () => {
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
