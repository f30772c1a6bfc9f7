/**
 * Applicants as head office holds them: one row per interview that a kiosk synced (completed or
 * abandoned), searchable by store, opening, status, date and name / receipt code / id, and one
 * applicant's synced record — profile, answers, follow-ups, skills, the score with the same
 * explanation the store manager saw, and the store's decisions. An applicant erased on request
 * (applicant.deleted) is listed as erased with nothing but ids and dates: the payloads are gone.
 */
import type { JobPack, LocalText } from '../../core/packs/packSchema.js';
import { parseRecord, type RecordPayload } from '../../core/records/registry.js';
import { packFor } from '../fairness/samples.js';
import type { HoStore } from '../store/types.js';
import { inRegion } from './stores.js';

export const APPLICANT_STATUSES = ['completed', 'abandoned', 'pass', 'hold', 'fail', 'undecided', 'scheduled', 'hired', 'erased'] as const;
export type ApplicantStatus = (typeof APPLICANT_STATUSES)[number];
export type ApplicantFilter = {
  region?: string | undefined;
  store?: string | undefined;
  opening?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  limit?: number;
  /** Keyset cursors from an earlier page: `after` = older than that page (next), `before` = newer (previous). */
  after?: string | undefined;
  before?: string | undefined;
};
export type ApplicantPage = {
  rows: ApplicantRow[];
  /** Interviews matching the filters, over all pages. */
  total: number;
  /** 1-based position of the first row shown (0 when none). */
  first: number;
  /** Cursor for the next (older) page, null on the last page. */
  nextCursor: string | null;
  /** Cursor for the previous (newer) page, null on the first page. */
  prevCursor: string | null;
  /** Kept for clients of the first version of this API: true when there is a next page. */
  isTruncated: boolean;
};

export type ApplicantRow = {
  interviewId: string;
  storeId: string;
  kioskId: string;
  openingId: string | null;
  startedAt: string | null;
  receivedAt: string;
  name: string | null;
  receiptCode: string | null;
  status: 'completed' | 'abandoned' | 'erased';
  band: string | null;
  overall: number | null;
  decision: string | null;
  isScheduled: boolean;
  isHired: boolean;
  isErased: boolean;
};

type ListRow = {
  interview_id: string;
  store_id: string;
  kiosk_id: string;
  kind: string;
  payload_json: string | null;
  erased_at: string | null;
  kiosk_created_at: string;
  received_at: string;
  pack_id: string | null;
  status: string | null;
  band: string | null;
  overall: number | null;
  decision: string | null;
  scheduled: number | null;
  started_at: string | null;
  hired: number;
};

const isDate = (s: string | undefined): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function completedOf(kind: string, json: string | null): RecordPayload<'interview.completed'> | null {
  if (kind !== 'interview.completed' || json === null) return null;
  const p = parseRecord(kind, JSON.parse(json));
  return p.ok && p.record.kind === 'interview.completed' ? p.record.payload : null;
}

function abandonedPack(kind: string, json: string | null): string | null {
  if (kind !== 'interview.abandoned' || json === null) return null;
  const p = parseRecord(kind, JSON.parse(json));
  return p.ok && p.record.kind === 'interview.abandoned' ? p.record.payload.packId : null;
}

