import type { Feedback } from '../../shared/contract/interview.js';
import type { JobPack } from '../../../core/packs/packSchema.js';
import type { Db } from '../db/openDatabase.js';
import type { PackLoadResult } from '../../../core/packs/loadPacks.js';
import type { CallContext, Registry } from '../rpc/registry.js';
import type { KioskConfig } from './config.js';
import type { EventBus } from './eventBus.js';
import type { z } from 'zod';

export type FinishOutcome = { scored: boolean; feedback: z.infer<typeof Feedback> | null };
/**
 * Called (inside no transaction) when an interview finishes, with the database the interview
 * lives in (a throwaway in-memory one in practice mode). The scoring service installs it.
 */
export type FinishHook = (db: Db, interviewId: string, pack: JobPack) => Promise<FinishOutcome>;

/**
 * Whether an answer is thin enough for the one follow-up question (scoring installs it; without
 * it no follow-up is asked). Returns the reason (a gate name or 'thin'), or null.
 */
export type FollowUpHook = (pack: JobPack, questionId: string, text: string) => string | null;

/** What every feature's register function receives. */
export type AppContext = {
  config: KioskConfig;
  db: Db;
  /**
   * The time every service stamps its rows with and measures its windows by (resume, undo,
   * consent, lock-outs). The real clock in the kiosk; tests pass a fixed or stepped one.
   */
  clock: () => Date;
  registry: Registry;
  events: EventBus;
  packs: { current(): PackLoadResult; reload(): PackLoadResult };
  hooks: { onFinish: FinishHook | null; followUpReason: FollowUpHook | null };
  /**
   * Who is calling right now, as main/the bridge knows it (never from renderer input). The
   * kiosk has one screen, so one manager session at a time; the auth service replaces this.
   */
  callContext: () => CallContext;
  /** Closed in reverse order by app.close(). */
  disposers: (() => void | Promise<void>)[];
};
