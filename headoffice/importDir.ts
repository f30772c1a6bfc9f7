/**
 * Folder import for stores that are never online: reads the kiosk's exported batch files,
 * opens each with head office's X25519 key (sealedBox.ts) and ingests them exactly like HTTP
 * uploads (same signature check, same idempotency), so importing a folder twice changes
 * nothing. A file sealed to another key, altered, or unencrypted is refused and listed; it
 * changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { batchFileAad } from '../core/sync/batchFile.js';
import { deriveBoxKeyPair, open } from '../core/sync/sealedBox.js';
import { headOfficeKey } from './admin.js';
import { ingestBatch } from './ingest.js';
import type { HoStore } from './store/types.js';

const b64 = z
  .string()
  .max(50_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const BatchFile = z.object({
  v: z.literal(2),
  kioskId: z.string().max(100),
  batchId: z.string().max(100),
  seq: z.number().int().min(0),
  box: z.object({ epk: b64, iv: b64, tag: b64, ct: b64 }),
});
const Inner = z.object({ signature: z.string(), bodyBase64: z.string() });

export type ImportReport = { files: number; batches: number; duplicateBatches: number; accepted: number; duplicates: number; rejectedRecords: number; refused: { file: string; reason: string }[] };

export async function importDir(store: HoStore, dir: string): Promise<ImportReport> {
  const report: ImportReport = { files: 0, batches: 0, duplicateBatches: 0, accepted: 0, duplicates: 0, rejectedRecords: 0, refused: [] };
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^ikb-.*\.json$/.test(f))
    .sort(); // name sorts by kiosk, then seq
  const boxKey = deriveBoxKeyPair((await headOfficeKey(store)).privateKeyPem).privateKey;
  for (const f of files) {
    report.files++;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch {
      report.refused.push({ file: f, reason: 'not a readable batch file (copied incompletely?)' });
      continue;
    }
    if ((raw as { v?: unknown } | null)?.v === 1) {
      report.refused.push({ file: f, reason: 'unencrypted batch file from an older kiosk version: update the kiosk and export again' });
      continue;
    }
    const parsed = BatchFile.safeParse(raw);
    if (!parsed.success) {
      report.refused.push({ file: f, reason: 'not a readable batch file (copied incompletely?)' });
      continue;
    }
    const p = parsed.data;
    const opened = open(boxKey, p.box, batchFileAad(p.kioskId, p.batchId, p.seq));
    const inner = opened ? Inner.safeParse(JSON.parse(opened.toString('utf8'))) : null;
    if (!inner?.success) {
      report.refused.push({ file: f, reason: 'cannot be decrypted with this head office key: it was sealed for another head office, or the file was altered' });
      continue;
    }
    const r = await ingestBatch(store, { kioskId: p.kioskId, batchId: p.batchId, signature: inner.data.signature, body: Buffer.from(inner.data.bodyBase64, 'base64'), source: 'import' });
    if (!r.ok) {
      report.refused.push({ file: f, reason: r.message });
      continue;
    }
    report.batches++;
    if (r.ack.duplicateBatch) report.duplicateBatches++;
    report.accepted += r.ack.accepted;
    report.duplicates += r.ack.duplicates;
    report.rejectedRecords += r.ack.rejected.length;
  }
  return report;
}
