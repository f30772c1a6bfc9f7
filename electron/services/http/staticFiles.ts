import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * Static files for browser-kiosk mode and the face harness: the renderer build, MediaPipe's
 * WASM and the face model, all from the kiosk itself (never a CDN).
 *
 * The CSP goes on every response, not just HTML: a Web Worker takes its CSP from its own
 * script response, and without 'wasm-unsafe-eval' there MediaPipe fails with an error that
 * misleadingly names vision_wasm_nosimd_internal.
 */
export const KIOSK_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*; img-src 'self' data: blob:; " +
  "media-src 'self' blob: mediastream:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export type StaticMount = { prefix: string; dir: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webp': 'image/webp',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** One table for the bridge and Electron's app:// protocol, so both serve files alike. */
export const contentTypeFor = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Maps a URL path to the real path of a file under one of the mounts, or null. Reads the file system (stat, realpath) only. */
export function resolveStaticPath(mounts: StaticMount[], urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // NUL bytes and backslashes have no business in a kiosk URL; refusing them is simpler than
  // reasoning about how each platform's path functions treat them.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Longest prefix first so '/models/face/' wins over '/'.
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const m of sorted) {
    const prefix = m.prefix.endsWith('/') ? m.prefix : `${m.prefix}/`;
    if (!decoded.startsWith(prefix) && decoded !== prefix.slice(0, -1)) continue;
    const rel = decoded.slice(prefix.length);
    const root = path.resolve(m.dir);
    const candidate = path.resolve(root, rel === '' ? 'index.html' : rel);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(candidate);
    } catch {
      return null;
    }
    const file = stat.isDirectory() ? path.join(candidate, 'index.html') : candidate;
    if (!stat.isDirectory() && !stat.isFile()) return null;
    // The lexical check above cannot see symlinks: a link inside the folder may point anywhere.
    // Resolve both ends for real and serve only what really lies inside the mount (as the
    // Electron protocol handler does), so a planted link cannot publish ~/.ssh or kiosk.key.
    return realFileInside(root, file);
  }
  return null;
}

function realFileInside(root: string, file: string): string | null {
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(file);
    const rel = path.relative(realRoot, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Returns a request handler that answers GET/HEAD for files under the mounts and returns
 * true when it handled the request (including 404/405 for paths under a mount). Requests
 * it does not own (e.g. /rpc/…) return false so the bridge can route them.
 */
export function createStaticHandler(mounts: StaticMount[], opts: { csp: string }): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': opts.csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  return (req, res) => {
    const urlPath = (req.url ?? '/').split(/[?#]/, 1)[0]!;
    if (urlPath.startsWith('/rpc/') || urlPath === '/events') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'method not allowed');
      return true;
    }
    const file = resolveStaticPath(mounts, urlPath);
    if (!file) {
      send(res, 404, 'not found');
      return true;
    }
    const stat = fs.statSync(file);
    const type = contentTypeFor(file);
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(stat.size),
      'content-security-policy': opts.csp,
      'x-content-type-options': 'nosniff',
      // HTML must be re-read after an update; hashed assets and models may be cached.
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
    return true;
  };
}
