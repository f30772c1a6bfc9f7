/**
 * `npx tsx models/scoring/build.ts [--check]`: builds every weights/<packId>.weights.json into
 * built/<packId>.onnx and built/<packId>.card.md. Builds are deterministic, so the built files
 * are committed (the kiosk ships onnxruntime-node, not the builder) and `--check` fails when a
 * committed model is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WeightsFile } from '../../core/scoring/weightsFile.js';
import { buildModel } from '../../core/scoring/buildModel.js';
import { modelCard } from './modelCard.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEIGHTS_DIR = path.join(here, 'weights');
export const BUILT_DIR = path.join(here, 'built');

export function readWeightsFile(file: string): WeightsFile {
  const r = WeightsFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`${path.basename(file)}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function buildAll(opts: { check: boolean; weightsDir?: string; builtDir?: string }): { built: string[]; stale: string[] } {
  const wdir = opts.weightsDir ?? WEIGHTS_DIR;
  const bdir = opts.builtDir ?? BUILT_DIR;
  const built: string[] = [];
  const stale: string[] = [];
  for (const f of fs
    .readdirSync(wdir)
    .filter((n) => n.endsWith('.weights.json'))
    .sort()) {
    const w = readWeightsFile(path.join(wdir, f));
    const expectedName = `${w.packId}.weights.json`;
    if (f !== expectedName) throw new Error(`${f}: file name must be ${expectedName}`);
    const outputs: [string, Uint8Array | string][] = [
      [path.join(bdir, `${w.packId}.onnx`), buildModel(w)],
      [path.join(bdir, `${w.packId}.card.md`), modelCard(w)],
    ];
    for (const [file, content] of outputs) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
      const same = fs.existsSync(file) && fs.readFileSync(file).equals(bytes);
      if (opts.check) {
        if (!same) stale.push(path.basename(file));
      } else if (!same) {
        fs.mkdirSync(bdir, { recursive: true });
        fs.writeFileSync(file, bytes);
      }
    }
    built.push(w.packId);
  }
  return { built, stale };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const r = buildAll({ check });
  if (check && r.stale.length) {
    process.stderr.write(`stale built models: ${r.stale.join(', ')} — run npx tsx models/scoring/build.ts\n`);
    process.exitCode = 1;
  } else process.stderr.write(`${check ? 'checked' : 'built'} ${r.built.length} model(s): ${r.built.join(', ')}\n`);
}
