/**
 * Preload of the kiosk window (sandboxed: contextIsolation + sandbox). A sandboxed preload can
 * require only 'electron' and a few built-ins — no relative imports — so this file is
 * self-contained: the allowed channel and event names are generated into it from the contract by
 * generateChannels.ts, and tests/unit/hardening/preload.test.ts fails when they drift.
 *
 * window.kiosk exposes exactly two functions. Anything not in the contract is refused here,
 * before a message is sent; main validates again (sender, zod input, role).
 */
import { contextBridge, ipcRenderer } from 'electron';

type ErrorPayload = { code: string; message: string };
type Result = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };
/** The part of ipcRenderer used here (tests pass a stand-in). */
type IpcLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

// BEGIN GENERATED CHANNELS (npx tsx electron/preload/generateChannels.ts)
export const CHANNELS: readonly string[] = [
  'auth:addUser',
  'auth:changePin',
  'auth:lock',
  'auth:removeUser',
  'auth:setStaffPin',
  'auth:setup',
  'auth:status',
  'auth:touch',
  'auth:unlock',
  'auth:users',
  'interview:abandon',
  'interview:acknowledgeKnockout',
  'interview:answer',
  'interview:finish',
  'interview:followUp',
  'interview:humanRequest',
  'interview:profile',
  'interview:resume',
  'interview:skills',
  'interview:start',
  'interview:state',
  'kiosk:status',
  'lookup:notify',
  'lookup:result',
  'manager:applicant',
  'manager:assignShift',
  'manager:audit',
  'manager:dashboard',
  'manager:decide',
  'manager:deleteApplicant',
  'manager:handleHumanRequest',
  'manager:hearBack',
  'manager:humanRequests',
  'manager:pool',
  'manager:poolAdd',
  'manager:poolRemove',
  'manager:removeSecondRoundSlot',
  'manager:removeShift',
  'manager:retention',
  'manager:runRetention',
  'manager:saveSecondRoundSlot',
  'manager:saveShift',
  'manager:secondRoundSlots',
  'manager:setHearBack',
  'manager:setRetention',
  'manager:setStoreInfo',
  'manager:shiftMatches',
  'manager:shifts',
  'manager:storeInfo',
  'manager:unassignShift',
  'manager:undoDecision',
  'notify:consent',
  'packs:list',
  'scoring:policy',
  'scoring:report',
  'scoring:rescore',
  'scoring:setPolicy',
  'selfid:questions',
  'selfid:submit',
  'speech:audio',
  'speech:cancel',
  'speech:prepare',
  'speech:start',
  'speech:startDevice',
  'speech:status',
  'speech:stop',
  'sync:now',
  'sync:status',
];
export const EVENTS: readonly string[] = [
  'speech:error',
  'speech:final',
  'speech:level',
  'speech:partial',
];
// END GENERATED CHANNELS

const shown = (name: unknown): string => String(name).slice(0, 64);
const failure = (code: string, message: string): Result => ({ ok: false, error: { code, message } });

export function createKioskApi(ipc: IpcLike, channels: readonly string[] = CHANNELS, events: readonly string[] = EVENTS) {
  const channelSet = new Set(channels);
  const eventSet = new Set(events);
  return Object.freeze({
    invoke(name: unknown, input: unknown): Promise<Result> {
      if (typeof name !== 'string' || !channelSet.has(name)) {
        return Promise.resolve(failure('UNKNOWN_CHANNEL', `Unknown call "${shown(name)}".`));
      }
      let pending: Promise<unknown>;
      try {
        pending = ipc.invoke(name, input);
      } catch {
        // Structured clone refused the input (a function, a DOM node …).
        return Promise.resolve(failure('INVALID_INPUT', `The data for "${name}" cannot be sent.`));
      }
      return pending.then(
        (r) => r as Result,
        () => failure('INTERNAL', 'The kiosk service did not answer. Please try again or ask staff for help.'),
      );
    },
    on(name: unknown, callback: unknown): () => void {
      if (typeof name !== 'string' || !eventSet.has(name)) throw new TypeError(`Unknown event "${shown(name)}".`);
      if (typeof callback !== 'function') throw new TypeError('kiosk.on(name, callback): callback must be a function.');
      // Never hand the IpcRendererEvent to the page: it carries `sender` (ipcRenderer itself).
      const listener = (_event: unknown, payload: unknown) => {
        (callback as (p: unknown) => void)(payload);
      };
      ipc.on(name, listener);
      return () => {
        ipc.removeListener(name, listener);
      };
    },
  });
}

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
