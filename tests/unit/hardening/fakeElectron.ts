import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { Logger } from '../../../core/logger.js';

/**
 * Stand-ins for the Electron objects main wires up (Electron cannot run on these machines: it is
 * the true external edge). They record what the code under test registered, so tests can fire
 * the same events Electron would.
 */
export type FakeEvent = { url: string; preventDefault: () => void; isDefaultPrevented: () => boolean };
export function fakeEvent(url = ''): FakeEvent {
  let prevented = false;
  return { url, preventDefault: () => (prevented = true), isDefaultPrevented: () => prevented };
}

export class FakeWebContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  devToolsClosed = 0;
  sent: [string, unknown][] = [];
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
  send(name: string, payload: unknown) {
    this.sent.push([name, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

type PermissionRequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
type BeforeRequest = (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
type HeadersReceived = (details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

export class FakeSession {
  request: PermissionRequestHandler | null = null;
  check: PermissionCheckHandler | null = null;
  device: (() => boolean) | null = null;
  beforeRequest: BeforeRequest | null = null;
  headersReceived: HeadersReceived | null = null;
  webRequest = {
    onBeforeRequest: (h: BeforeRequest) => (this.beforeRequest = h),
    onHeadersReceived: (h: HeadersReceived) => (this.headersReceived = h),
  };
  setPermissionRequestHandler(h: PermissionRequestHandler) {
    this.request = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler) {
    this.check = h;
  }
  setDevicePermissionHandler(h: () => boolean) {
    this.device = h;
  }
  asElectron(): Session {
    return this as unknown as Session;
  }
  askPermission(permission: string, details: Record<string, unknown>): boolean {
    let granted: boolean | null = null;
    this.request!(null, permission, (ok) => (granted = ok), details);
    if (granted === null) throw new Error('permission handler never answered');
    return granted;
  }
  headersAfter(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    let out: Record<string, string[]> | undefined | null = null;
    this.headersReceived!({ url, responseHeaders }, (r) => (out = r.responseHeaders));
    if (out === null) throw new Error('headers filter never answered');
    return out;
  }
  isRequestCancelled(url: string): boolean {
    let cancel: boolean | null = null;
    this.beforeRequest!({ url }, (r) => (cancel = r.cancel));
    if (cancel === null) throw new Error('request filter never answered');
    return cancel;
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
export class FakeIpcMain {
  handlers = new Map<string, InvokeHandler>();
  handle(name: string, h: InvokeHandler) {
    if (this.handlers.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`);
    this.handlers.set(name, h);
  }
  removeHandler(name: string) {
    this.handlers.delete(name);
  }
  async invoke(name: string, event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, input: unknown): Promise<unknown> {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`No handler registered for '${name}'`);
    return h(event as IpcMainInvokeEvent, input);
  }
}

export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
