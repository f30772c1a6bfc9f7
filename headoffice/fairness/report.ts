/**
 * Head-office fairness reports: the impact-ratio table in the shape Local Law 144 bias audits
 * use (per store, job and period; per category: applicants, selected, selection rate, impact
 * ratio, scoring rate, scoring impact ratio, unknown count), the validity summary per job, and
 * the scoring-model versions in use across kiosks. "Selected" = recommended by the model the
 * kiosk actually used (the band in the synced interview record). Groups too small to judge
 * are listed as insufficient with their counts, never given ratios.
 */
import type { HoStore } from '../store/types.js';
import { adverseImpact, FOUR_FIFTHS, MIN_GROUP, type GroupRow } from './adverseImpact.js';
import { changeLog, listCandidates } from './candidates.js';
import { DIMENSIONS, groupsOf, loadSelfIds } from './impact.js';
import { completedRecord, currentModel, deployedScore, loadSamples, packFor, weightsOfModel } from './samples.js';
import { eligibility, validityReport, type ValidityReport } from './validity.js';

export type ReportFilter = { store?: string | undefined; pack?: string | undefined; from?: string | undefined; to?: string | undefined };
export type ImpactGroup = {
  storeId: string;
  packId: string;
  period: { from: string | null; to: string | null };
  applicants: number;
  withSelfId: number;
  verdict: 'pass' | 'fail' | 'insufficient';
  reasons: string[];
  unknown: Record<string, number>;
  outcomes: { hired: number; retained90Known: number; sufficientForRefit: boolean; note: string | null };
  rows: GroupRow[];
};
export type FairnessReport = { generatedAt: string; rules: { fourFifths: number; minGroup: number; minShare: number; selection: string }; groups: ImpactGroup[] };

type Row = { id: string; store_id: string; pack_id: string; started_at: string | null; payload_json: string };
export const ALL_STORES = '*';

function periodWhere(f: ReportFilter, params: string[]): string {
  const w: string[] = [];
  if (f.store) (w.push('i.store_id = ?'), params.push(f.store));
  if (f.pack) (w.push('i.pack_id = ?'), params.push(f.pack));
  // Period by interview date (kiosk clock, as reported); `to` is inclusive.
  if (f.from) (w.push('i.started_at >= ?'), params.push(f.from));
  if (f.to) (w.push('i.started_at < ?'), params.push(nextDay(f.to)));
  return w.length ? `AND ${w.join(' AND ')}` : '';
}
const nextDay = (d: string) => new Date(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function impactReport(store: HoStore, f: ReportFilter = {}): Promise<FairnessReport> {
  const params: string[] = [];
  const rows = await store.all<Row>(
    `SELECT i.id, i.store_id, i.pack_id, i.started_at, r.payload_json FROM ho_interviews i
     JOIN ho_records r ON r.interview_id = i.id AND r.kind = 'interview.completed' AND r.payload_json IS NOT NULL
     WHERE i.status = 'completed' ${periodWhere(f, params)} ORDER BY i.store_id, i.pack_id, i.id`,
    params,
  );
  const selfIds = await loadSelfIds(store);
  const outcomes = await store.all<{ interview_id: string; retained_90: number | null }>('SELECT interview_id, retained_90 FROM ho_outcomes');
  const outcomeOf = new Map(outcomes.map((o) => [o.interview_id, o.retained_90]));
  const buckets = new Map<string, { storeId: string; packId: string; people: { id: string; overall: number; isRecommended: boolean }[] }>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const record = completedRecord(r.id, r.payload_json);
    if (!record) continue;
    const d = deployedScore(record);
    if (d.overall === null) continue; // not scored: no recommendation to audit
    const person = { id: r.id, overall: d.overall, isRecommended: d.band === 'recommend' };
    for (const storeId of [r.store_id, ALL_STORES]) {
      const k = `${storeId}\n${r.pack_id}`;
      const b = buckets.get(k) ?? { storeId, packId: r.pack_id, people: [] };
      b.people.push(person);
      buckets.set(k, b);
    }
  }
  const groups = [...buckets.values()]
    .filter((b) => !(b.storeId === ALL_STORES && f.store))
    .map((b): ImpactGroup => {
      const rep = adverseImpact(
        b.people.map((p) => ({ groups: groupsOf(selfIds.get(p.id)), isRecommended: p.isRecommended, score: p.overall })),
        [...DIMENSIONS],
      );
      const known = b.people.filter((p) => outcomeOf.has(p.id));
      const k90 = known.filter((p) => outcomeOf.get(p.id) !== null && outcomeOf.get(p.id) !== undefined);
      const elig = eligibility(k90.length, k90.filter((p) => outcomeOf.get(p.id) === 1).length);
      const withSelfId = b.people.filter((p) => selfIds.has(p.id)).length;
      return {
        storeId: b.storeId,
        packId: b.packId,
        period: { from: f.from ?? null, to: f.to ?? null },
        applicants: b.people.length,
        withSelfId,
        verdict: rep.verdict,
        // Nobody self-identified: say so first, with the count, rather than only "no categories".
        reasons: withSelfId === 0 ? [`insufficient data: none of the ${b.people.length} scored applicants self-identified`, ...rep.reasons] : rep.reasons,
        unknown: rep.unknown,
        outcomes: { hired: known.length, retained90Known: k90.length, sufficientForRefit: elig.isAllowed, note: elig.reason },
        rows: rep.rows,
      };
    })
    .sort((a, b) => a.packId.localeCompare(b.packId) || (a.storeId === ALL_STORES ? -1 : b.storeId === ALL_STORES ? 1 : a.storeId.localeCompare(b.storeId)));
  return {
    generatedAt: new Date().toISOString(),
    rules: { fourFifths: FOUR_FIFTHS, minGroup: MIN_GROUP, minShare: 0.02, selection: 'recommended by the scoring model in use (band = recommend)' },
    groups,
  };
}

