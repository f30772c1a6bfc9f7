/**
 * `npm run --silent kiosk -- score <interview.json> [--model <file.onnx> | --weights <file.json>] [--packs <dir>]`
 * Scores an interview file (format: core/scoring/README.md) and prints one JSON
 * object: modelVersion, competencies (id, score, contributions with evidence), overall, band,
 * plus the applicant feedback. Exit codes: 0 scored, 1 could not score, 2 bad usage or input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../services/app/config.js';
import { loadPacks, validatePack } from '../../../core/packs/loadPacks.js';
import { InterviewFile } from '../../../core/scoring/interviewInput.js';
import { loadModel, loadModelFromBytes, modelFileFor } from '../../../core/scoring/model.js';
import { DEFAULT_POLICY } from '../../../core/scoring/policy.js';
import { scoreInput } from '../../services/scoring/scoreInterview.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import type { JobPack } from '../../../core/packs/packSchema.js';

export const summary = 'score <interview.json> [--model f.onnx | --weights f.json] [--packs dir]: score an interview file, print the explained result';

export const help = `usage: npm run --silent kiosk -- score <interview.json> [--model <file.onnx> | --weights <file.json>] [--packs <dir>]\n  ${summary}\n  exit 0 scored, 1 could not score, 2 bad usage or input`;

const usage = (msg: string): number => {
  process.stderr.write(`kiosk score: ${msg}\nusage: npm run --silent kiosk -- ${summary}\n`);
  return 2;
};

export async function run(args: string[]): Promise<number> {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const valued = new Set(['--model', '--weights', '--packs']);
  const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (positional.length !== 1) return usage('give exactly one interview.json');
  const file = positional[0]!;
  let parsed: InterviewFile;
  try {
    const r = InterviewFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!r.success)
      return usage(
        `${path.basename(file)}: ${r.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
          .join('; ')}`,
      );
    parsed = r.data;
  } catch (e) {
    return usage(`cannot read ${file}: ${(e as Error).message}`);
  }

  const config = resolveConfig();
  let pack: JobPack;
  if (parsed.pack !== undefined) {
    const v = validatePack(parsed.pack);
    if (!v.ok) return usage(`embedded pack: ${v.problems.slice(0, 5).join('; ')}`);
    pack = v.pack;
  } else {
    const dir = opt('--packs') ?? config.packsDir;
    const found = loadPacks(dir).packs.find((p) => p.pack.id === parsed.packId);
    if (!found) return usage(`job pack "${parsed.packId}" not found in ${dir}`);
    pack = found.pack;
  }

  try {
    const weightsPath = opt('--weights');
    let model;
    if (weightsPath) {
      // The builder (onnx-proto) is a development tool; import it only when asked to.
      const { buildModel } = await import('../../../core/scoring/buildModel.js');
      const w = WeightsFile.parse(JSON.parse(fs.readFileSync(weightsPath, 'utf8')));
      model = await loadModelFromBytes(buildModel(w), weightsPath);
    } else {
      model = await loadModel(opt('--model') ?? modelFileFor(config.modelsDir, pack.id));
    }
    const { result, feedback } = await scoreInput(
      pack,
      { lang: parsed.lang, cameraConsent: parsed.cameraConsent, answers: parsed.answers, skills: parsed.skills },
      model,
      parsed.policy ?? DEFAULT_POLICY,
    );
    process.stdout.write(JSON.stringify({ ...result, feedback }, null, 2) + '\n');
    process.stderr.write(`${pack.id}: overall ${result.overall} → ${result.band} (${result.modelVersion})\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`kiosk score: not scored — ${(e as Error).message}\n`);
    return 1;
  }
}
