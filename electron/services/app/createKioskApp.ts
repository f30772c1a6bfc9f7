import { openKioskDatabase } from '../db/openKioskDatabase.js';
import { registerInterviewHandlers } from '../interview/registerInterviewHandlers.js';
import { registerManagerHandlers } from '../manager/registerManagerHandlers.js';
import { registerSpeechHandlers } from '../speech/registerSpeechHandlers.js';
import { registerScoringHandlers } from '../scoring/registerScoringHandlers.js';
import { loadPackDirs, type PackLoadResult } from '../../../core/packs/loadPacks.js';
import { downlinkDirs } from '../sync/downlink.js';
import { createRegistry, PUBLIC } from '../rpc/registry.js';
import { registerSyncHandlers } from '../sync/registerSyncHandlers.js';
import { registerSelfIdHandlers } from '../selfid/registerSelfIdHandlers.js';
import { registerNotifyHandlers } from '../notify/registerNotifyHandlers.js';
import { createLogger } from '../../../core/logger.js';
import type { AppContext } from './appContext.js';
import type { KioskConfig } from './config.js';
import { createEventBus } from './eventBus.js';

const log = createLogger('app');

export type KioskApp = AppContext & { close(): Promise<void> };

/** The background work an app starts, each with its timers; config.sync / config.retentionJob false still turn one off. */
export type KioskJobs = {
  /** The daily retention run: false for none (tests that run it themselves). */
  retention?: false | { firstDelayMs?: number; intervalMs?: number };
  /** The sync loop once enrolled: false for none (sync:now still works). */
  sync?: false | { intervalMs?: number };
  /** How long after start the scoring models and the segmenter are loaded while the kiosk is idle. */
  scoringWarmUpMs?: number;
};

export type KioskAppOptions = {
  /** The database key (null: unencrypted, tests); without one, the key file's. */
  key?: string | null;
  /** The time every row is stamped with and every window measured by; the real clock by default. */
  clock?: () => Date;
  jobs?: KioskJobs;
};

/**
 * Builds every service and registers every contract handler once. Electron main and the
 * browser-kiosk bridge both call this; neither contains business logic.
 * Each feature adds exactly one register call below.
 */
export function createKioskApp(config: KioskConfig, opts: KioskAppOptions = {}): KioskApp {
  const started = performance.now();
  const db = openKioskDatabase(config, opts.key);
  // Shipped packs plus those head office published (verified and applied by the sync service).
  const packDirs = [config.packsDir, downlinkDirs(config.dataDir).packsDir];
  let packs: PackLoadResult = loadPackDirs(packDirs);
  const ctx: AppContext = {
    config,
    db,
    clock: opts.clock ?? (() => new Date()),
    registry: createRegistry(),
    events: createEventBus(),
    packs: {
      current: () => packs,
      reload: () => (packs = loadPackDirs(packDirs)),
    },
    hooks: { onFinish: null, followUpReason: null },
    callContext: () => PUBLIC,
    disposers: [],
  };

  const jobs = opts.jobs ?? {};
  registerInterviewHandlers(ctx);
  registerScoringHandlers(ctx, { warmUpMs: jobs.scoringWarmUpMs });
  registerSpeechHandlers(ctx);
  registerSyncHandlers(ctx, { loop: jobs.sync });
  registerManagerHandlers(ctx, { retentionJob: jobs.retention });
  registerSelfIdHandlers(ctx);
  registerNotifyHandlers(ctx);

  log.info(`ready in ${(performance.now() - started).toFixed(0)} ms with ${packs.packs.length} pack(s), ${packs.errors.length} broken`);
  return {
    ...ctx,
    async close() {
      for (const d of [...ctx.disposers].reverse()) await d();
      db.close();
    },
  };
}
