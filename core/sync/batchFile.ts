import type { SealedBox } from './sealedBox.js';

/**
 * The export file format shared by the kiosk (electron/services/sync/exportBatches.ts writes one
 * file per sealed batch to a folder) and head office (headoffice/importDir.ts reads them).
 */

/** v2: `box` opens (with head office's key, AAD = batchFileAad) to JSON {signature, bodyBase64}. */
export type BatchFile = { v: 2; kioskId: string; batchId: string; seq: number; box: SealedBox };

export const batchFileName = (kioskId: string, seq: number, batchId: string) => `ikb-${kioskId}-${String(seq).padStart(8, '0')}-${batchId}.json`;

/** The clear header, bound to the ciphertext: moving a box into another file's header fails. */
export const batchFileAad = (kioskId: string, batchId: string, seq: number) => Buffer.from(JSON.stringify(['ikb', 2, kioskId, batchId, seq]), 'utf8');
