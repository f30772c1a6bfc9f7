/** The fairness page for people at head office: plain HTML, no scripts, no external assets. */
import type { FairnessReport } from './report.js';
import { ALL_STORES } from './report.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const n2 = (x: number) => x.toFixed(2);

type Overview = {
  candidates: {
    id: string;
    pack_id: string;
    base_version: string;
    model_version: string;
    status: string;
    created_by: string;
    created_at: string;
    approved_by: string | null;
    downlink_version: number | null;
  }[];
  changes: { at: string; packId: string; candidateId: string | null; action: string; actor: string; reason: string }[];
  inUse: {
    kioskId: string;
    storeId: string;
    label: string;
    lastSeenAt: string | null;
    scoringModels: { job: string; downlinkVersion: number; state: string; modelVersion: string | null }[];
    note: string | null;
  }[];
};

export function renderFairnessPage(rep: FairnessReport, overview: Overview, csvHref: string): string {
  const groups = rep.groups
    .map((g) => {
      const rows = g.rows
        .map((r) =>
          r.status === 'insufficient'
            ? `<tr class="insufficient"><td>${esc(r.dimension)}</td><td>${esc(r.category)}</td><td>${r.n}</td><td>${r.selected}</td><td colspan="5">insufficient (fewer than ${rep.rules.minGroup} applicants or under 2%)</td></tr>`
            : `<tr class="${r.status}"><td>${esc(r.dimension)}</td><td>${esc(r.category)}${r.isReference ? ' ★' : ''}</td><td>${r.n}</td><td>${r.selected}</td><td>${pct(r.selectionRate)}</td><td>${n2(r.impactRatio)}</td><td>${pct(r.scoringRate)}</td><td>${n2(r.scoringImpactRatio)}</td><td>${r.pValue < 0.001 ? '<0.001' : r.pValue.toFixed(3)}</td></tr>`,
        )
        .join('');
      const unknown = Object.entries(g.unknown)
        .filter(([d]) => !d.includes('×'))
        .map(([d, n]) => `${esc(d)}: ${n}`)
        .join(', ');
      return `<h3>${g.storeId === ALL_STORES ? 'All stores' : `Store ${esc(g.storeId)}`} · ${esc(g.packId)} — <span class="v-${g.verdict}">${g.verdict}</span></h3>
<p>${g.applicants} scored applicants, ${g.withSelfId} with self-identification (unknown — ${unknown}). Outcomes: ${g.outcomes.hired} hires, ${g.outcomes.retained90Known} with a 90-day answer${g.outcomes.note ? ` (${esc(g.outcomes.note)})` : ''}.${g.reasons.length ? `<br><b>${esc(g.reasons.join('; '))}</b>` : ''}</p>
<table><thead><tr><th>dimension</th><th>category</th><th>applicants</th><th>selected</th><th>selection rate</th><th>impact ratio</th><th>scoring rate</th><th>scoring IR</th><th>p</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  const cands = overview.candidates
    .map(
      (c) =>
        `<tr><td>${esc(c.id)}</td><td>${esc(c.pack_id)}</td><td>${esc(c.base_version)} → ${esc(c.model_version)}</td><td class="s-${esc(c.status)}">${esc(c.status)}</td><td>${esc(c.created_by)}</td><td>${esc(c.created_at)}</td><td>${esc(c.approved_by ?? '–')}</td><td>${c.downlink_version ?? '–'}</td></tr>`,
    )
    .join('');
  const log = overview.changes
    .slice(-50)
    .map((e) => `<tr><td>${esc(e.at)}</td><td>${esc(e.packId)}</td><td>${esc(e.action)}</td><td>${esc(e.actor)}</td><td>${esc(e.reason)}</td><td>${esc(e.candidateId ?? '')}</td></tr>`)
    .join('');
  const inUse = overview.inUse
    .map(
      (k) =>
        `<tr><td>${esc(k.storeId)}</td><td>${esc(k.label)} (${esc(k.kioskId)})</td><td>${k.scoringModels.map((m) => `${esc(m.job)} v${m.downlinkVersion} ${esc(m.modelVersion ?? '?')} (${esc(m.state)})`).join('<br>') || esc(k.note ?? '')}</td><td>${esc(k.lastSeenAt ?? 'never')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fairness and validity</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(-n+2),th:nth-child(-n+2){text-align:left}.adverse td{background:#fdd}.insufficient td{color:#777}.v-fail,.s-blocked{color:#b00;font-weight:bold}.v-pass{color:#070}.v-insufficient{color:#a60}</style></head>
<body><h1>Fairness and validity</h1>
<p>Generated ${esc(rep.generatedAt)}. Selected = ${esc(rep.rules.selection)}. Impact ratio = a category's selection rate ÷ the highest category's; below ${rep.rules.fourFifths} fails (four-fifths rule). Scoring rate = share above the median score. Categories with fewer than ${rep.rules.minGroup} applicants or under 2% of the sample are <i>insufficient</i>: listed with counts, no ratios. ★ = reference category. <a href="${esc(csvHref)}">Download CSV</a>.</p>
<h2>Impact ratios by store, job and period</h2>${groups || '<p>No scored interviews yet.</p>'}
<h2>Model candidates</h2><table><thead><tr><th>id</th><th>job</th><th>version</th><th>status</th><th>refit by</th><th>at</th><th>approved by</th><th>downlink v</th></tr></thead><tbody>${cands || '<tr><td colspan="8">none</td></tr>'}</tbody></table>
<h2>Model change log</h2><table><thead><tr><th>at</th><th>job</th><th>action</th><th>who</th><th>why</th><th>candidate</th></tr></thead><tbody>${log || '<tr><td colspan="6">none</td></tr>'}</tbody></table>
<h2>Scoring models in use</h2><table><thead><tr><th>store</th><th>kiosk</th><th>models</th><th>last seen</th></tr></thead><tbody>${inUse || '<tr><td colspan="4">no kiosks</td></tr>'}</tbody></table>
</body></html>`;
}
