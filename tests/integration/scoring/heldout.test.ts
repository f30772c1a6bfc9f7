/**
 * The agreement figures in each model's weights file and model card are the ones measured: the
 * whole held-out split is scored again here through the kiosk's own code path and the figures
 * are recomputed. No hand-typed numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreement } from '../../../core/scoring/agreement.js';
import { ROOT } from '../../fixtures/scoring/fixtures.js';
import { heldout, scoreAnswer, shipped } from './bankHelpers.js';

describe('held-out agreement with human grades', () => {
  for (const [packId, s] of Object.entries(shipped)) {
    it(`${packId}: recomputed QWK, ρ and exact/adjacent agreement equal the model card's`, () => {
      const rows = heldout(s).map((a) => ({ lang: a.lang, level: a.level, score: scoreAnswer(s, a.questionId, a.text, a.lang).score }));
      expect(rows.length).toBe(s.weights.bank!.heldout);
      const card = fs.readFileSync(path.join(ROOT, 'models/scoring/built', `${packId}.card.md`), 'utf8');
      for (const reported of s.weights.bank!.agreement) {
        const sub = rows.filter((r) => reported.lang === 'all' || r.lang === reported.lang);
        const measured = agreement(
          sub.map((r) => r.level),
          sub.map((r) => r.score),
        );
        expect({ lang: reported.lang, ...measured }).toEqual(reported);
        expect(card).toContain(`| ${reported.lang} | ${reported.n} | ${reported.qwk} | ${reported.qwkLow}–${reported.qwkHigh} | ${reported.spearman} |`);
      }
    });

    it(`${packId}: the held-out answers were never exemplars (the split stayed apart from training)`, () => {
      const exemplarIds = new Set(
        Object.values(s.weights.exemplars!)
          .flat()
          .map((e) => e.id),
      );
      for (const a of heldout(s)) expect(exemplarIds.has(a.id)).toBe(false);
      expect(exemplarIds.size).toBe(s.weights.bank!.train);
    });
  }
});
