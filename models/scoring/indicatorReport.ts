/**
 * `npx tsx models/scoring/indicatorReport.ts <packId> <indicators.json>`: how a draft set of
 * behavioural indicators reads the TRAINING split of the pack's graded bank (the held-out split
 * is never shown): per indicator, credited / avoided / negated hits by human level, and the
 * answers where it fires on a weak answer or misses on a strong one. For pack authors.
 *
 * indicators.json: { "questions": { "<questionId>": { "followUp": {...}, "indicators": [Indicator…] } } }
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnswerBank } from '../../core/packs/bankSchema.js';
import { Indicator, type Question } from '../../core/packs/packSchema.js';
import { toCurrentPackFormat } from '../../core/packs/upgradePack.js';
import { analyseAnswer, questionContext } from '../../core/scoring/answerAnalysis.js';
import { buildIndex } from '../../core/scoring/exemplars.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function draftQuestions(packId: string, draftFile: string | null): Question[] {
  const raw = toCurrentPackFormat(JSON.parse(fs.readFileSync(path.join(root, 'resources/packs', `${packId}.json`), 'utf8'))) as { questions: Question[] };
  if (!draftFile) return raw.questions;
  const draft = JSON.parse(fs.readFileSync(draftFile, 'utf8')) as { questions: Record<string, { indicators: unknown[] }> };
  return raw.questions.map((q) => ({ ...q, indicators: (draft.questions[q.id]?.indicators ?? []).map((i) => Indicator.parse(i)) }));
}

if (process.argv[1]?.endsWith('indicatorReport.ts')) {
  const [packId, draftFile] = process.argv.slice(2);
  if (!packId) throw new Error('usage: indicatorReport.ts <packId> [indicators.json]');
  const bank = AnswerBank.parse(JSON.parse(fs.readFileSync(path.join(root, 'resources/packs/banks', `${packId}.bank.json`), 'utf8')));
  const train = bank.answers.filter((a) => a.split === 'train');
  for (const q of draftQuestions(packId, draftFile ?? null)) {
    const ctx = questionContext(q, buildIndex(train.filter((a) => a.questionId === q.id).map((a) => ({ id: a.id, text: a.text, level: a.level }))));
    console.log(`\n## ${q.id}`);
    const rows = train.filter((a) => a.questionId === q.id).map((a) => ({ a, r: analyseAnswer(q, a.text, ctx, { excludeExemplarId: a.id }) }));
    for (const ind of q.indicators) {
      const byLevel = [1, 2, 3, 4, 5].map((l) => rows.filter(({ a, r }) => a.level === l && r.hits.some((h) => h.indicatorId === ind.id && h.status === 'credited')).length);
      const avoided = rows.filter(({ r }) => r.hits.some((h) => h.indicatorId === ind.id && (h.status === 'avoided' || h.status === 'negated'))).length;
      console.log(`  ${ind.polarity === 'positive' ? '+' : '-'} ${ind.id.padEnd(22)} credited by level 1..5: ${byLevel.join(' ')}   negated/avoided: ${avoided}`);
    }
    for (const { a, r } of rows) {
      const pos = r.hits.filter((h) => h.polarity === 'positive' && h.status === 'credited').map((h) => h.indicatorId);
      const neg = r.hits.filter((h) => h.polarity === 'negative' && h.status === 'credited').map((h) => h.indicatorId);
      const flag = a.level <= 2 && pos.length >= 2 ? 'WEAK-BUT-CREDITED' : a.level >= 4 && pos.length === 0 ? 'STRONG-BUT-MISSED' : a.level >= 3 && neg.length ? 'GOOD-BUT-RED-FLAG' : null;
      if (flag) console.log(`    ${flag} [${a.id} L${a.level}${r.gate ? ` gate=${r.gate}` : ''}] +${pos.join(',')} -${neg.join(',')} :: ${a.text.slice(0, 140)}`);
    }
  }
}
