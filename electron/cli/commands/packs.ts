import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../services/app/config.js';
import { loadPackFile, loadPacks, type LoadedPack, type PackProblem } from '../../services/packs/loadPacks.js';

/**
 * `kiosk packs validate [dir|file]` and `kiosk packs list [dir]`.
 * validate runs exactly the loader the kiosk uses at start-up, so "valid here" means "offered
 * on the kiosk"; stdout carries one JSON object, stderr a list a store manager can read.
 */
export const summary = 'packs validate [dir|file] — check job packs (exit 1 if any is broken); packs list [dir]';

const USAGE = 'usage: npm run --silent kiosk -- packs validate [dir|file]\n       npm run --silent kiosk -- packs list [dir]\n(default dir: resources/packs, or KIOSK_PACKS_DIR)\n';

type ValidEntry = { file: string; id: string; version: string; questions: number };

export async function run(args: string[]): Promise<number> {
  const [sub, target, ...extra] = args;
  if ((sub !== 'validate' && sub !== 'list') || extra.length > 0) {
    process.stderr.write(USAGE);
    return sub === 'help' || sub === '--help' ? 0 : 2;
  }
  const where = path.resolve(target ?? resolveConfig().packsDir);
  const { packs, errors } = load(where);
  if (sub === 'list') return list(where, packs, errors);

  const valid: ValidEntry[] = packs
    .map((p) => ({ file: path.basename(p.file), id: p.pack.id, version: p.pack.version, questions: p.pack.questions.length }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const invalid = [...errors].sort((a, b) => a.file.localeCompare(b.file));
  // A folder with nothing in it would leave the kiosk with no openings: that is a failure too.
  if (valid.length === 0 && invalid.length === 0) invalid.push({ file: where, problems: ['no *.json job packs found here'] });

  process.stdout.write(JSON.stringify({ valid, invalid }) + '\n');
  process.stderr.write(humanReport(where, valid, invalid));
  return invalid.length === 0 ? 0 : 1;
}

function load(where: string): { packs: LoadedPack[]; errors: PackProblem[] } {
  let isFile = false;
  try {
    isFile = fs.statSync(where).isFile();
  } catch {
    // Missing path: loadPacks reports it as "folder does not exist" below.
  }
  if (!isFile) return loadPacks(where);
  const r = loadPackFile(where);
  return r.ok ? { packs: [r.loaded], errors: [] } : { packs: [], errors: [r.problem] };
}

function humanReport(where: string, valid: ValidEntry[], invalid: PackProblem[]): string {
  const lines: string[] = [];
  for (const p of invalid) {
    lines.push(`✗ ${p.file}`);
    for (const problem of p.problems) lines.push(`    ${problem}`);
  }
  for (const v of valid) lines.push(`✓ ${v.file}  ${v.id} ${v.version} (${v.questions} questions)`);
  lines.push(`${valid.length} valid, ${invalid.length} invalid in ${where}`);
  if (invalid.length)
    lines.push(
      valid.length
        ? 'The kiosk skips the invalid packs and keeps offering the valid ones. Fix the fields named above, then run this again.'
        : 'The kiosk would offer no openings from here. Fix the problems named above, then run this again.',
    );
  return lines.join('\n') + '\n';
}

function list(where: string, packs: LoadedPack[], errors: PackProblem[]): number {
  const rows = packs
    .map(({ pack, file, hash }) => ({
      file: path.basename(file),
      id: pack.id,
      version: pack.version,
      category: pack.opening.category,
      title: pack.opening.title,
      questions: pack.questions.length,
      knockouts: pack.knockouts.map((k) => k.id),
      skillsTests: pack.skillsTests.map((t) => `${t.id} (${t.kind}, ${t.items.length} items)`),
      hash,
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
  process.stdout.write(JSON.stringify({ dir: where, packs: rows, broken: errors.map((e) => e.file) }) + '\n');
  for (const r of rows) process.stderr.write(`${r.id} ${r.version}  ${r.title['zh-CN']} / ${r.title.en}  ${r.questions} questions\n`);
  if (errors.length) process.stderr.write(`${errors.length} broken pack(s) skipped — run "packs validate" for details\n`);
  return rows.length > 0 ? 0 : 1;
}
