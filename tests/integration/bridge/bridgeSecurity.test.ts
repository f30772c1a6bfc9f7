import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type Bridge } from '../../../electron/bridge/startBridge.js';
import { tempKiosk } from '../helpers/tempKiosk.js';

let app: ReturnType<typeof tempKiosk>;
let bridge: Bridge;
beforeAll(async () => {
  app = tempKiosk();
  bridge = await startBridge({ app, secret: 's3cret-for-this-launch-only-xxxxxxxx' });
});
afterAll(async () => {
  await bridge.close();
  await app.cleanup();
});

const post = (name: string, headers: Record<string, string>, body = '{}') => fetch(`${bridge.url}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('browser-kiosk bridge', () => {
  it('serves the contract to a caller with the per-launch secret from its own origin', async () => {
    const r = await post('packs:list', { 'x-kiosk-secret': bridge.secret, origin: bridge.url });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, value: { openings: [{ packId: 'test-sorter' }] } });
  });

  it('refuses calls without the secret, with a wrong one, or from another origin', async () => {
    expect((await post('packs:list', {})).status).toBe(403);
    expect((await post('packs:list', { 'x-kiosk-secret': 'guess' })).status).toBe(403);
    expect((await post('packs:list', { 'x-kiosk-secret': bridge.secret, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('packs:list', { 'x-kiosk-secret': bridge.secret, origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });

  it('never answers CORS preflights or GETs on the API', async () => {
    const pre = await fetch(`${bridge.url}/rpc/packs:list`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${bridge.url}/rpc/packs:list`)).status).toBe(405);
  });

  it('rejects malformed JSON and unknown channels with clear errors', async () => {
    const bad = await post('packs:list', { 'x-kiosk-secret': bridge.secret }, '{nope');
    expect(bad.status).toBe(400);
    const unknown = await (await post('fs:read', { 'x-kiosk-secret': bridge.secret })).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses event sockets without the secret', async () => {
    const wsUrl = bridge.url.replace('http', 'ws');
    const refused = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/events?s=wrong`);
      ws.on('open', () => resolve(false));
      ws.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    const accepted = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${wsUrl}/events?s=${encodeURIComponent(bridge.secret)}`, { origin: bridge.url });
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('error', () => resolve(false));
    });
    expect(accepted).toBe(true);
  });

  it('puts the CSP on static responses', async () => {
    const r = await fetch(`${bridge.url}/does-not-exist.js`);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