const CSV_HEAD = [
  'store',
  'job',
  'period_from',
  'period_to',
  'dimension',
  'category',
  'applicants',
  'selected',
  'selection_rate',
  'impact_ratio',
  'scoring_rate',
  'scoring_impact_ratio',
  'p_value',
  'status',
  'reference',
];

export function impactCsv(rep: FairnessReport, cell: (v: unknown) => string): string {
  const lines = [CSV_HEAD.join(',')];
  for (const g of rep.groups) {
    for (const r of g.rows) {
      const ok = r.status !== 'insufficient';
      lines.push(
        [
          g.storeId === ALL_STORES ? 'ALL' : g.storeId,
          g.packId,
          g.period.from ?? '',
          g.period.to ?? '',
          r.dimension,
          r.category,
          r.n,
          r.selected,
          ok ? r.selectionRate : '',
          ok ? r.impactRatio : '',
          ok ? r.scoringRate : '',
          ok ? r.scoringImpactRatio : '',
          ok ? r.pValue : '',
          r.status,
          ok && r.isReference ? 'yes' : '',
        ]
          .map(cell)
          .join(','),
      );
    }
    for (const [dim, n] of Object.entries(g.unknown))
      if (!dim.includes('×'))
        lines.push([g.storeId === ALL_STORES ? 'ALL' : g.storeId, g.packId, g.period.from ?? '', g.period.to ?? '', dim, 'unknown', n, '', '', '', '', '', '', 'not included', ''].map(cell).join(','));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Scoring models kiosks report in use (sync version reports), and versions seen on scores. */
export async function modelsInUse(store: HoStore) {
  const kiosks = await store.all<{ id: string; store_id: string; label: string; last_seen_at: string | null; versions_json: string }>(
    'SELECT id, store_id, label, last_seen_at, versions_json FROM ho_kiosks WHERE revoked_at IS NULL ORDER BY store_id, id',
  );
  const dl = await store.all<{ name: string; version: number; content: Buffer }>(`SELECT name, version, content FROM ho_downlink WHERE kind = 'scoringModel'`);
  const modelVersionOf = new Map<string, string>();
  for (const d of dl) {
    try {
      const w = weightsOfModel(Buffer.from(d.content));
      modelVersionOf.set(`${d.name}\n${d.version}`, `${w.packId}@${w.modelVersion}`);
    } catch {
      modelVersionOf.set(`${d.name}\n${d.version}`, 'unreadable');
    }
  }
  return kiosks.map((k) => {
    const versions = (JSON.parse(k.versions_json) as { kind: string; name: string; version: number; state: string }[]).filter((v) => v.kind === 'scoringModel');
    return {
      kioskId: k.id,
      storeId: k.store_id,
      label: k.label,
      lastSeenAt: k.last_seen_at,
      scoringModels: versions.map((v) => ({ job: v.name, downlinkVersion: v.version, state: v.state, modelVersion: modelVersionOf.get(`${v.name}\n${v.version}`) ?? null })),
      note: versions.some((v) => v.state === 'active') ? null : 'uses the models shipped with the app (no published scoring model applied)',
    };
  });
}

export async function validityFor(store: HoStore, packId: string): Promise<ValidityReport & { modelSource: string }> {
  const pack = await packFor(store, packId);
  const cur = await currentModel(store, packId);
  return { ...validityReport(await loadSamples(store, pack, cur.weights), cur.weights), modelSource: cur.source };
}

export async function modelsOverview(store: HoStore, packId?: string) {
  return { candidates: await listCandidates(store, packId), changes: await changeLog(store, packId), inUse: await modelsInUse(store) };
}
