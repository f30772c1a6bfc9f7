/**
 * Aggregation per store and opening (job pack): the funnel started → completed → recommended
 * → passed → scheduled, pass rates and the distribution of overall scores in 10-point bins.
 * Reads only ho_interviews, which ingest keeps folded, so erased applicants are not counted.
 */
import type { HoStore } from './store/types.js';

export type FunnelRow = {
  storeId: string;
  packId: string;
  funnel: { started: number; completed: number; recommended: number; passed: number; scheduled: number };
  rates: { completion: number | null; recommended: number | null; pass: number | null; passOfRecommended: number | null };
  /** counts of overall score in [0,10), [10,20) … [90,100]; unscored interviews are not binned. */
  scoreBins: number[];
  scored: number;
  meanScore: number | null;
};

const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

export type Stats = {
  generatedAt: string;
  groups: FunnelRow[];
  /** Records refused because a kiosk wrote about another kiosk's interviews or applicants (per-kiosk counts: `kiosks`). */
  refusedRecords: number;
};

export async function computeStats(store: HoStore, filter: { store?: string | undefined } = {}): Promise<Stats> {
  const params = filter.store ? [filter.store] : [];
  const rows = await store.all<{
    store_id: string;
    pack_id: string;
    started: number;
    completed: number;
    recommended: number;
    passed: number;
    scheduled: number;
    recpassed: number;
    scored: number;
    mean: number | null;
  }>(
    `SELECT store_id, pack_id,
       COUNT(*) AS started,
       SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
       SUM(CASE WHEN band = 'recommend' THEN 1 ELSE 0 END) AS recommended,
       SUM(CASE WHEN decision = 'pass' THEN 1 ELSE 0 END) AS passed,
       SUM(CASE WHEN scheduled = 1 THEN 1 ELSE 0 END) AS scheduled,
       SUM(CASE WHEN band = 'recommend' AND decision = 'pass' THEN 1 ELSE 0 END) AS recpassed,
       COUNT(overall) AS scored,
       AVG(overall) AS mean
     FROM ho_interviews ${filter.store ? 'WHERE store_id = ?' : ''}
     GROUP BY store_id, pack_id ORDER BY store_id, pack_id`,
    params,
  );
  const bins = await store.all<{ store_id: string; pack_id: string; bin: number; n: number }>(
    `SELECT store_id, pack_id, CASE WHEN overall >= 100 THEN 9 WHEN overall < 0 THEN 0 ELSE CAST(FLOOR(overall / 10) AS INTEGER) END AS bin, COUNT(*) AS n
     FROM ho_interviews WHERE overall IS NOT NULL ${filter.store ? 'AND store_id = ?' : ''}
     GROUP BY store_id, pack_id, bin`,
    params,
  );
  const refused = await store.get<{ n: number | null }>(`SELECT SUM(refused_records) AS n FROM ho_kiosks ${filter.store ? 'WHERE store_id = ?' : ''}`, params);
  return {
    generatedAt: new Date().toISOString(),
    refusedRecords: Number(refused?.n ?? 0),
    groups: rows.map((r) => {
      const scoreBins = Array.from({ length: 10 }, () => 0);
      for (const b of bins) if (b.store_id === r.store_id && b.pack_id === r.pack_id) scoreBins[b.bin] = b.n;
      return {
        storeId: r.store_id,
        packId: r.pack_id,
        funnel: { started: r.started, completed: r.completed, recommended: r.recommended, passed: r.passed, scheduled: r.scheduled },
        rates: { completion: rate(r.completed, r.started), recommended: rate(r.recommended, r.completed), pass: rate(r.passed, r.completed), passOfRecommended: rate(r.recpassed, r.recommended) },
        scoreBins,
        scored: r.scored,
        meanScore: r.mean === null ? null : Math.round(r.mean * 10) / 10,
      };
    }),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** A plain page for people at head office: no scripts, no external assets. */
export function renderStatsPage(stats: Stats): string {
  const rows = stats.groups
    .map((g) => {
      const max = Math.max(1, ...g.scoreBins);
      const hist = g.scoreBins.map((n, i) => `<span class="bar" title="${i * 10}–${i * 10 + 9}: ${n}" style="height:${Math.round((n / max) * 40)}px"></span>`).join('');
      const f = g.funnel;
      return `<tr><td>${esc(g.storeId)}</td><td>${esc(g.packId)}</td><td>${f.started}</td><td>${f.completed}</td><td>${f.recommended}</td><td>${f.passed}</td><td>${f.scheduled}</td><td>${pct(g.rates.pass)}</td><td>${g.meanScore ?? '–'}</td><td class="hist">${hist}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Interview funnel by store and opening</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:nth-child(-n+2){text-align:left}.hist{display:flex;align-items:flex-end;gap:1px;height:42px}.bar{display:inline-block;width:8px;background:#4a7}</style></head>
<body><h1>Interview funnel by store and opening</h1><p>Generated ${esc(stats.generatedAt)}. Pass rate = passed ÷ completed. Histogram: overall score in 10-point bins (0 → 100).</p>
<table><thead><tr><th>store</th><th>opening</th><th>started</th><th>completed</th><th>recommended</th><th>passed</th><th>scheduled</th><th>pass rate</th><th>mean score</th><th>scores</th></tr></thead>
<tbody>${rows || '<tr><td colspan="10">No interviews received yet.</td></tr>'}</tbody></table></body></html>`;
}
