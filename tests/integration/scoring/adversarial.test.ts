/**
 * The adversarial suite of SCORING.md §3, for every question of every shipped pack in both
 * languages, scored through the kiosk's own path (features → fitted answer model).
 */
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../core/scoring/clauses.js';
import { heldout, LANGS, scoreAnswer, shipped } from './bankHelpers.js';

const OFF_TOPIC = {
  'zh-CN': '我最喜欢的动物是熊猫，圆滚滚的特别可爱。小时候在动物园看过一次，它抱着竹子慢慢地啃，我在玻璃外面看了好久都不想走。',
  en: 'My favourite animal is the panda. They look so round and gentle, and I remember watching one at the zoo chewing bamboo for ages while I pressed my nose to the glass.',
} as const;
const NEGATOR = /不|没|别|无|非|never|not|n't|\bno\b|none|nobody|nothing|without/iu;
const SPEAKS = /(^|\s)(i|i'd|id|i'm|im|we|me|my)(\s|$)|我/u;
/** Paraphrases that read as an act after "I would never …" / "我不会…" (no negator, no clause marker, no statement form). */
const actPhrase = (p: string): boolean =>
  !NEGATOR.test(p) &&
  !SPEAKS.test(p) &&
  !/^(之后|然后|以后|后来|最后|再|但|所以|因为|如果|先|就|会|要|才)/u.test(p) &&
  !/^(then|first|but|so|since|after|before|once|if|when|while)\b|\b(is|are|was|were)\b/i.test(p);

const positiveCredits = (a: { hits: { polarity: string; status: string }[] }) => a.hits.filter((h) => h.polarity === 'positive' && h.status === 'credited').length;

for (const [packId, s] of Object.entries(shipped)) {
  describe(`${packId}: adversarial answers`, () => {
    for (const q of s.pack.questions) {
      for (const lang of LANGS) {
        const best = Math.max(...heldout(s, (a) => a.questionId === q.id && a.lang === lang && a.level >= 4).map((a) => scoreAnswer(s, q.id, a.text, lang).score));
        const positives = q.indicators.filter((i) => i.polarity === 'positive');

        it(`${q.id} (${lang}): keyword lists score ≤ 0.5 × the best graded answer (${best}) and earn no strengths`, () => {
          // A keyword list names acts; it has no speaker ("i learned", "我会" make it a sentence).
          const phrases = positives.flatMap((i) => i.paraphrases[lang].filter((p) => !SPEAKS.test(p)).slice(0, 2));
          // Bare words (what an applicant who guesses the rubric types), and the rubric's own phrases strung together.
          const bare = readAnswer(phrases.join('，'))
            .clauses.flatMap((c) => c.tokens)
            .filter((t) => !t.isFunction && !t.isNegator)
            .map((t) => t.norm)
            .join(' ');
          for (const text of [bare, phrases.join(' ')]) {
            const r = scoreAnswer(s, q.id, text, lang);
            expect(r.score, text).toBeLessThanOrEqual(0.5 * best);
            expect(positiveCredits(r.analysis), text).toBe(0);
          }
        });

        it(`${q.id} (${lang}): the question copied back, off-topic talk and one-word answers earn nothing and get the follow-up`, () => {
          for (const text of [q.text[lang], OFF_TOPIC[lang], lang === 'zh-CN' ? '好' : 'Yes.', lang === 'zh-CN' ? '可以' : 'Tell someone.']) {
            const r = scoreAnswer(s, q.id, text, lang);
            // Off-topic talk is gated only when nothing in it resembles a graded answer; either way it earns nothing.
            if (text !== OFF_TOPIC[lang]) expect(r.analysis.gate, text).not.toBeNull();
            expect(r.analysis.isThin, text).toBe(true);
            expect(positiveCredits(r.analysis), text).toBe(0);
            expect(r.score, text).toBeLessThanOrEqual(0.5 * best);
            // Below the level of an acceptable answer (3); the interview-level test checks the band.
            expect(r.level, text).toBeLessThanOrEqual(2);
          }
        });

        it(`${q.id} (${lang}): a negated bad act never scores below the same answer without it; a negated good act earns nothing`, () => {
          const base = heldout(s, (a) => a.questionId === q.id && a.lang === lang && a.level >= 3)[0]!.text;
          const baseScore = scoreAnswer(s, q.id, base, lang).score;
          for (const ind of q.indicators.filter((i) => i.polarity === 'negative')) {
            for (const p of ind.paraphrases[lang].filter(actPhrase).slice(0, 3)) {
              const clause = lang === 'zh-CN' ? `我绝不会${p}。` : `I would never ${p}.`;
              const withIt = scoreAnswer(s, q.id, `${base}${lang === 'zh-CN' ? '' : ' '}${clause}`, lang);
              expect(withIt.score, clause).toBeGreaterThanOrEqual(baseScore);
              expect(
                withIt.analysis.hits.filter((h) => h.indicatorId === ind.id && h.status === 'credited'),
                clause,
              ).toEqual([]);
            }
          }
          for (const ind of positives) {
            const p = ind.paraphrases[lang].find(actPhrase);
            if (!p) continue;
            const r = scoreAnswer(s, q.id, lang === 'zh-CN' ? `我不会${p}。` : `I would not ${p}.`, lang);
            expect(
              r.analysis.hits.filter((h) => h.indicatorId === ind.id && h.status === 'credited'),
              p,
            ).toEqual([]);
          }
        });
      }
    }
  });
}