const cursorOf = (v: string | undefined): number | null => (v && /^\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * Newest first, one row per interview (its latest completed/abandoned record, by head office's
 * receive order), a page at a time with keyset cursors on that order: a page never repeats or
 * skips a row when new interviews arrive between two clicks.
 */
export async function searchApplicants(store: HoStore, f: ApplicantFilter = {}): Promise<ApplicantPage> {
  const limit = Math.max(1, Math.min(500, Math.floor(f.limit ?? 50)));
  const where = [
    `r.kind IN ('interview.completed', 'interview.abandoned')`,
    'r.interview_id IS NOT NULL',
    // A completion replayed under another record id, or abandoned then completed: the latest one stands.
    `NOT EXISTS (SELECT 1 FROM ho_records r2 WHERE r2.interview_id = r.interview_id AND r2.kind IN ('interview.completed', 'interview.abandoned') AND r2.seq > r.seq)`,
  ];
  const params: (string | number)[] = [];
  if (f.region) {
    const r = inRegion('r.store_id', f.region);
    where.push(r.sql);
    params.push(r.param);
  }
  if (f.store) (where.push('r.store_id = ?'), params.push(f.store));
  if (f.opening) (where.push('i.pack_id = ?'), params.push(f.opening));
  const day = 'COALESCE(i.started_at, r.kiosk_created_at)';
  if (isDate(f.from)) (where.push(`${day} >= ?`), params.push(f.from));
  if (isDate(f.to)) (where.push(`${day} < ?`), params.push(nextDay(f.to)));
  switch (f.status) {
    case 'completed':
    case 'abandoned':
      where.push('i.status = ?');
      params.push(f.status);
      break;
    case 'pass':
    case 'hold':
    case 'fail':
      where.push('i.decision = ?');
      params.push(f.status);
      break;
    case 'undecided':
      where.push(`i.status = 'completed' AND i.decision IS NULL`);
      break;
    case 'scheduled':
      where.push('i.scheduled = 1');
      break;
    case 'hired':
      where.push('EXISTS (SELECT 1 FROM ho_outcomes o WHERE o.interview_id = r.interview_id)');
      break;
    case 'erased':
      where.push('r.erased_at IS NOT NULL');
      break;
    default:
      break;
  }
  const q = f.q?.trim().slice(0, 80);
  if (q) {
    // Names and receipt codes live only in the payload (erased ones are gone with it).
    where.push(`(r.interview_id = ? OR r.payload_json LIKE ?)`);
    params.push(q, `%${q.replace(/[%_\\]/g, '')}%`);
  }
  const from = 'FROM ho_records r LEFT JOIN ho_interviews i ON i.id = r.interview_id';
  const total = Number((await store.get<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${where.join(' AND ')}`, params))?.n ?? 0);
  const after = cursorOf(f.after);
  const before = after === null ? cursorOf(f.before) : null;
  const page = [...where];
  const pageParams = [...params];
  if (after !== null) (page.push('r.seq < ?'), pageParams.push(after));
  if (before !== null) (page.push('r.seq > ?'), pageParams.push(before));
  pageParams.push(limit + 1);
  const fetched = await store.all<ListRow & { seq: number }>(
    `SELECT r.seq, r.interview_id, r.store_id, r.kiosk_id, r.kind, r.payload_json, r.erased_at, r.kiosk_created_at, r.received_at,
       i.pack_id, i.status, i.band, i.overall, i.decision, i.scheduled, i.started_at,
       CASE WHEN EXISTS (SELECT 1 FROM ho_outcomes o WHERE o.interview_id = r.interview_id) THEN 1 ELSE 0 END AS hired
     ${from} WHERE ${page.join(' AND ')} ORDER BY r.seq ${before !== null ? 'ASC' : 'DESC'} LIMIT ?`,
    pageParams,
  );
  const hasMore = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (before !== null) rows.reverse();
  const out: ApplicantRow[] = rows.map((r) => {
    const c = completedOf(r.kind, r.payload_json);
    const isErased = r.erased_at !== null;
    return {
      interviewId: r.interview_id,
      storeId: r.store_id,
      kioskId: r.kiosk_id,
      openingId: r.pack_id ?? c?.interview.packId ?? abandonedPack(r.kind, r.payload_json),
      startedAt: r.started_at ?? c?.interview.startedAt ?? null,
      receivedAt: r.received_at,
      name: c?.applicant?.name ?? null,
      receiptCode: c?.interview.receiptCode ?? null,
      status: isErased ? 'erased' : r.kind === 'interview.completed' || r.status === 'completed' ? 'completed' : 'abandoned',
      band: r.band,
      overall: r.overall,
      decision: r.decision,
      isScheduled: Number(r.scheduled ?? 0) === 1,
      isHired: Number(r.hired) === 1,
      isErased,
    };
  });
  const top = rows[0]?.seq;
  const bottom = rows.at(-1)?.seq;
  // Rows newer than this page (its position), one more query only when not on the first page.
  const newer =
    top === undefined || (after === null && before === null)
      ? 0
      : Number((await store.get<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${[...where, 'r.seq > ?'].join(' AND ')}`, [...params, top]))?.n ?? 0);
  const hasOlder = before !== null ? bottom !== undefined && newer + rows.length < total : hasMore;
  const hasNewer = before !== null ? hasMore : newer > 0;
  return {
    rows: out,
    total,
    first: rows.length ? newer + 1 : 0,
    nextCursor: hasOlder && bottom !== undefined ? String(bottom) : null,
    prevCursor: hasNewer && top !== undefined ? String(top) : null,
    isTruncated: hasOlder,
  };
}

