import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor } from '../services/http/staticFiles.js';
import { APP_HOST, APP_SCHEME, isInternalUrl } from './isInternalUrl.js';

/** URL prefix → folder, as in the bridge's static mounts (longest prefix wins). */
export type Mount = { prefix: string; dir: string };
export type Resolved = { ok: true; file: string; root: string; isAppRoot: boolean } | { ok: false; status: 400 | 403 | 404 };

export { contentTypeFor };

/**
 * Maps app://kiosk/<path> to a file under one of the mounts, lexically. Refuses foreign hosts,
 * encoded or literal dot segments, backslashes, NULs and anything that would land outside the
 * mount's folder. The same mounts as the bridge (electron/bridge/startBridge.ts), so the renderer
 * finds MediaPipe's WASM and the face model at the same URLs in both modes.
 */
export function resolveProtocolPath(mounts: readonly Mount[], rawUrl: string): Resolved {
  if (!isInternalUrl(rawUrl)) return { ok: false, status: 403 };
  let pathname: string;
  try {
    const u = new URL(rawUrl);
    if (u.protocol !== `${APP_SCHEME}:` || u.host.toLowerCase() !== APP_HOST) return { ok: false, status: 403 };
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!pathname.startsWith('/') || /[\u0000\\]/.test(pathname)) return { ok: false, status: 400 };
  if (pathname.split('/').some((s) => s === '.' || s === '..')) return { ok: false, status: 400 };
  const mount = [...mounts]
    .map((m) => ({ ...m, prefix: m.prefix.endsWith('/') ? m.prefix : `${m.prefix}/` }))
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find((m) => pathname.startsWith(m.prefix));
  if (!mount) return { ok: false, status: 404 };
  const segments = pathname.slice(mount.prefix.length).split('/');
  if (segments[segments.length - 1] === '') segments[segments.length - 1] = 'index.html';
  const root = path.resolve(mount.dir);
  const file = path.resolve(root, ...segments);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, status: 403 };
  return { ok: true, file, root, isAppRoot: mount.prefix === '/' };
}

const baseHeaders = (csp: string): Record<string, string> => ({
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
});

/**
 * The handler given to protocol.handle('app', …). Uses only Node (fs + the global Response), so
 * tests/unit/hardening/protocolHandler.test.ts exercises it on real folders without Electron.
 * After the lexical check, the real path is checked again so a symlink cannot lead out of its mount.
 */
export function createProtocolHandler(mounts: readonly Mount[], csp: string): (req: { url: string; method: string }) => Promise<Response> {
  const deny = (status: number, text: string) => new Response(text, { status, headers: { ...baseHeaders(csp), 'content-type': 'text/plain; charset=utf-8' } });
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'method not allowed');
    const r = resolveProtocolPath(mounts, req.url);
    if (!r.ok) return deny(r.status, r.status === 404 ? 'not found' : 'refused');
    let file = r.file;
    let real = await realFile(file);
    // Client-side routes (no extension) get the app's index.html; only under the app mount.
    if (real === null && r.isAppRoot && path.extname(file) === '') {
      file = path.join(r.root, 'index.html');
      real = await realFile(file);
    }
    if (real === null) return deny(404, 'not found');
    const root = await realDir(r.root);
    const rel = path.relative(root, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return deny(403, 'refused');
    const body = req.method === 'HEAD' ? null : await fs.readFile(real);
    return new Response(body, { status: 200, headers: { ...baseHeaders(csp), 'content-type': contentTypeFor(real) } });
  };
}

async function realDir(dir: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch {
    return dir;
  }
}

async function realFile(file: string): Promise<string | null> {
  try {
    const real = await fs.realpath(file);
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
