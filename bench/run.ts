/**
 * `npm run bench`: runs every bench module in one process, one after another, and prints one
 * table. Each module exports `name` and `run(): Promise<BenchRow[]>`. Figures are medians (and
 * p99 where useful) measured in this run; ratios compare rows measured in the same run.
 * Progress (module started, finished with its row count and time) goes to stderr, so a run of
 * several minutes is never silent; the table goes to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type BenchRow = { group: string; metric: string; value: number | string; unit: string; note?: string };

// BENCH_MODULES_DIR: run the modules of another folder (the test of this runner uses tiny ones).
const here = process.env.BENCH_MODULES_DIR ? path.resolve(process.env.BENCH_MODULES_DIR) : path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const all = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
if (only.includes('--help') || only.includes('-h')) {
  process.stderr.write(
    `usage: npm run bench [-- <module> …]\n  runs every bench module (or those whose file name contains a given word) and prints one table\n  modules: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')}\n  progress goes to stderr, the table to stdout\n`,
  );
  process.exit(0);
}
const files = all
  // The foundation figures (cold start, answer commit, DB size) open the table.
  .sort((a, b) => Number(b.startsWith('foundation')) - Number(a.startsWith('foundation')) || a.localeCompare(b))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const rows: BenchRow[] = [];
const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);
const started = performance.now();
for (const [i, f] of files.entries()) {
  const label = `[${i + 1}/${files.length}] ${f.replace('.bench.ts', '')}`;
  progress(`${label} …`);
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: () => Promise<BenchRow[]> };
    const got = await mod.run();
    rows.push(...got);
    progress(`${label} done: ${got.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    rows.push({ group: f, metric: 'FAILED', value: String((e as Error).message).slice(0, 80), unit: '' });
    progress(`${label} FAILED after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${(e as Error).message}`);
  }
}
progress(`${files.length} module(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const fmt = (v: number | string) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3)) : v);
const table = rows.map((r) => [r.group, r.metric, String(fmt(r.value)), r.unit, r.note ?? '']);
const head = ['group', 'metric', 'value', 'unit', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(`bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);
console.log(line(head));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const t of table) console.log(line(t));
