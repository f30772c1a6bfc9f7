import fs from 'node:fs';
import path from 'node:path';
import { AnswerBank, bankProblems, MIN_ANSWERS_PER_QUESTION_LANG, MIN_HELDOUT_SHARE } from './bankSchema.js';
import { JobPack } from './packSchema.js';
import { isV1Pack } from './upgradePack.js';
import { canonicalJson, sha256Hex } from '../ids.js';
import { createLogger } from '../logger.js';

const log = createLogger('packs');

export type LoadedPack = { pack: JobPack; file: string; hash: string };
export type PackProblem = { file: string; problems: string[] };
export type PackLoadResult = { packs: LoadedPack[]; errors: PackProblem[] };

/**
 * Validates one pack's parsed JSON; problems read "field.path: what is wrong". A format-1 pack
 * (keyword phrases with weights) gets one problem telling the author to migrate it, not a
 * screenful of format-2 fields it lacks.
 */
export function validatePack(raw: unknown, fileName = '<file>'): { ok: true; pack: JobPack } | { ok: false; problems: string[] } {
  if (isV1Pack(raw))
    return {
      ok: false,
      problems: [
        `formatVersion: this is a format-1 job pack (keyword phrases with weights); this kiosk reads format 2 (behavioural indicators, follow-up questions). ` +
          `Upgrade it with \`npm run --silent kiosk -- packs migrate ${fileName}\`, then do what it lists`,
      ],
    };
  const r = JobPack.safeParse(raw);
  if (r.success) return { ok: true, pack: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => clip(`${i.path.length ? i.path.join('.') : '(pack)'}: ${plainMessage(i.message)}`)),
  };
}

/** A problem line quotes at most this much: a pasted 100 kB value must not become a 100 kB message. */
const MAX_PROBLEM_CHARS = 300;
const clip = (line: string): string => (line.length > MAX_PROBLEM_CHARS ? `${line.slice(0, MAX_PROBLEM_CHARS)}… (cut)` : line);

/** zod says "Invalid input: expected object, received undefined"; a pack author needs "is missing". */
const plainMessage = (m: string): string => {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(m);
  return missing ? `is missing (expected ${missing[1] === 'object' ? 'a section' : `a ${missing[1]}`})` : m;
};

