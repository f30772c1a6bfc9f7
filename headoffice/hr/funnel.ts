/**
 * The hiring funnel for HR: started → completed → recommended → passed → scheduled → hired,
 * with abandoned starts as their own column (an interview that ended unfinished is counted as
 * abandoned under the opening it was for, never as an "unknown" opening). Grouped by region
 * (stores.ts), store, opening, week (ISO week, Monday) or store × opening, filtered by region,
 * store, opening and period.
 *
 * Reads ho_interviews (folded per interview, erased applicants already gone) and ho_outcomes
 * (hired = an outcome with a hire date). The interview's date is its start on the kiosk clock;
 * an abandoned interview carries no start, so its first record's kiosk time stands in.
 */
import type { HoStore } from '../store/types.js';
import { inRegion, listRegions } from './stores.js';

export const FUNNEL_STAGES = ['started', 'completed', 'recommended', 'passed', 'scheduled', 'hired'] as const;
export type Stage = (typeof FUNNEL_STAGES)[number];
export const GROUP_BY = ['region', 'store', 'opening', 'week', 'storeOpening'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export type FunnelFilter = { region?: string | undefined; store?: string | undefined; opening?: string | undefined; from?: string | undefined; to?: string | undefined; by?: GroupBy | undefined };
export type FunnelCounts = Record<Stage, number> & { abandoned: number };
/** region: '' for stores without one (grouped by region only). */
export type FunnelGroup = { key: string; region: string | null; storeId: string | null; openingId: string | null; week: string | null; counts: FunnelCounts };
export type Funnel = {
  generatedAt: string;
  filter: Required<Pick<FunnelFilter, 'by'>> & Omit<FunnelFilter, 'by'>;
  groups: FunnelGroup[];
  total: FunnelCounts;
  /** What the filters can choose from (every store and opening with an interview). */
  stores: string[];
  openings: string[];
  regions: string[];
};

/** An abandoned interview from an older kiosk that did not say which opening it was for. */
export const NO_OPENING = 'unknown';

const emptyCounts = (): FunnelCounts => ({ started: 0, abandoned: 0, completed: 0, recommended: 0, passed: 0, scheduled: 0, hired: 0 });

/** Monday of the ISO week of a date (UTC), as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const d = new Date(Date.parse(iso.slice(0, 10) + 'T00:00:00Z'));
  if (Number.isNaN(d.getTime())) return 'unknown';
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const isDate = (s: string | undefined): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

type Row = { id: string; store_id: string; pack_id: string; status: string; band: string | null; decision: string | null; scheduled: number; at: string | null; hired: number };

export async function computeFunnel(store: HoStore, f: FunnelFilter = {}): Promise<Funnel> {
  const by: GroupBy = f.by && (GROUP_BY as readonly string[]).includes(f.by) ? f.by : 'storeOpening';
  const where: string[] = [];
  const params: string[] = [];
  if (f.region) {
    const r = inRegion('i.store_id', f.region);
    where.push(r.sql);
    params.push(r.param);
  }
  if (f.store) (where.push('i.store_id = ?'), params.push(f.store));
  if (f.opening) (where.push('i.pack_id = ?'), params.push(f.opening));
  const dateExpr = `COALESCE(i.started_at, (SELECT MIN(r.kiosk_created_at) FROM ho_records r WHERE r.interview_id = i.id))`;
  if (isDate(f.from)) (where.push(`${dateExpr} >= ?`), params.push(f.from));
  if (isDate(f.to)) (where.push(`${dateExpr} < ?`), params.push(nextDay(f.to)));
  const rows = await store.all<Row>(
    `SELECT i.id, i.store_id, i.pack_id, i.status, i.band, i.decision, i.scheduled, ${dateExpr} AS at,
       CASE WHEN EXISTS (SELECT 1 FROM ho_outcomes o WHERE o.interview_id = i.id) THEN 1 ELSE 0 END AS hired
     FROM ho_interviews i ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`,
    params,
  );
  const regionOf = new Map((await store.all<{ store_id: string; region: string | null }>('SELECT store_id, region FROM ho_notify_stores')).map((r) => [r.store_id, r.region ?? '']));
  const groups = new Map<string, FunnelGroup>();
  const total = emptyCounts();
  for (const r of rows) {
    const week = r.at ? weekOf(r.at) : 'unknown';
    const region = regionOf.get(r.store_id) ?? '';
    const g =
      by === 'region'
        ? { key: region, region, storeId: null, openingId: null, week: null }
        : by === 'store'
          ? { key: r.store_id, region: null, storeId: r.store_id, openingId: null, week: null }
          : by === 'opening'
            ? { key: r.pack_id, region: null, storeId: null, openingId: r.pack_id, week: null }
            : by === 'week'
              ? { key: week, region: null, storeId: null, openingId: null, week }
              : { key: `${r.store_id}\n${r.pack_id}`, region: null, storeId: r.store_id, openingId: r.pack_id, week: null };
    const entry = groups.get(g.key) ?? { ...g, counts: emptyCounts() };
    groups.set(g.key, entry);
    for (const c of [entry.counts, total]) {
      c.started++;
      if (r.status === 'abandoned') c.abandoned++;
      if (r.status === 'completed') c.completed++;
      if (r.band === 'recommend') c.recommended++;
      if (r.decision === 'pass') c.passed++;
      if (Number(r.scheduled) === 1) c.scheduled++;
      if (Number(r.hired) === 1) c.hired++;
    }
  }
  const choices = await store.all<{ store_id: string; pack_id: string }>('SELECT DISTINCT store_id, pack_id FROM ho_interviews');
  return {
    generatedAt: new Date().toISOString(),
    filter: { by, region: f.region, store: f.store, opening: f.opening, from: isDate(f.from) ? f.from : undefined, to: isDate(f.to) ? f.to : undefined },
    groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)),
    total,
    stores: [...new Set(choices.map((c) => c.store_id))].sort(),
    openings: [...new Set(choices.map((c) => c.pack_id))].sort(),
    regions: await listRegions(store),
  };
}

/** a ÷ b as a whole percentage, or null when b is 0. */
export const percent = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 100) : null);
