import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../services/app/config.js';
import { bankFileFor, checkPackBank, loadPackFile, loadPacks, validatePack, type LoadedPack, type PackProblem } from '../../../core/packs/loadPacks.js';
import { isV1Pack, upgradePackV1 } from '../../../core/packs/upgradePack.js';

/**
 * `kiosk packs validate [dir|file]`, `kiosk packs list [dir]` and `kiosk packs migrate <file> [--out f]`.
 * validate runs exactly the loader the kiosk uses at start-up, then checks each pack's graded
 * answer bank (`<packs dir>/banks/<id>.bank.json`), which the kiosk does not need at run time but
 * fitting its scoring model does: "valid here" means "offered on the kiosk and a model can be
 * fitted for it". stdout carries one JSON object, stderr a list a pack author can read.
 */
export const summary =
  'packs validate [dir|file] — check job packs and their graded answer banks (exit 1 if any is broken); packs list [dir]; packs migrate <file> [--out f] — upgrade a format-1 pack to format 2';

const USAGE =
  'usage: npm run --silent kiosk -- packs validate [dir|file]\n' +
  '       npm run --silent kiosk -- packs list [dir]\n' +
  '       npm run --silent kiosk -- packs migrate <file> [--out <file>]\n' +
  '(default dir: resources/packs, or KIOSK_PACKS_DIR; migrate writes in place unless --out is given, keeping the original as <file>.v1)\n';

export const help = USAGE.trimEnd();

