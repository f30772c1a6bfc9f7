import { PUBLIC, type CallContext } from '../services/rpc/registry.js';

/**
 * SEAM(manager-auth): the call context main attaches to every IPC call. The renderer never
 * supplies it. Until the manager auth service exists, every call runs as 'public' — manager and
 * staff channels answer UNAUTHORIZED. The manager feature replaces `current` after a PIN unlock
 * (and resets it on lock/idle); nothing else in main needs to change.
 */
export function createSessionHolder() {
  let current: CallContext = PUBLIC;
  return {
    context: (): CallContext => current,
    set(ctx: CallContext) {
      current = ctx;
    },
    reset() {
      current = PUBLIC;
    },
  };
}
export type SessionHolder = ReturnType<typeof createSessionHolder>;
