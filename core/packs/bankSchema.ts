import { z } from 'zod';
import { Lang, type JobPack } from './packSchema.js';

/**
 * A graded answer bank (resources/packs/banks/<packId>.bank.json): realistic answers to each
 * question in each language, graded 1–5 against the level descriptors alone. The fixed held-out
 * split (`split: "heldout"`, ≥ 25 % of each question × language, stratified by level) is never
 * used for fitting; the agreement figures in the model card are measured on it.
 */
export const BANK_TAGS = ['keyword-list', 'question-copy', 'off-topic', 'one-word', 'bad-behaviour', 'negated-bad', 'no-rubric-words', 'asr', 'filler', 'refusal', 'vague', 'long', 'short'] as const;
export const MIN_ANSWERS_PER_QUESTION_LANG = 20;
export const MIN_HELDOUT_SHARE = 0.25;

export const BankAnswer = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\.(zh|en)\.\d{2,3}$/, 'ids look like <questionId>.zh.01'),
  questionId: z.string(),
  lang: Lang,
  level: z.number().int().min(1).max(5),
  mode: z.enum(['typed', 'spoken']),
  tags: z.array(z.enum(BANK_TAGS)).default([]),
  text: z.string().min(1).max(2000),
  split: z.enum(['train', 'heldout']),
});
export type BankAnswer = z.infer<typeof BankAnswer>;

export const AnswerBank = z.strictObject({
  format: z.literal('kiosk-answer-bank'),
  formatVersion: z.literal(1),
  packId: z.string(),
  answers: z.array(BankAnswer).min(1),
});
export type AnswerBank = z.infer<typeof AnswerBank>;

/** Problems with a bank for this pack, as "where: what" lines (empty = fine). */
export function bankProblems(pack: JobPack, bank: AnswerBank): string[] {
  const problems: string[] = [];
  if (bank.packId !== pack.id) problems.push(`packId: the bank is for "${bank.packId}", not "${pack.id}"`);
  const ids = new Set<string>();
  for (const a of bank.answers) {
    if (ids.has(a.id)) problems.push(`answers.${a.id}: duplicate id`);
    ids.add(a.id);
    if (!pack.questions.some((q) => q.id === a.questionId)) problems.push(`answers.${a.id}: unknown question "${a.questionId}"`);
  }
  for (const q of pack.questions) {
    for (const lang of ['zh-CN', 'en'] as const) {
      const rows = bank.answers.filter((a) => a.questionId === q.id && a.lang === lang);
      const where = `${q.id} (${lang})`;
      if (rows.length < MIN_ANSWERS_PER_QUESTION_LANG) problems.push(`${where}: ${rows.length} graded answers, at least ${MIN_ANSWERS_PER_QUESTION_LANG} are needed`);
      const levels = new Set(rows.map((r) => r.level));
      const missing = [1, 2, 3, 4, 5].filter((l) => !levels.has(l));
      if (rows.length && missing.length) problems.push(`${where}: no graded answer at level ${missing.join(', ')}`);
      const held = rows.filter((r) => r.split === 'heldout').length;
      if (rows.length && held / rows.length < MIN_HELDOUT_SHARE) problems.push(`${where}: held-out share is ${held}/${rows.length}; at least ${MIN_HELDOUT_SHARE * 100}% must be held out`);
    }
  }
  return problems;
}
