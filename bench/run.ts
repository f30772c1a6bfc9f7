/**
 * `npm run bench`: runs every bench module in one process, one after another, and prints one
 * table. Each module exports `name` and `run(): Promise<BenchRow[]>`. Figures are medians (and
 * p99 where useful) measured in this run; ratios compare rows measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type BenchRow = { group: string; metric: string; value: number | string; unit: string; note?: string };

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  // The foundation figures (cold start, answer commit, DB size) open the table.
  .sort((a, b) => Number(b.startsWith('foundation')) - Number(a.startsWith('foundation')) || a.localeCompare(b))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: () => Promise<BenchRow[]> };
  try {
    rows.push(...(await mod.run()));
  } catch (e) {
    rows.push({ group: f, metric: 'FAILED', value: String((e as Error).message).slice(0, 80), unit: '' });
  }
}

const fmt = (v: number | string) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3)) : v);
const table = rows.map((r) => [r.group, r.metric, String(fmt(r.value)), r.unit, r.note ?? '']);
const head = ['group', 'metric', 'value', 'unit', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(`bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);
console.log(line(head));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const t of table) console.log(line(t));
