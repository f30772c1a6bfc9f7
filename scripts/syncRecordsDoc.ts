/**
 * Writes (or with --check, compares) the record list in docs/sync.md from the record schemas
 * in core/records: `npx tsx scripts/syncRecordsDoc.ts [--check]`. The block sits
 * between the markers below; tests/unit/sync/recordsDoc.test.ts fails when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../electron/services/app/config.js';
import { recordsMarkdown } from '../core/records/describe.js';

export const DOC = path.join(APP_ROOT, 'docs', 'sync.md');
export const BEGIN = '<!-- records:begin (generated from core/records by scripts/syncRecordsDoc.ts; do not edit by hand) -->';
export const END = '<!-- records:end -->';

/** The document with its record block replaced by the one the schemas give. */
export function withRecordBlock(doc: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC} has no record block (${BEGIN} … ${END})`);
  return `${doc.slice(0, a + BEGIN.length)}\n${recordsMarkdown()}\n${doc.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const doc = fs.readFileSync(DOC, 'utf8');
  const next = withRecordBlock(doc);
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      process.stderr.write('docs/sync.md: the record list differs from the schemas; run npx tsx scripts/syncRecordsDoc.ts\n');
      process.exit(1);
    }
  } else if (next !== doc) {
    fs.writeFileSync(DOC, next);
    process.stderr.write('docs/sync.md: record list updated\n');
  }
}
