import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventBus } from '../services/app/eventBus.js';
import { fail, type CallContext, type Registry } from '../services/rpc/registry.js';
import { ErrorCode } from '../../core/errors.js';
import { isInternalUrl } from './isInternalUrl.js';

/**
 * Only the kiosk window's own top frame, showing our own origin, may call. A navigated-away or
 * destroyed frame (senderFrame null) is refused too.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, expected: WebContents | null, extraOrigins: readonly string[] = []): boolean {
  if (expected === null || event.sender !== expected) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isInternalUrl(frame.url, extraOrigins);
}

export type IpcDeps = {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  registry: Pick<Registry, 'dispatch'>;
  /** Every contract channel name (channelNames). */
  channels: readonly string[];
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
  /** Who is calling, as main knows it: the auth service's session (KioskApp.callContext). */
  callContext: () => CallContext;
};

/**
 * One ipcMain.handle per contract channel, each a straight pass to registry.dispatch (which
 * validates the input with zod and returns {ok,value}|{ok:false,error}). Returns an unregister.
 */
export function registerContractIpc(deps: IpcDeps): () => void {
  for (const name of deps.channels) {
    deps.ipcMain.handle(name, (event, input: unknown) => {
      if (!deps.isTrusted(event)) return fail(ErrorCode.Forbidden, 'This call is only accepted from the kiosk screen.');
      return deps.registry.dispatch(name, input, deps.callContext());
    });
  }
  return () => {
    for (const name of deps.channels) deps.ipcMain.removeHandler(name);
  };
}

/** Forwards service events to the kiosk window; drops them while no live window exists. */
export function forwardEvents(events: Pick<EventBus, 'subscribe'>, target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null): () => void {
  const unsubscribe = events.subscribe((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(name, payload);
  });
  return () => {
    unsubscribe();
  };
}
