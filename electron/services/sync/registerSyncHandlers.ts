import type { AppContext } from '../app/appContext.js';
import { getSyncStatus, startSyncLoop, syncNow } from './syncService.js';

/**
 * sync:status (staff) and sync:now (manager). The background loop starts only once the kiosk
 * is enrolled (config.sync false, KIOSK_SYNC=off, or jobs.loop false disables it, e.g. in e2e tests; jobs.loop
 * can set its interval); packs applied from head office are picked up by reloading the pack list.
 */
export function registerSyncHandlers(ctx: AppContext, jobs: { loop?: false | { intervalMs?: number } } = {}): void {
  const reloadIfApplied = (applied: string[]) => {
    if (applied.some((a) => a.startsWith('pack '))) ctx.packs.reload();
  };
  // What the status report tells head office: the packs loaded now, the models installed.
  const report = { modelsDir: ctx.config.modelsDir, modelsManifest: ctx.config.modelsManifest, packs: () => ctx.packs.current().packs.map((p) => ({ id: p.pack.id, version: p.pack.version })) };
  const loop =
    ctx.config.sync === false || jobs.loop === false ? null : startSyncLoop(ctx.db, ctx.config.dataDir, { intervalMs: jobs.loop?.intervalMs, onRound: (r) => reloadIfApplied(r.applied), report });
  if (loop) ctx.disposers.push(() => loop.stop());
  ctx.registry.register('sync:status', () => getSyncStatus(ctx.db));
  ctx.registry.register('sync:now', async () => {
    const r = loop ? await loop.runNow() : await syncNow(ctx.db, ctx.config.dataDir, { maxAttempts: 1, report });
    if (!loop) reloadIfApplied(r.applied);
    return r;
  });
}
