import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { KIOSK_CSP, createStaticHandler, type StaticMount } from '../../electron/services/http/staticFiles.js';
import { APP_ROOT } from '../../electron/services/app/config.js';

/**
 * Serves the renderer build, MediaPipe's WASM and the face model on 127.0.0.1:<random port>
 * with the same URL layout and CSP as the kiosk bridge, so the harness page behaves as the
 * real renderer does. `inputDir` (optional) is mounted at /input/ for still images.
 */
export type HarnessServer = { origin: string; close: () => Promise<void> };

export const WASM_DIR = path.join(APP_ROOT, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm');
export const RENDERER_DIST = path.join(APP_ROOT, 'dist', 'renderer');

export async function startHarnessServer(opts: { modelsDir: string; distDir?: string; inputDir?: string }): Promise<HarnessServer> {
  const mounts: StaticMount[] = [
    { prefix: '/', dir: opts.distDir ?? RENDERER_DIST },
    { prefix: '/vendor/mediapipe/wasm/', dir: WASM_DIR },
    { prefix: '/models/face/', dir: path.join(opts.modelsDir, 'face') },
  ];
  if (opts.inputDir) mounts.push({ prefix: '/input/', dir: opts.inputDir });
  const handle = createStaticHandler(mounts, { csp: KIOSK_CSP });
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
