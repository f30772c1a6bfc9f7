import type { AppContext } from '../app/appContext.js';
import { consentAtFinish } from './finishScreenConsent.js';

/** The finish screen's SMS choice (finishScreenConsent.ts); changing it later goes through lookup:notify. */
export function registerNotifyHandlers(ctx: AppContext, clock: () => Date = ctx.clock) {
  ctx.registry.register('notify:consent', (i) => consentAtFinish(ctx, i, clock()));
}
