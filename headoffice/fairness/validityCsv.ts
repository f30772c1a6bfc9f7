/** The validity report as CSV: one line per (score or feature, outcome) with r, n and 95% CI. */
import { csvLine } from '../outcomes/csv.js';
import { OUTCOME_KEYS, type Relation, type ValidityReport } from './validity.js';

const cells = (r: Relation) => (r.r === null ? ['', r.n, '', '', r.note] : [r.r, r.n, r.ci95[0], r.ci95[1], '']);

export function validityCsv(v: ValidityReport): string {
  const lines = [csvLine(['job', 'model', 'kind', 'id', 'competency', 'weight', 'outcome', 'r', 'n', 'ci95_low', 'ci95_high', 'note'])];
  for (const k of OUTCOME_KEYS) lines.push(csvLine([v.packId, v.modelVersion, 'overall', 'overall', '', '', k, ...cells(v.overall[k])]));
  for (const c of v.competencies) for (const k of OUTCOME_KEYS) lines.push(csvLine([v.packId, v.modelVersion, 'competency', c.id, c.id, '', k, ...cells(c[k])]));
  for (const f of v.features) for (const k of OUTCOME_KEYS) lines.push(csvLine([v.packId, v.modelVersion, 'feature', f.id, f.competency, f.weight, k, ...cells(f[k])]));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
