/**
 * `npx tsx models/scoring/initWeights.ts <pack.json>… [--created <iso>] [--force]`: writes the
 * starting weights file for each pack (weights/<packId>.weights.json) from its rubric.
 * An existing weights file is kept unless --force: it may hold hand-tuned or refitted weights.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultWeights } from '../../electron/services/scoring/defaultWeights.js';
import { loadPackFile } from '../../electron/services/packs/loadPacks.js';
import { WEIGHTS_DIR } from './build.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const ci = args.indexOf('--created');
const created = ci >= 0 ? args[ci + 1]! : new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const files = args.filter((a, i) => !a.startsWith('--') && (ci < 0 || i !== ci + 1));
for (const f of files) {
  const r = loadPackFile(f);
  if (!r.ok) {
    process.stderr.write(`${f}: ${r.problem.problems.join('; ')}\n`);
    process.exitCode = 1;
    continue;
  }
  const out = path.join(WEIGHTS_DIR, `${r.loaded.pack.id}.weights.json`);
  if (fs.existsSync(out) && !force) {
    process.stderr.write(`${path.basename(out)} exists; kept (use --force to regenerate)\n`);
    continue;
  }
  fs.writeFileSync(out, JSON.stringify(defaultWeights(r.loaded.pack, { created }), null, 2) + '\n');
  process.stderr.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}
