import type { ChannelName, EventName, EventPayload, InputOf, OutputOf } from '../../electron/shared/contract/index';
import { ErrorCode, type ErrorPayload, type Result } from '../../core/errors';

/**
 * Typed client over the contract. In Electron the preload exposes window.kiosk; in
 * browser-kiosk mode the same calls go to the bridge on 127.0.0.1 with the per-launch secret.
 */
type KioskBridge = {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(name: string, cb: (payload: unknown) => void): () => void;
};
declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly reason: string | undefined;
  constructor(e: ErrorPayload) {
    super(e.message);
    this.code = e.code;
    this.reason = e.reason;
  }
}

const SECRET_KEY = 'kiosk.bridgeSecret';
function bridgeSecret(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('s');
  if (fromUrl) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

function httpBridge(): KioskBridge {
  const secret = bridgeSecret();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let ws: WebSocket | null = null;
  const connect = () => {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events?s=${encodeURIComponent(secret)}`);
    ws.onmessage = (m) => {
      const { name, payload } = JSON.parse(String(m.data)) as { name: string; payload: unknown };
      listeners.get(name)?.forEach((cb) => cb(payload));
    };
    ws.onclose = () => setTimeout(connect, 1000);
  };
  connect();
  return {
    async invoke(name, input) {
      try {
        const res = await fetch(`/rpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: ErrorCode.Internal, message: 'The kiosk service is not responding. Please wait a moment or ask staff for help.' } } as Result<unknown>;
      }
    },
    on(name, cb) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(cb);
      return () => listeners.get(name)!.delete(cb);
    },
  };
}

let transport: KioskBridge | null = null;
const getTransport = (): KioskBridge => (transport ??= window.kiosk ?? httpBridge());

export async function invoke<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await getTransport().invoke(name, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value as OutputOf<K>;
}

export function onEvent<K extends EventName>(name: K, cb: (payload: EventPayload<K>) => void): () => void {
  return getTransport().on(name, cb as (p: unknown) => void);
}
