/**
 * Builds a preset dictionary for compact JSON storage (electron/services/db/compactJson.ts).
 *
 *   npx tsx scripts/buildJsonDictionary.ts --out electron/services/db/jsonDictionaryV2.ts --name JSON_DICTIONARY_V2
 *
 * Takes synthetic interviews over every opening in zh-CN and en (bench/syntheticInterviews.ts,
 * bank answers of every level), and collects the object keys and the fixed strings of their
 * score explanations and interview records: competency names, level descriptions, explanation
 * labels, knock-out texts, and the packs' level descriptions that summaries quote. The applicant's own words (answers, quotes, name, mobile) are left
 * out, so the dictionary holds no personal data. Strings are ordered rarest first, so the most
 * repeated sit nearest the data in deflate's 32 KiB window, and the rarest are cut to fit.
 *
 * A dictionary in use is frozen (rows written with it need its exact bytes): this script never
 * overwrites a file; a new dictionary gets a new name and a new format byte in compactJson.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSyntheticInterviews } from '../bench/syntheticInterviews.js';
import { resolveConfig } from '../electron/services/app/config.js';
import { createKioskApp } from '../electron/services/app/createKioskApp.js';
import { buildInterviewRecord } from '../electron/services/interview/interviewRecord.js';
import { readScore } from '../electron/services/scoring/scoreInterview.js';

const WINDOW = 32 * 1024;
const PERSONAL_KEYS = new Set(['text', 'quote', 'name', 'mobile', 'receiptCode', 'transcript']);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Keys and fixed strings of a value, counted; the applicant's words are skipped. */
function collect(value: unknown, counts: Map<string, number>): void {
  const add = (s: string) => counts.set(s, (counts.get(s) ?? 0) + 1);
  if (Array.isArray(value)) for (const v of value) collect(v, counts);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      add(`${JSON.stringify(k)}:`);
      if (!PERSONAL_KEYS.has(k)) collect(v, counts);
    }
  } else if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(value) || /^[0-9A-Z]{26}$/.test(value)) return;
    // A quoting line ("你说「…」", "closest to the level 2 description: “…”") keeps only the fixed
    // text around the quote: the quoted part is the applicant's words or a pack text (added below).
    const parts = value.split(/[「“][^」”]*[」”]/);
    if (parts.length > 1) for (const part of parts.filter((x) => x.length >= 4)) add(JSON.stringify(part).slice(1, -1));
    else add(JSON.stringify(value));
  }
}

/** Pack texts that explanations and records quote: level descriptions (without the full stop they are quoted without) and knock-out explanations. */
function packTexts(packsDir: string): string[] {
  const out: string[] = [];
  for (const f of fs
    .readdirSync(packsDir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const pack = JSON.parse(fs.readFileSync(path.join(packsDir, f), 'utf8')) as {
      competencies?: { levels?: Record<string, string>[] }[];
      knockouts?: { explain?: Record<string, string> }[];
    };
    for (const c of pack.competencies ?? []) for (const l of c.levels ?? []) for (const t of Object.values(l)) out.push(JSON.stringify(t.replace(/[。.]$/, '')).slice(1, -1));
    for (const k of pack.knockouts ?? []) for (const t of Object.values(k.explain ?? {})) out.push(JSON.stringify(t));
  }
  return out;
}

export function buildDictionary(samples: unknown[], fixedTexts: string[] = []): string {
  const counts = new Map<string, number>();
  for (const s of samples) collect(s, counts);
  // Pack texts rank above strings seen once in the samples.
  for (const t of fixedTexts) counts.set(t, (counts.get(t) ?? 0) + 2);
  // Rarest first; ties by text so the output is stable.
  const ordered = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([s]) => s);
  const kept: string[] = [];
  let bytes = 0;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const b = Buffer.byteLength(ordered[i]!);
    if (bytes + b > WINDOW) break;
    kept.unshift(ordered[i]!);
    bytes += b;
  }
  return kept.join('');
}

async function main() {
  const out = arg('--out');
  const name = arg('--name');
  if (!out || !name || !/^JSON_DICTIONARY_V\d+$/.test(name)) {
    process.stderr.write('usage: npx tsx scripts/buildJsonDictionary.ts --out <file.ts> --name JSON_DICTIONARY_V<n>\n');
    process.exit(2);
  }
  const target = path.resolve(out);
  if (fs.existsSync(target)) {
    process.stderr.write(`${out} exists: a dictionary in use is frozen. Write a new version instead.\n`);
    process.exit(1);
  }
  process.env.KIOSK_LOG_LEVEL = 'error';
  const packs = path.join(root, 'resources', 'packs');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-dict-'));
  const app = createKioskApp(resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: packs }));
  const samples: unknown[] = [];
  try {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { interviewIds } = await runSyntheticInterviews(app, packs, 40, { lang, minLevel: 1 });
      for (const id of interviewIds) {
        const score = readScore(app.db, id);
        if (score?.status === 'scored') samples.push({ ...score.result, feedback: score.feedback });
        const { score: _inRecord, ...record } = buildInterviewRecord(app.db, id) as Record<string, unknown>;
        samples.push(record);
      }
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const dict = buildDictionary(samples, packTexts(packs));
  const body =
    `/**\n * Preset deflate dictionary for compact JSON (compactJson.ts). Generated by\n * scripts/buildJsonDictionary.ts on ${new Date().toISOString().slice(0, 10)} from ${samples.length} synthetic score explanations and\n` +
    ` * interview records (keys and fixed strings only, no applicant text). FROZEN: rows stored with it\n * need these exact bytes to be read; never edit, add a new version instead.\n */\n` +
    `export const ${name} = ${JSON.stringify(dict)};\n`;
  fs.writeFileSync(target, body);
  process.stdout.write(`wrote ${out}: ${Buffer.byteLength(dict)} bytes of dictionary from ${samples.length} samples\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