export function loadPackFile(file: string): { ok: true; loaded: LoadedPack } | { ok: false; problem: PackProblem } {
  const name = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, problem: { file: name, problems: [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`] } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { file: name, problems: [`not valid JSON — ${(e as Error).message} (was the file cut off while copying?)`] } };
  }
  const v = validatePack(raw, name);
  if (!v.ok) return { ok: false, problem: { file: name, problems: v.problems } };
  return { ok: true, loaded: { pack: v.pack, file, hash: sha256Hex(canonicalJson(v.pack)) } };
}

/** Where a pack's graded answer bank lives: `<packs dir>/banks/<packId>.bank.json`. */
export const bankFileFor = (packFile: string, packId: string): string => path.join(path.dirname(packFile), 'banks', `${packId}.bank.json`);

const MAX_BANK_LINES = 20;

/**
 * Authoring check (`kiosk packs validate`): the pack's graded answer bank exists, parses
 * (AnswerBank) and covers the pack (bankProblems). Problems read "banks/<id>.bank.json: what is
 * wrong". The kiosk's own loader does not call this: a pack runs without its bank (the fitted
 * model carries the exemplars it needs), but no model can be fitted for a pack without one.
 */
export function checkPackBank(pack: JobPack, packFile: string): string[] {
  const rel = `banks/${pack.id}.bank.json`;
  const file = bankFileFor(packFile, pack.id);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return [
        `${rel} is missing: a graded answer bank is required to fit the scoring model ` +
          `(at least ${MIN_ANSWERS_PER_QUESTION_LANG} graded answers per question and language, levels 1–5, at least ${MIN_HELDOUT_SHARE * 100}% held out; see resources/packs/README.md)`,
      ];
    return [`${rel}: cannot read the file (${code ?? 'error'})`];
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return [`${rel}: not valid JSON — ${(e as Error).message} (was the file cut off while copying?)`];
  }
  const r = AnswerBank.safeParse(raw);
  if (!r.success) {
    const answers = (raw as { answers?: unknown }).answers;
    const idOf = (i: unknown): string => {
      const a = Array.isArray(answers) && typeof i === 'number' ? (answers[i] as { id?: unknown } | undefined) : undefined;
      return a && typeof a.id === 'string' ? ` (${a.id})` : '';
    };
    const noSplit = r.error.issues.filter((i) => i.path[0] === 'answers' && i.path[2] === 'split' && i.path.length === 3);
    const lines = r.error.issues
      .filter((i) => !noSplit.includes(i))
      .map((i) => {
        const where = i.path.length ? i.path.map((p, k) => (k === 1 && i.path[0] === 'answers' ? `${String(p)}${idOf(p)}` : String(p))).join('.') : '(bank)';
        return `${rel}: ${where}: ${plainMessage(i.message)}`;
      });
    if (noSplit.length)
      lines.push(
        `${rel}: ${noSplit.length} answer(s) have no train/held-out split: freeze it once, before any fitting, with \`npx tsx models/scoring/splitBank.ts ${path.relative(process.cwd(), file) || file}\``,
      );
    return lines.length > MAX_BANK_LINES ? [...lines.slice(0, MAX_BANK_LINES), `${rel}: … and ${lines.length - MAX_BANK_LINES} more problems`] : lines;
  }
  return bankProblems(pack, r.data).map((p) => `${rel}: ${p}`);
}

/**
 * Loads every *.json pack in a folder. A broken pack is reported and skipped; the kiosk keeps
 * running with the valid ones. Two files with one pack id: the higher version wins, and the
 * other is reported.
 */
export function loadPacks(dir: string): PackLoadResult {
  const packs = new Map<string, LoadedPack>();
  const errors: PackProblem[] = [];
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return { packs: [], errors: [{ file: dir, problems: ['the job pack folder does not exist or cannot be read'] }] };
  }
  for (const f of files) {
    const r = loadPackFile(path.join(dir, f));
    if (!r.ok) {
      errors.push(r.problem);
      log.warn(`skipped pack ${f}: ${r.problem.problems.length} problem(s)`);
      continue;
    }
    const existing = packs.get(r.loaded.pack.id);
    if (existing) {
      const [keep, drop] = compareVersions(r.loaded.pack.version, existing.pack.version) > 0 ? [r.loaded, existing] : [existing, r.loaded];
      packs.set(keep.pack.id, keep);
      errors.push({ file: path.basename(drop.file), problems: [`pack id "${drop.pack.id}" also in ${path.basename(keep.file)} (version ${keep.pack.version} is used)`] });
    } else {
      packs.set(r.loaded.pack.id, r.loaded);
    }
  }
  return { packs: [...packs.values()], errors };
}

/**
 * Loads several pack folders (the packs shipped with the kiosk, then those head office sent);
 * for one pack id the highest version wins, whichever folder it came from. A folder that does
 * not exist yet (nothing downloaded) is simply empty.
 */
export function loadPackDirs(dirs: string[]): PackLoadResult {
  const byId = new Map<string, LoadedPack>();
  const errors: PackProblem[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (i > 0 && !fs.existsSync(dir)) continue;
    const r = loadPacks(dir);
    errors.push(...r.errors);
    for (const p of r.packs) {
      const existing = byId.get(p.pack.id);
      if (!existing || compareVersions(p.pack.version, existing.pack.version) > 0) byId.set(p.pack.id, p);
    }
  }
  return { packs: [...byId.values()].sort((a, b) => a.pack.id.localeCompare(b.pack.id)), errors };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
