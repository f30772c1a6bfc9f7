/**
 * CLI commands for outcomes and the model workflow (dispatched from headoffice/cli.ts).
 * Machine output is one JSON object on stdout; people's messages go to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvCell } from '../outcomes/csv.js';
import { importOutcomesCsv } from '../outcomes/outcomes.js';
import type { HoStore } from '../store/types.js';
import { approveCandidate, changeLog, getCandidate, listCandidates, publishCandidate, refitCandidate, rejectCandidate } from './candidates.js';
import { ALL_STORES, impactCsv, impactReport, modelsInUse, validityFor, type FairnessReport } from './report.js';

export type CliValues = Record<string, string | boolean | undefined>;
export const FAIRNESS_USAGE = `  outcomes import <file.csv> [--by <name>]       hire date, 30/90-day retention, rating (all rows or none)
  fairness-report [--json] [--store s] [--pack p] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv <out.csv>]
  validity --pack <p>                            scores and features against outcomes (n, 95% CI)
  model refit --pack <p> --by <name> --reason <text> [--lambda 1]
  model approve <candidateId> --by <name> --reason <text> | model reject <candidateId> --by <name> --reason <text>
  model publish <candidateId> --by <name> [--stores s1,s2]
  model list [--pack p] | model show <candidateId> | model log [--pack p] | model in-use`;

const s = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const need = (v: string | boolean | undefined, what: string): string => {
  const x = s(v);
  if (!x) throw new Error(`missing ${what}`);
  return x;
};
const whoAmI = () => {
  try {
    return os.userInfo().username;
  } catch {
    return 'cli';
  }
};

function textTable(rep: FairnessReport): string {
  const out: string[] = [];
  for (const g of rep.groups) {
    out.push(
      `\n${g.storeId === ALL_STORES ? 'ALL STORES' : `store ${g.storeId}`} · ${g.packId}: ${g.verdict === 'insufficient' ? 'INSUFFICIENT DATA' : g.verdict.toUpperCase()} — ${g.applicants} scored applicants, ${g.withSelfId} self-identified; outcomes: ${g.outcomes.retained90Known} with 90-day answer${g.outcomes.note ? ` (${g.outcomes.note})` : ''}`,
    );
    out.push(
      `  unknown (no self-ID): ${Object.entries(g.unknown)
        .filter(([d]) => !d.includes('×'))
        .map(([d, n]) => `${d} ${n}`)
        .join(', ')}`,
    );
    for (const r of g.reasons) out.push(`  ! ${r}`);
    for (const r of g.rows) {
      out.push(
        r.status === 'insufficient'
          ? `  ${r.dimension.padEnd(16)} ${r.category.padEnd(22)} n=${String(r.n).padStart(5)} selected=${String(r.selected).padStart(5)}  insufficient`
          : `  ${r.dimension.padEnd(16)} ${r.category.padEnd(22)} n=${String(r.n).padStart(5)} selected=${String(r.selected).padStart(5)}  rate=${r.selectionRate.toFixed(3)}  IR=${r.impactRatio.toFixed(2)}  scoringIR=${r.scoringImpactRatio.toFixed(2)}  p=${r.pValue.toFixed(4)}${r.isReference ? '  (reference)' : ''}${r.status === 'adverse' ? '  ADVERSE' : ''}`,
      );
    }
  }
  return out.join('\n').trimStart() + '\n';
}

const filterText = (v: CliValues): string => {
  const parts = [s(v.store) && `store ${s(v.store)}`, s(v.pack) && `job ${s(v.pack)}`, s(v.from) && `from ${s(v.from)}`, s(v.to) && `to ${s(v.to)}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

/** Returns null when the command is not one of ours. */
export async function runFairnessCommand(store: HoStore, cmd: string, rest: string[], values: CliValues, out: (o: unknown) => void): Promise<number | null> {
  switch (cmd) {
    case 'outcomes': {
      if (rest[0] !== 'import') throw new Error('usage: outcomes import <file.csv> [--by <name>]');
      const file = path.resolve(need(rest[1], 'the CSV file'));
      const r = await importOutcomesCsv(store, fs.readFileSync(file, 'utf8'), s(values.by) ?? whoAmI());
      if (!r.ok) {
        process.stderr.write(`Nothing was imported: ${r.errorCount} problem(s) in ${path.basename(file)}. Fix them and import the whole file again.\n`);
        for (const e of r.errors.slice(0, 20)) process.stderr.write(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.problem}\n`);
        out({ imported: 0, errorCount: r.errorCount, errors: r.errors });
        return 1;
      }
      out({ imported: r.outcomes.length, inserted: r.inserted, updated: r.updated });
      return 0;
    }
    case 'fairness-report': {
      const rep = await impactReport(store, { store: s(values.store), pack: s(values.pack), from: s(values.from), to: s(values.to) });
      if (s(values.csv)) fs.writeFileSync(path.resolve(s(values.csv)!), impactCsv(rep, csvCell));
      if (values.json) out(rep);
      else process.stdout.write(rep.groups.length ? textTable(rep) : `insufficient data: no scored interviews match${filterText(values)} — 0 scored applicants, 0 self-identified.\n`);
      return 0;
    }
    case 'validity':
      out(await validityFor(store, need(values.pack, '--pack')));
      return 0;
    case 'model': {
      const sub = rest[0];
      if (sub === 'refit') {
        const lambda = s(values.lambda) ? Number(values.lambda) : undefined;
        if (lambda !== undefined && !(lambda > 0)) throw new Error('--lambda must be a positive number');
        const c = await refitCandidate(store, need(values.pack, '--pack'), { by: need(values.by, '--by'), reason: need(values.reason, '--reason'), ...(lambda ? { lambda } : {}) });
        process.stderr.write(
          c.status === 'blocked'
            ? `Candidate ${c.id} is BLOCKED by the adverse-impact check: ${c.impact.candidate.reasons.join('; ')}\n`
            : `Candidate ${c.id} passed the adverse-impact check. An admin must approve it: model approve ${c.id} --by <name> --reason <text>\n`,
        );
        out({
          id: c.id,
          packId: c.packId,
          status: c.status,
          baseVersion: c.baseVersion,
          modelVersion: c.modelVersion,
          comparison: c.comparison,
          impact: { verdict: c.impact.candidate.verdict, reasons: c.impact.candidate.reasons, rows: c.impact.candidate.rows },
        });
        return c.status === 'blocked' ? 3 : 0;
      }
      if (sub === 'approve' || sub === 'reject') {
        const fn = sub === 'approve' ? approveCandidate : rejectCandidate;
        const c = await fn(store, need(rest[1], 'candidate id'), need(values.by, '--by'), need(values.reason, '--reason'));
        out({ id: c.id, status: c.status, approvedBy: c.approvedBy, approvedAt: c.approvedAt });
        return 0;
      }
      if (sub === 'publish') {
        const c = await publishCandidate(store, need(rest[1], 'candidate id'), need(values.by, '--by'), { stores: s(values.stores) ? s(values.stores)!.split(',') : null });
        out({ id: c.id, status: c.status, modelVersion: `${c.packId}@${c.modelVersion}`, downlink: { kind: 'scoringModel', name: c.packId, version: c.downlinkVersion, sha256: c.sha256 } });
        return 0;
      }
      if (sub === 'list') return (out({ candidates: await listCandidates(store, s(values.pack)) }), 0);
      if (sub === 'log') return (out({ changes: await changeLog(store, s(values.pack)) }), 0);
      if (sub === 'in-use') return (out({ kiosks: await modelsInUse(store) }), 0);
      if (sub === 'show') {
        const c = await getCandidate(store, need(rest[1], 'candidate id'));
        if (!c) throw new Error(`no model candidate "${rest[1]}"`);
        out(c);
        return 0;
      }
      throw new Error(`usage:\n${FAIRNESS_USAGE}`);
    }
    default:
      return null;
  }
}
