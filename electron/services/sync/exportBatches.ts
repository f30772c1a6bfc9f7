/**
 * Offline stores: the same sealed, signed batches written to a folder (a USB stick) as one
 * file per batch. Head office imports them with `headoffice import <dir>`. Batches stay
 * pending on the kiosk until head office acknowledges them online, so exporting twice is safe.
 *
 * Each file is encrypted to head office's X25519 key (sealedBox.ts) and written 0600: a lost
 * stick shows only kiosk id, batch id and sequence (also in the file name), never a record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { Db } from '../db/openDatabase.js';
import { pendingBatches, sealBatches } from './batches.js';
import { batchFileAad, batchFileName, type BatchFile } from '../../../core/sync/batchFile.js';
import { seal } from '../../../core/sync/sealedBox.js';
import { getState, type SyncIdentity } from './state.js';

export function exportBatches(db: Db, me: SyncIdentity, dir: string): { files: string[]; records: number } {
  const boxKey = getState(db, 'headOfficeBoxKey');
  if (!boxKey) {
    throw new KioskError(
      ErrorCode.SyncFailed,
      "This kiosk has no export key from head office (it enrolled before export files were encrypted, or head office is older). Nothing was written. Sync online once, then enroll again with a 'replaces' code from an updated head office.",
    );
  }
  sealBatches(db, me);
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let records = 0;
  for (const b of pendingBatches(db)) {
    const file = path.join(dir, batchFileName(me.kioskId, b.seq, b.id));
    const inner = Buffer.from(JSON.stringify({ signature: b.signature, bodyBase64: b.body.toString('base64') }), 'utf8');
    const content: BatchFile = { v: 2, kioskId: me.kioskId, batchId: b.id, seq: b.seq, box: seal(boxKey, inner, batchFileAad(me.kioskId, b.id, b.seq)) };
    const tmp = file + '.tmp';
    fs.rmSync(tmp, { force: true });
    // mode applies only when the file is created (hence the rm); chmod covers a umask or an FS that ignores it.
    fs.writeFileSync(tmp, JSON.stringify(content) + '\n', { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
    files.push(file);
    records += b.recordCount;
  }
  return { files, records };
}
