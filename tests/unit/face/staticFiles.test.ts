import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_CSP, createStaticHandler, resolveStaticPath } from '../../../electron/services/http/staticFiles.js';

let root: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'static-test-'));
  const mk = (rel: string, body: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  };
  mk('dist/index.html', '<p>kiosk</p>');
  mk('dist/assets/app.js', 'export {}');
  mk('dist/assets/app.css', 'p{}');
  mk('wasm/vision_wasm_internal.wasm', 'wasm');
  mk('wasm/vision_wasm_internal.js', '//');
  mk('models/face/face_landmarker.task', 'model');
  mk('secret.txt', 'do not serve');
  const handle = createStaticHandler(
    [
      { prefix: '/', dir: path.join(root, 'dist') },
      { prefix: '/vendor/mediapipe/wasm/', dir: path.join(root, 'wasm') },
      { prefix: '/models/face/', dir: path.join(root, 'models/face') },
    ],
    { csp: KIOSK_CSP },
  );
  server = http.createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(418);
      res.end('not static');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

/** Raw request (fetch would normalise ../ away before it reaches the server). */
function raw(method: string, p: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + '/', { method, path: p }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createStaticHandler', () => {
  it('serves each mount with the right content type and the CSP', async () => {
    const cases: [string, string][] = [
      ['/', 'text/html; charset=utf-8'],
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/vendor/mediapipe/wasm/vision_wasm_internal.wasm', 'application/wasm'],
      ['/vendor/mediapipe/wasm/vision_wasm_internal.js', 'text/javascript; charset=utf-8'],
      ['/models/face/face_landmarker.task', 'application/octet-stream'],
    ];
    for (const [p, type] of cases) {
      const r = await raw('GET', p);
      expect(r.status, p).toBe(200);
      expect(r.headers['content-type'], p).toBe(type);
      expect(r.headers['content-security-policy'], p).toBe(KIOSK_CSP);
    }
    expect((await raw('GET', '/')).headers['cache-control']).toBe('no-store');
    expect((await raw('GET', '/models/face/face_landmarker.task')).body).toBe('model');
  });

  it('refuses path traversal, encoded or not', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/models/face/..%2f..%2f..%2fsecret.txt', '/%00', '/..%5csecret.txt']) {
      const r = await raw('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('do not serve');
      expect(r.headers['content-security-policy']).toBe(KIOSK_CSP);
    }
  });

  it('answers HEAD without a body, refuses other methods, and leaves /rpc to the bridge', async () => {
    const h = await raw('HEAD', '/assets/app.js');
    expect(h.status).toBe(200);
    expect(h.body).toBe('');
    expect(h.headers['content-length']).toBe('9');
    expect((await raw('POST', '/assets/app.js')).status).toBe(405);
    expect((await raw('POST', '/rpc/packs:list')).status).toBe(418);
    expect((await raw('GET', '/missing.js')).status).toBe(404);
  });

  it('resolveStaticPath picks the longest prefix and stays inside the mount', () => {
    const mounts = [
      { prefix: '/', dir: path.join(root, 'dist') },
      { prefix: '/models/face/', dir: path.join(root, 'models/face') },
    ];
    expect(resolveStaticPath(mounts, '/models/face/face_landmarker.task')).toBe(path.join(root, 'models/face/face_landmarker.task'));
    expect(resolveStaticPath(mounts, '/models/face/../../secret.txt')).toBeNull();
    expect(resolveStaticPath(mounts, '/%E0%A4%A')).toBeNull();
  });
});
