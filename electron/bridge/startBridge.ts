import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KioskApp } from '../services/app/createKioskApp.js';
import { APP_ROOT } from '../services/app/config.js';
import { ErrorCode, type Result } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { createStaticHandler, KIOSK_CSP } from '../services/http/staticFiles.js';

const log = createLogger('bridge');
const MAX_BODY = 4 * 1024 * 1024;

export type BridgeOptions = {
  app: KioskApp;
  port?: number;
  /** Per-launch secret; random unless a test pins it. */
  secret?: string;
  rendererDir?: string;
};
export type Bridge = { url: string; port: number; secret: string; launchUrl: string; close(): Promise<void> };

/**
 * Browser-kiosk mode: the same contract Electron's preload exposes, served over HTTP + WebSocket
 * on 127.0.0.1 only. Every call must carry the per-launch secret (handed to the kiosk page in
 * the URL fragment, which never reaches a server or a Referer) and come from our own origin, so
 * no other local page or process without the secret can drive the kiosk.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const secret = opts.secret ?? crypto.randomBytes(32).toString('base64url');
  const secretBuf = Buffer.from(secret);
  const isSecret = (s: string | undefined | null) => {
    const b = Buffer.from(s ?? '');
    return b.length === secretBuf.length && crypto.timingSafeEqual(b, secretBuf);
  };
  const rendererDir = opts.rendererDir ?? path.join(APP_ROOT, 'dist', 'renderer');
  const serveStatic = createStaticHandler(
    [
      { prefix: '/', dir: rendererDir },
      { prefix: '/vendor/mediapipe/wasm/', dir: path.join(APP_ROOT, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm') },
      { prefix: '/models/face/', dir: path.join(opts.app.config.modelsDir, 'face') },
    ],
    { csp: KIOSK_CSP },
  );
  let origins: Set<string> = new Set();
  const isOwnOrigin = (origin: string | undefined) => origin === undefined || origins.has(origin);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/rpc/')) {
      void handleRpc(req, res, url.pathname.slice(5));
      return;
    }
    if (serveStatic(req, res)) return;
    res.writeHead(404, { 'content-security-policy': KIOSK_CSP }).end('not found');
  });

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    const reply = (status: number, body: Result<unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    // No CORS headers are ever sent: a foreign page's preflight (needed for our custom header) fails.
    if (req.method !== 'POST') return reply(405, { ok: false, error: { code: ErrorCode.Forbidden, message: 'POST only' } });
    if (!isOwnOrigin(req.headers.origin) || !isSecret(req.headers['x-kiosk-secret'] as string | undefined)) {
      log.warn(`refused ${name}: missing secret or foreign origin`);
      return reply(403, { ok: false, error: { code: ErrorCode.Forbidden, message: 'This page may not use the kiosk.' } });
    }
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return reply(413, { ok: false, error: { code: ErrorCode.InvalidInput, message: 'Request too large.' } });
      chunks.push(c as Buffer);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return reply(400, { ok: false, error: { code: ErrorCode.InvalidInput, message: 'Request body is not JSON.' } });
    }
    reply(200, await opts.app.registry.dispatch(name, input, opts.app.callContext()));
  }

  // Events flow one way (kiosk → page); the page never needs to send more than a close frame.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // An EventEmitter 'error' without a listener throws and would end the whole kiosk process.
  // ws reports every protocol violation (oversized message, invalid UTF-8, unmasked frame,
  // unknown opcode, RSV bits without an extension) as an 'error' on that one socket and then
  // closes it with the matching status (1009/1007/1002): log it and let only that socket go.
  wss.on('error', (e) => log.warn(`event socket server error: ${e.message}`));
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (e) => {
      log.warn(`event socket dropped during upgrade: ${e.message}`);
      socket.destroy();
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !isOwnOrigin(req.headers.origin) || !isSecret(url.searchParams.get('s'))) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('error', (e) => log.warn(`event socket closed after a bad frame: ${e.message}`));
      ws.on('close', () => sockets.delete(ws));
      // Nothing the page sends is meaningful; ignoring it keeps the socket from becoming an input.
      ws.on('message', () => undefined);
    });
  });
  server.on('clientError', (e, socket) => {
    const code = (e as NodeJS.ErrnoException).code;
    // A browser closing mid-request is normal; anything else is worth a line in the log.
    if (code !== 'ECONNRESET') log.warn(`bad HTTP request on the bridge: ${code ?? e.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const unsubscribe = opts.app.events.subscribe((name, payload) => {
    const msg = JSON.stringify({ name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  // After listening, a server error (e.g. out of file descriptors on accept) is logged, not fatal.
  server.on('error', (e) => log.warn(`bridge server error: ${e.message}`));
  const port = (server.address() as { port: number }).port;
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  log.info(`browser-kiosk bridge on ${url}`);
  return {
    url,
    port,
    secret,
    launchUrl: `${url}/#s=${encodeURIComponent(secret)}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
