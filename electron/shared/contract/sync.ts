import { z } from 'zod';
import { channel } from './define.js';

export const SyncVersion = z.object({
  kind: z.string(),
  name: z.string(),
  version: z.number(),
  /** active = in use; previous = kept for rollback; rejected = refused (see detail). */
  state: z.string(),
  detail: z.string().nullable(),
});

export const SyncStatus = z.object({
  enrolled: z.boolean(),
  kioskId: z.string().nullable(),
  storeId: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  pendingRecords: z.number(),
  /** Plain words for the store manager, e.g. "Update rejected: pack … — signature is not from …". */
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  versions: z.array(SyncVersion),
});

export const SyncRoundResult = z.object({
  ok: z.boolean(),
  pushedBatches: z.number(),
  ackedRecords: z.number(),
  applied: z.array(z.string()),
  rejected: z.array(z.string()),
  error: z.string().nullable(),
});

export const syncContract = {
  'sync:status': channel(z.object({}).optional(), SyncStatus, 'staff'),
  'sync:now': channel(z.object({}).optional(), SyncRoundResult, 'manager'),
} as const;
