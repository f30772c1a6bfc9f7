/**
 * CSV/JSON export of the feed for HR systems that take files. Streams page by page, so
 * memory stays flat however many records there are. JSON is one record per line (JSON Lines).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseRecord } from '../core/records/registry.js';
import { readFeed, type FeedItem } from './feed.js';
import type { HoStore } from './store/types.js';

const CSV_COLUMNS = [
  'cursor',
  'recordId',
  'kind',
  'status',
  'storeId',
  'kioskId',
  'interviewId',
  'packId',
  'applicantName',
  'applicantMobile',
  'talentPoolConsent',
  'band',
  'overall',
  'decision',
  'kioskCreatedAt',
  'receivedAt',
  'erased',
] as const;

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always when needed; prefix formula starters so spreadsheets do not execute them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function flatten(i: FeedItem): Record<(typeof CSV_COLUMNS)[number], unknown> {
  // Erased records have no payload; every other one was validated at ingest.
  const parsed = i.payload === null ? null : parseRecord(i.kind, i.payload);
  const r = parsed?.ok ? parsed.record : null;
  const completed = r?.kind === 'interview.completed' ? r.payload : null;
  return {
    cursor: i.cursor,
    recordId: i.recordId,
    kind: i.kind,
    status: i.status,
    storeId: i.storeId,
    kioskId: i.kioskId,
    interviewId: i.interviewId,
    packId: completed?.interview.packId ?? (r?.kind === 'interview.abandoned' || r?.kind === 'human.requested' ? r.payload.packId : null),
    applicantName: completed?.applicant?.name ?? (r?.kind === 'human.requested' ? r.payload.name : null),
    applicantMobile: completed?.applicant?.mobile ?? (r?.kind === 'human.requested' ? r.payload.mobile : null),
    // true/false: the applicant's separate choice to be contacted about other openings; empty: not known (a v1 record).
    talentPoolConsent: completed?.interview.talentPoolConsent,
    band: completed?.score?.result?.band,
    overall: completed?.score?.result?.overall,
    decision: r?.kind === 'decision.made' ? r.payload.decision : null,
    kioskCreatedAt: i.kioskCreatedAt,
    receivedAt: i.receivedAt,
    erased: i.erased,
  };
}

export async function exportFeed(store: HoStore, opts: { format: 'csv' | 'json'; out: string; store?: string; status?: string }): Promise<{ records: number }> {
  const tmp = `${opts.out}.tmp`;
  const w = fs.createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!w.write(s)) await once(w, 'drain');
  };
  if (opts.format === 'csv') await write('\uFEFF' + CSV_COLUMNS.join(',') + '\n'); // BOM: Excel reads UTF-8 Chinese names
  let after = 0;
  let records = 0;
  for (;;) {
    const page = await readFeed(store, { after, limit: 1000, store: opts.store, status: opts.status });
    for (const item of page.items) {
      if (opts.format === 'json') await write(JSON.stringify(item) + '\n');
      else {
        const row = flatten(item);
        await write(CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n');
      }
      records++;
    }
    after = Number(page.nextCursor);
    if (!page.hasMore) break;
  }
  w.end();
  await once(w, 'finish');
  fs.renameSync(tmp, opts.out);
  return { records };
}