export type DecisionEvent = {
  at: string;
  kind: 'decision' | 'undo' | 'scheduled' | 'unscheduled' | 'human_requested' | 'second_round_offered' | 'second_round_booked' | 'second_round_released';
  decision?: string;
  recommendation?: string | null;
  isOverride?: boolean;
  reason?: string | null;
  by: string;
  detail?: string;
};

export type ApplicantDetail = {
  interviewId: string;
  storeId: string;
  kioskId: string;
  receivedAt: string;
  isErased: boolean;
  erasedAt: string | null;
  status: 'completed' | 'abandoned' | 'erased';
  /** The synced interview.completed record (null when abandoned, erased or unreadable). */
  record: RecordPayload<'interview.completed'> | null;
  abandoned: { reason: string; packId: string } | null;
  /** Question texts of the job pack (head office's published copy, else the shipped one). */
  questions: Record<string, LocalText>;
  openingTitle: LocalText | null;
  events: DecisionEvent[];
  folded: { decision: string | null; band: string | null; overall: number | null; isScheduled: boolean } | null;
  outcome: { hireDate: string; retained30: number | null; retained90: number | null; rating: number | null } | null;
};

export async function applicantDetail(store: HoStore, interviewId: string): Promise<ApplicantDetail | null> {
  const recs = await store.all<{ id: string; kind: string; store_id: string; kiosk_id: string; payload_json: string | null; erased_at: string | null; received_at: string; kiosk_order: number }>(
    'SELECT id, kind, store_id, kiosk_id, payload_json, erased_at, received_at, kiosk_order FROM ho_records WHERE interview_id = ? ORDER BY kiosk_order',
    [interviewId],
  );
  const base = recs.find((r) => r.kind === 'interview.completed') ?? recs.find((r) => r.kind === 'interview.abandoned');
  const erasure = await store.get<{ record_id: string }>('SELECT record_id FROM ho_erasures WHERE interview_id = ?', [interviewId]);
  if (!base) return erasure ? erasedBeforeArrival(store, interviewId, erasure.record_id) : null;
  const owner = await store.get<{ kiosk_id: string; store_id: string }>('SELECT kiosk_id, store_id FROM ho_owners WHERE subject_id = ?', [interviewId]);
  const isErased = erasure !== undefined || base.erased_at !== null;
  const record = isErased ? null : completedOf(base.kind, base.payload_json);
  let abandoned: ApplicantDetail['abandoned'] = null;
  if (!isErased && base.kind === 'interview.abandoned' && base.payload_json) {
    const p = parseRecord(base.kind, JSON.parse(base.payload_json));
    if (p.ok && p.record.kind === 'interview.abandoned') abandoned = { reason: p.record.payload.reason, packId: p.record.payload.packId };
  }
  const events: DecisionEvent[] = [];
  for (const r of recs) {
    if (r.payload_json === null || (owner && r.store_id !== owner.store_id)) continue;
    const p = parseRecord(r.kind, JSON.parse(r.payload_json));
    if (!p.ok) continue;
    const rec = p.record;
    if (rec.kind === 'decision.made')
      events.push({
        at: rec.payload.decidedAt,
        kind: 'decision',
        decision: rec.payload.decision,
        recommendation: rec.payload.recommendation,
        isOverride: rec.payload.isOverride,
        reason: rec.payload.reason,
        by: rec.payload.decidedBy,
      });
    else if (rec.kind === 'decision.undone') events.push({ at: rec.payload.undoneAt, kind: 'undo', by: rec.payload.undoneBy });
    else if (rec.kind === 'shift.assigned') events.push({ at: rec.payload.assignedAt, kind: 'scheduled', by: rec.payload.assignedBy, detail: rec.payload.startDate });
    else if (rec.kind === 'shift.unassigned') events.push({ at: rec.payload.unassignedAt, kind: 'unscheduled', by: rec.payload.unassignedBy, detail: rec.payload.cause });
    else if (rec.kind === 'human.requested') events.push({ at: r.received_at, kind: 'human_requested', by: '' });
    else if (rec.kind === 'secondround.offered')
      events.push({ at: rec.payload.offeredAt, kind: 'second_round_offered', by: rec.payload.offeredBy, detail: rec.payload.slots.map((x) => `${x.date} ${x.start}`).join(', ') });
    else if (rec.kind === 'secondround.booked')
      events.push({ at: rec.payload.bookedAt, kind: 'second_round_booked', by: rec.payload.bookedBy, detail: `${rec.payload.slot.date} ${rec.payload.slot.start} · ${rec.payload.slot.place}` });
    else if (rec.kind === 'secondround.released') events.push({ at: rec.payload.releasedAt, kind: 'second_round_released', by: rec.payload.releasedBy, detail: rec.payload.cause });
  }
  const i = await store.get<{ decision: string | null; band: string | null; overall: number | null; scheduled: number; pack_id: string }>(
    'SELECT decision, band, overall, scheduled, pack_id FROM ho_interviews WHERE id = ?',
    [interviewId],
  );
  const o = await store.get<{ hire_date: string; retained_30: number | null; retained_90: number | null; rating: number | null }>(
    'SELECT hire_date, retained_30, retained_90, rating FROM ho_outcomes WHERE interview_id = ?',
    [interviewId],
  );
  const packId = record?.interview.packId ?? abandoned?.packId ?? i?.pack_id ?? null;
  let pack: JobPack | null = null;
  if (packId) pack = await packFor(store, packId).catch(() => null);
  return {
    interviewId,
    storeId: base.store_id,
    kioskId: base.kiosk_id,
    receivedAt: base.received_at,
    isErased,
    erasedAt: base.erased_at,
    status: isErased ? 'erased' : base.kind === 'interview.completed' ? 'completed' : 'abandoned',
    record,
    abandoned,
    questions: Object.fromEntries((pack?.questions ?? []).map((q) => [q.id, q.text])),
    openingTitle: pack?.opening.title ?? null,
    events: isErased ? [] : events,
    folded: i ? { decision: i.decision, band: i.band, overall: i.overall, isScheduled: Number(i.scheduled) === 1 } : null,
    outcome: o ? { hireDate: o.hire_date, retained30: o.retained_30, retained90: o.retained_90, rating: o.rating } : null,
  };
}

/** Deleted on the kiosk before its interview was ever synced: only the tombstone names it. */
async function erasedBeforeArrival(store: HoStore, interviewId: string, tombstoneId: string): Promise<ApplicantDetail> {
  const t = await store.get<{ store_id: string; kiosk_id: string; received_at: string }>('SELECT store_id, kiosk_id, received_at FROM ho_records WHERE id = ?', [tombstoneId]);
  return {
    interviewId,
    storeId: t?.store_id ?? '',
    kioskId: t?.kiosk_id ?? '',
    receivedAt: t?.received_at ?? '',
    isErased: true,
    erasedAt: t?.received_at ?? null,
    status: 'erased',
    record: null,
    abandoned: null,
    questions: {},
    openingTitle: null,
    events: [],
    folded: null,
    outcome: null,
  };
}

/** Titles of the openings seen, for people (falls back to the id when no pack is known). */
export async function openingTitles(store: HoStore, ids: readonly string[]): Promise<Map<string, LocalText>> {
  const out = new Map<string, LocalText>();
  for (const id of new Set(ids)) {
    const pack = await packFor(store, id).catch(() => null);
    if (pack) out.set(id, pack.opening.title);
  }
  return out;
}
