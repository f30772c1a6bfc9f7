/** The shipped packs, their graded banks and fitted weights, and one answer scored the kiosk's way. */
import fs from 'node:fs';
import path from 'node:path';
import { AnswerBank, type BankAnswer } from '../../../core/packs/bankSchema.js';
import type { JobPack } from '../../../core/packs/packSchema.js';
import type { AnswerAnalysis } from '../../../core/scoring/answerAnalysis.js';
import { answerScores } from '../../../core/scoring/explain.js';
import { computeFeatures } from '../../../core/scoring/features.js';
import { DEFAULT_POLICY } from '../../../core/scoring/policy.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import { realPack, REAL_PACK_IDS, ROOT, typed } from '../../fixtures/scoring/fixtures.js';

export type Shipped = { pack: JobPack; bank: AnswerBank; weights: WeightsFile };
export const shipped: Record<string, Shipped> = Object.fromEntries(
  REAL_PACK_IDS.map((id) => [
    id,
    {
      pack: realPack(id),
      bank: AnswerBank.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/packs/banks', `${id}.bank.json`), 'utf8'))),
      weights: WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models/scoring/weights', `${id}.weights.json`), 'utf8'))),
    },
  ]),
);

/** One answer scored exactly as the kiosk scores it (features → fitted answer model). */
export function scoreAnswer(s: Shipped, questionId: string, text: string, lang: 'zh-CN' | 'en' = 'zh-CN'): { score: number; level: number; analysis: AnswerAnalysis } {
  const fv = computeFeatures(s.pack, s.weights, { lang, cameraConsent: false, answers: [typed(questionId, text)], skills: [] }, DEFAULT_POLICY);
  const a = answerScores(s.pack, s.weights, fv).find((x) => x.questionId === questionId)!;
  return { score: a.score, level: a.level, analysis: fv.analyses.get(questionId)! };
}

export const heldout = (s: Shipped, filter: (a: BankAnswer) => boolean = () => true): BankAnswer[] => s.bank.answers.filter((a) => a.split === 'heldout' && filter(a));
export const LANGS = ['zh-CN', 'en'] as const;