type ValidEntry = { file: string; id: string; version: string; questions: number };

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'migrate') return migrate(rest);
  const [target, ...extra] = rest;
  if ((sub !== 'validate' && sub !== 'list') || extra.length > 0) {
    process.stderr.write(USAGE);
    return sub === 'help' || sub === '--help' ? 0 : 2;
  }
  const where = path.resolve(target ?? resolveConfig().packsDir);
  const { packs, errors } = load(where);
  if (sub === 'list') return list(where, packs, errors);

  // The bank is checked only for a pack that loads: it is checked against the pack's questions.
  const bankOnly: PackProblem[] = [];
  const good: LoadedPack[] = [];
  for (const p of packs) {
    const problems = checkPackBank(p.pack, p.file);
    if (problems.length) bankOnly.push({ file: path.basename(p.file), problems });
    else good.push(p);
  }
  const valid: ValidEntry[] = good
    .map((p) => ({ file: path.basename(p.file), id: p.pack.id, version: p.pack.version, questions: p.pack.questions.length }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const loadErrors = [...errors];
  // A folder with nothing in it would leave the kiosk with no openings: that is a failure too.
  if (packs.length === 0 && loadErrors.length === 0) loadErrors.push({ file: where, problems: ['no *.json job packs found here'] });
  const invalid = [...loadErrors, ...bankOnly].sort((a, b) => a.file.localeCompare(b.file));

  process.stdout.write(JSON.stringify({ valid, invalid }) + '\n');
  process.stderr.write(humanReport(where, valid, invalid, { loadErrors: loadErrors.length, bankOnly: bankOnly.length }));
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

function humanReport(where: string, valid: ValidEntry[], invalid: PackProblem[], n: { loadErrors: number; bankOnly: number }): string {
  const lines: string[] = [];
  for (const p of invalid) {
    lines.push(`✗ ${p.file}`);
    for (const problem of p.problems) lines.push(`    ${problem}`);
  }
  for (const v of valid) lines.push(`✓ ${v.file}  ${v.id} ${v.version} (${v.questions} questions)`);
  lines.push(`${valid.length} valid, ${invalid.length} invalid in ${where}`);
  const offered = valid.length + n.bankOnly;
  if (n.loadErrors)
    lines.push(
      offered
        ? 'The kiosk skips the invalid packs and keeps offering the valid ones. Fix the fields named above, then run this again.'
        : 'The kiosk would offer no openings from here. Fix the problems named above, then run this again.',
    );
  if (n.bankOnly)
    lines.push(
      `${n.bankOnly} pack(s) load on the kiosk but have no usable graded answer bank, so no scoring model can be fitted for them: ` +
        'write or fix banks/<id>.bank.json (resources/packs/README.md, "Graded answer banks"), then run this again.',
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

// ---------------------------------------------------------------- migrate

type Text = { 'zh-CN'?: unknown; en?: unknown };
type MigratedIndicator = { id?: unknown; polarity?: unknown; label?: Text; paraphrases?: { 'zh-CN'?: unknown; en?: unknown } };
type MigratedQuestion = { id?: unknown; kind?: unknown; indicators?: MigratedIndicator[] };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The paraphrase rules of resources/packs/README.md; a phrase that breaks one is named in the to-do list. */
function paraphraseRule(p: string, lang: 'zh-CN' | 'en'): string | null {
  if (lang === 'zh-CN') {
    if (!/^\p{Script=Han}+$/u.test(p)) return 'Han characters only (speech recognisers write no digits, Latin letters or punctuation)';
    if ([...p].length > 8) return 'at most 8 characters';
    if (/[他她]/.test(p.replace(/其他/g, ''))) return 'no 他/她 (they sound the same; a recogniser writes either)';
    return null;
  }
  if (/\d/.test(p)) return 'no digits (write "five minutes")';
  if (!/^[a-z][a-z' -]*[a-z]$/.test(p)) return 'lower-case words only';
  if (p.split(/\s+/).length > 6) return 'at most 6 words';
  return null;
}

/** What a migrated pack still needs from its author, question by question. */
function migrationTodo(raw: Record<string, unknown>, upgraded: Record<string, unknown>, outFile: string): string[] {
  const todo: string[] = [];
  const questions = (Array.isArray(upgraded.questions) ? upgraded.questions : []) as MigratedQuestion[];
  const qid = (q: MigratedQuestion, i: number) => (typeof q.id === 'string' ? q.id : `questions.${i}`);
  const indicators = questions.flatMap((q) => q.indicators ?? []);

  todo.push(
    `paraphrases: the format-1 phrases of ${indicators.length} indicator(s) were copied as paraphrases; review each one. They are now matched clause by clause, ` +
      'never inside a negation ("我不会瞒着" / "I\'d never hide it" counts against a red flag, not for it), so write the act itself as people say it: ' +
      'zh Han characters only, at most 8, no 他/她; en lower-case words, no digits, at most 6 words; several everyday variants per language.',
  );
  questions.forEach((q, i) =>
    (q.indicators ?? []).forEach((ind) => {
      for (const lang of ['zh-CN', 'en'] as const)
        for (const p of strings(ind.paraphrases?.[lang])) {
          const why = paraphraseRule(p, lang);
          if (why) todo.push(`  ${qid(q, i)}/${str(ind.id)} paraphrase "${p}": ${why}`);
        }
    }),
  );
  const oddLabels = questions.flatMap((q, i) =>
    (q.indicators ?? []).flatMap((ind) =>
      (['zh-CN', 'en'] as const)
        .filter((l) => /[(（]/.test(str(ind.label?.[l])) || (str(ind.id).includes('-') && str(ind.label?.[l]).includes(str(ind.id))))
        .map((l) => `${qid(q, i)}/${str(ind.id)} (${l}): "${str(ind.label?.[l])}"`),
    ),
  );
  if (oddLabels.length) todo.push(`labels: write plain words a store manager reads — polarity now marks red flags, so drop "（扣分）"/"(red flag)", brackets and ids: ${oddLabels.join('; ')}`);
  todo.push(
    `followUp: every question got the generic follow-up for its kind; write one for each question (kind, specific, and never containing a paraphrase: it must not reveal what is listened for): ${questions.map(qid).join(', ')}`,
  );
  questions.forEach((q, i) => {
    const inds = q.indicators ?? [];
    const pos = inds.filter((x) => x.polarity === 'positive').length;
    const neg = inds.length - pos;
    if (inds.length === 0) todo.push(`${qid(q, i)}: no indicators — add what a good answer shows (positive) and what a weak one shows (negative), each with a label and paraphrases`);
    else if (!pos) todo.push(`${qid(q, i)}: no positive indicator — add what a good answer shows`);
    else if (!neg) todo.push(`${qid(q, i)}: no negative indicator — add the red flag a weak answer shows (the shipped packs have one per question)`);
  });
  const hadTopicWords = (Array.isArray(raw.questions) ? (raw.questions as Record<string, unknown>[]) : []).some((q) => q.topicWords !== undefined);
  if (hadTopicWords) todo.push("topicWords were dropped: format 2 takes a question's topic from its text, its paraphrases and its graded answers.");
  todo.push('indicator weights were dropped (polarity keeps the sign): the weights are now fitted on the graded answer bank.');
  const version = str(upgraded.version);
  const major = /^(\d+)\.\d+\.\d+$/.exec(version);
  if (major) todo.push(`version: bump it to ${Number(major[1]) + 1}.0.0 — scores from the keyword model are not comparable with fitted ones.`);
  const id = str(upgraded.id);
  const bank = bankFileFor(outFile, id || '<id>');
  const bankRel = `banks/${id || '<id>'}.bank.json`;
  todo.push(
    fs.existsSync(bank)
      ? `bank: ${bankRel} exists; \`packs validate\` checks it against the migrated questions.`
      : `bank: write ${bankRel} — at least 20 graded answers per question and language, levels 1–5, including a keyword list, a copy of the question, ` +
          "an off-topic, a one-word and an openly bad answer at level 1 and negated bad acts in real answers; grade with the README's grading guide. " +
          'Then freeze the held-out split (`npx tsx models/scoring/splitBank.ts <bank file>`), fit and build the model ' +
          `(\`npx tsx models/scoring/fit.ts ${id || '<id>'}\`, then \`npx tsx models/scoring/build.ts\`).`,
  );
  todo.push(`Check the result with \`npm run --silent kiosk -- packs validate ${path.relative(process.cwd(), outFile) || outFile}\`.`);
  return todo;
}

async function migrate(args: string[]): Promise<number> {
  const o = args.indexOf('--out');
  const out = o >= 0 ? args[o + 1] : undefined;
  const positional = o >= 0 ? args.filter((_, i) => i !== o && i !== o + 1) : args;
  if (positional.length !== 1 || positional[0]!.startsWith('--') || (o >= 0 && (!out || out.startsWith('--')))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const file = path.resolve(positional[0]!);
  const name = path.basename(file);
  const fail = (problem: string): number => {
    process.stdout.write(JSON.stringify({ file: name, migrated: false, problems: [problem] }) + '\n');
    process.stderr.write(`✗ ${name}\n    ${problem}\n`);
    return 1;
  };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON — ${(e as Error).message} (was the file cut off while copying?)`);
  }
  if (!isV1Pack(raw)) {
    const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
    if (version === 2) {
      process.stdout.write(JSON.stringify({ file: name, migrated: false, problems: [] }) + '\n');
      process.stderr.write(`${name} is already format 2: nothing to migrate. Check it with \`npm run --silent kiosk -- packs validate ${positional[0]}\`.\n`);
      return 0;
    }
    return fail(`not a format-1 job pack (formatVersion ${JSON.stringify(version ?? null)}); migrate upgrades format 1 to 2`);
  }

  const upgraded = upgradePackV1(raw);
  const target = path.resolve(out ?? file);
  let backup: string | null = null;
  if (target === file) {
    backup = `${file}.v1`;
    fs.writeFileSync(backup, text);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(upgraded, null, 2) + '\n');

  const v = validatePack(upgraded, path.basename(target));
  const problems = v.ok ? [] : v.problems;
  const todo = migrationTodo(raw as Record<string, unknown>, upgraded, target);
  process.stdout.write(JSON.stringify({ file: name, migrated: true, out: target, backup, id: str(upgraded.id), problems, todo }) + '\n');
  const lines = [`✓ ${name} → ${path.relative(process.cwd(), target) || target} (format 2)${backup ? `; the format-1 original is kept as ${path.basename(backup)}` : ''}`];
  if (problems.length) {
    lines.push('It does not validate yet:');
    for (const p of problems) lines.push(`    ${p}`);
  }
  lines.push('Still to write before it can ship:');
  for (const t of todo) lines.push(t.startsWith('  ') ? `    ${t.trim()}` : `  - ${t}`);
  process.stderr.write(lines.join('\n') + '\n');
  return problems.length ? 1 : 0;
}
