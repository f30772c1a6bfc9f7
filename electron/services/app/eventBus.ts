import type { EventName, EventPayload } from '../../shared/contract/index.js';

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** Main → renderer events. Electron forwards to webContents, the bridge to its WebSocket clients. */
export function createEventBus() {
  const listeners = new Set<EventListener>();
  return {
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      for (const l of listeners) l(name, payload);
    },
    subscribe(l: EventListener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
