/**
 * Folder import for stores that are never online: reads the kiosk's exported batch files and
 * ingests them exactly like HTTP uploads (same signature check, same idempotency), so
 * importing a folder twice changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ingestBatch } from './ingest.js';
import type { HoStore } from './store/types.js';

const BatchFile = z.object({ v: z.literal(1), kioskId: z.string(), batchId: z.string(), seq: z.number(), signature: z.string(), bodyBase64: z.string() });

export type ImportReport = { files: number; batches: number; duplicateBatches: number; accepted: number; duplicates: number; rejectedRecords: number; refused: { file: string; reason: string }[] };

export async function importDir(store: HoStore, dir: string): Promise<ImportReport> {
  const report: ImportReport = { files: 0, batches: 0, duplicateBatches: 0, accepted: 0, duplicates: 0, rejectedRecords: 0, refused: [] };
  const files = fs.readdirSync(dir).filter((f) => /^ikb-.*\.json$/.test(f)).sort(); // name sorts by kiosk, then seq
  for (const f of files) {
    report.files++;
    let parsed: z.infer<typeof BatchFile>;
    try {
      parsed = BatchFile.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    } catch {
      report.refused.push({ file: f, reason: 'not a readable batch file (copied incompletely?)' });
      continue;
    }
    const r = await ingestBatch(store, { kioskId: parsed.kioskId, batchId: parsed.batchId, signature: parsed.signature, body: Buffer.from(parsed.bodyBase64, 'base64'), source: 'import' });
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
