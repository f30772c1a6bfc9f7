import type { z } from 'zod';
import type { ApplicantRow, Dashboard, DashboardFilter } from '../../shared/contract/manager.js';
import type { Db } from '../db/openDatabase.js';
import { normalizeReceiptCode } from '../../../core/ids.js';
import { localDate, openingTitle, readScore, statusOf } from './reviewState.js';

/** "Still in the store": finished within this long, so the manager can talk to them now. */
export const STILL_IN_STORE_MS = 30 * 60_000;
const MAX_ROWS = 300;

type Row = {
  id: string;
  applicant_id: string | null;
  pack_id: string;
  pack_hash: string;
  status: string;
  receipt_code: string | null;
  started_at: string;
  finished_at: string | null;
  name: string | null;
  mobile: string | null;
};

export function buildRow(db: Db, r: Row, now: Date): z.infer<typeof ApplicantRow> {
  const score = r.status === 'finished' ? readScore(db, r.id, r.pack_hash) : null;
  return {
    interviewId: r.id,
    applicantId: r.applicant_id,
    name: r.name,
    mobileTail: r.mobile ? r.mobile.slice(-4) : null,
    packId: r.pack_id,
    opening: openingTitle(db, r.pack_hash),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: statusOf(db, r.id, r.status),
    band: score ? (score.band ?? (score.status === 'scored' ? null : 'not_scored')) : null,
    overall: score?.overall ?? null,
    receiptCode: r.receipt_code,
    isStillInStore: r.finished_at !== null && now.getTime() - Date.parse(r.finished_at) <= STILL_IN_STORE_MS,
  };
}

const SELECT = `SELECT i.id, i.applicant_id, i.pack_id, i.pack_hash, i.status, i.receipt_code, i.started_at, i.finished_at, a.name, a.mobile
  FROM interviews i LEFT JOIN applicants a ON a.id = i.applicant_id`;

function matchesQuery(r: Row, q: string): boolean {
  const digits = q.replace(/\D/g, '');
  const code = normalizeReceiptCode(q).replace(/-/g, '');
  if (r.name && r.name.toLowerCase().includes(q.toLowerCase())) return true;
  if (digits.length >= 4 && r.mobile?.includes(digits)) return true;
  return code.length >= 4 && r.receipt_code !== null && r.receipt_code.replace(/-/g, '').includes(code);
}

export function dashboard(db: Db, filter: z.infer<typeof DashboardFilter>, now: Date): z.infer<typeof Dashboard> {
  const all = db.prepare(`${SELECT} ORDER BY i.started_at DESC LIMIT 2000`).all() as Row[];
  const today = localDate(now.toISOString());
  const todays = all.filter((r) => localDate(r.started_at) === today);
  const q = filter.query?.trim() ?? '';
  // No name, no row: people who stopped or were declined (erased at once) and people still on the
  // first pages are only counted, instead of filling the list with nameless lines.
  const named = all.filter((r) => r.applicant_id !== null || r.status === 'finished');
  let picked = named;
  if (q) picked = picked.filter((r) => matchesQuery(r, q));
  else if (filter.date) picked = picked.filter((r) => localDate(r.started_at) === filter.date);
  if (filter.packId) picked = picked.filter((r) => r.pack_id === filter.packId);
  let rows = picked.slice(0, MAX_ROWS * 2).map((r) => buildRow(db, r, now));
  if (filter.status) rows = rows.filter((r) => r.status === filter.status);
  if (filter.band) rows = rows.filter((r) => r.band === filter.band);
  const stillInStore = all.filter((r) => r.finished_at && now.getTime() - Date.parse(r.finished_at) <= STILL_IN_STORE_MS).map((r) => buildRow(db, r, now));
  const openings = new Map<string, z.infer<typeof Dashboard>['openings'][number]>();
  for (const r of all) {
    if (openings.has(r.pack_id)) continue;
    const title = openingTitle(db, r.pack_hash);
    if (title) openings.set(r.pack_id, { packId: r.pack_id, title });
  }
  const awaiting = all.filter((r) => r.status === 'finished' && statusOf(db, r.id, r.status) === 'awaiting').length;
  const openHuman = (db.prepare('SELECT count(*) AS n FROM human_requests WHERE handled_at IS NULL').get() as { n: number }).n;
  return {
    today: {
      applicants: todays.length,
      awaitingReview: awaiting,
      stillInStore: stillInStore.length,
      openHumanRequests: openHuman,
      leftEarly: todays.filter((r) => r.status === 'abandoned').length,
      notYetNamed: todays.filter((r) => r.applicant_id === null && r.status !== 'finished' && r.status !== 'abandoned').length,
    },
    stillInStore,
    rows: rows.slice(0, MAX_ROWS),
    openings: [...openings.values()],
  };
}
