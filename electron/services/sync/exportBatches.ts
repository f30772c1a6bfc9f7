/**
 * Offline stores: the same sealed, signed batches written to a folder (a USB stick) as one
 * file per batch. Head office imports them with `headoffice import <dir>`. Batches stay
 * pending on the kiosk until head office acknowledges them online, so exporting twice is safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/openDatabase.js';
import { pendingBatches, sealBatches } from './batches.js';
import type { SyncIdentity } from './state.js';

export type BatchFile = { v: 1; kioskId: string; batchId: string; seq: number; signature: string; bodyBase64: string };

export const batchFileName = (kioskId: string, seq: number, batchId: string) => `ikb-${kioskId}-${String(seq).padStart(8, '0')}-${batchId}.json`;

export function exportBatches(db: Db, me: SyncIdentity, dir: string): { files: string[]; records: number } {
  sealBatches(db, me);
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let records = 0;
  for (const b of pendingBatches(db)) {
    const file = path.join(dir, batchFileName(me.kioskId, b.seq, b.id));
    const content: BatchFile = { v: 1, kioskId: me.kioskId, batchId: b.id, seq: b.seq, signature: b.signature, bodyBase64: b.body.toString('base64') };
    const tmp = file + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify(content) + '\n');
    fs.renameSync(tmp, file);
    files.push(file);
    records += b.recordCount;
  }
  return { files, records };
}
