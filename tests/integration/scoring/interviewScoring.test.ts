/**
 * Whole interviews through the shipped ONNX models: an excellent answer set reaches recommend,
 * thin / keyword / off-topic sets do not and earn no praise, every explanation adds up exactly,
 * quotes are the applicant's own clauses, the same answers give the same score, and the manager
 * text carries no internal ids or jargon.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';
import { loadModel, modelFileFor } from '../../../core/scoring/model.js';
import { DEFAULT_POLICY } from '../../../core/scoring/policy.js';
import { scoreInput, type Scored } from '../../../electron/services/scoring/scoreInterview.js';
import { ROOT, typed } from '../../fixtures/scoring/fixtures.js';
import { LANGS, shipped, type Shipped } from './bankHelpers.js';

const setOf = (s: Shipped, lang: 'zh-CN' | 'en', pick: (qid: string) => string, skills = true): ScoringInput => ({
  lang,
  cameraConsent: false,
  answers: s.pack.questions.map((q) => typed(q.id, pick(q.id))),
  skills: skills ? s.pack.skillsTests.map((t) => ({ testId: t.id, correct: 6, total: 7, totalMs: 60_000 })) : [],
});
/** The held-out answer at a level (never an exemplar of the model). */
const bankAt = (s: Shipped, lang: 'zh-CN' | 'en', level: number) => (qid: string) =>
  s.bank.answers.find((a) => a.split === 'heldout' && a.questionId === qid && a.lang === lang && a.level === level)?.text ??
  s.bank.answers.find((a) => a.questionId === qid && a.lang === lang && a.level === level)!.text;

async function score(s: Shipped, input: ScoringInput): Promise<Scored> {
  return scoreInput(s.pack, input, await loadModel(modelFileFor(path.join(ROOT, 'models'), s.pack.id)), DEFAULT_POLICY);
}

const KEYWORDS = { 'zh-CN': '道歉 负责 核对 检查 报告 主管 安全 耐心 沟通', en: 'apologise responsibility check report supervisor safety patience communication' } as const;
const OFF_TOPIC = {
  'zh-CN': '我最喜欢的动物是熊猫，圆滚滚的特别可爱。小时候在动物园看过一次，它抱着竹子慢慢地啃，我在玻璃外面看了好久。',
  en: 'My favourite animal is the panda. They look so round and gentle, and I remember watching one at the zoo chewing bamboo for ages.',
} as const;

describe('whole interviews, every shipped pack, both languages', () => {
  for (const [packId, s] of Object.entries(shipped)) {
    for (const lang of LANGS) {
      it(`${packId} (${lang}): an excellent set reaches recommend, with strengths quoting the applicant's own clauses`, async () => {
        const input = setOf(s, lang, bankAt(s, lang, 5));
        const r = await score(s, input);
        expect(r.result.band).toBe('recommend');
        expect(r.feedback.strengths.length).toBeGreaterThanOrEqual(2);
        expect(r.feedback.note).toBeNull();
        const texts = new Map(input.answers.map((a) => [a.questionId, a.text]));
        for (const c of r.result.competencies) {
          // Exact: the rounded terms add up to the rounded score, in integer tenths.
          expect(c.contributions.reduce((sum, k) => sum + Math.round(k.contribution * 10), 0)).toBe(Math.round(c.score * 10));
          for (const e of c.evidence) expect(texts.get(e.questionId)).toContain(e.quote);
        }
        for (const a of r.result.answers) expect(a.terms.reduce((sum, k) => sum + Math.round(k.contribution * 10), 0)).toBe(Math.round(a.score * 10));
        expect(r.result.overallContributions.reduce((sum, k) => sum + Math.round(k.contribution * 10), 0)).toBe(Math.round(r.result.overall * 10));
        if (s.pack.skillsTests.length) expect(r.feedback.skills[0]![lang === 'zh-CN' ? 'zh-CN' : 'en']).toMatch(/6/);
      });

      it(`${packId} (${lang}): one-word, keyword-list and off-topic sets are not recommended and earn no praise`, async () => {
        for (const text of [lang === 'zh-CN' ? '好' : 'Yes.', KEYWORDS[lang], OFF_TOPIC[lang]]) {
          const r = await score(
            s,
            setOf(s, lang, () => text, false),
          );
          expect(r.result.band, text).toBe('not_recommended');
          expect(r.feedback.strengths, text).toEqual([]);
          expect(r.feedback.note, text).not.toBeNull();
          expect(
            r.result.competencies.flatMap((c) => c.evidence.filter((e) => e.polarity === 'positive' && e.status === 'credited')),
            text,
          ).toEqual([]);
        }
      });

      it(`${packId} (${lang}): a bank set of level-2 answers never reaches recommend; levels order the overall score`, async () => {
        const overall: number[] = [];
        for (const level of [1, 2, 3, 4, 5]) overall.push((await score(s, setOf(s, lang, bankAt(s, lang, level)))).result.overall);
        expect(overall[1]).toBeLessThan(s.pack.scoring.recommendAt);
        expect(overall[0]).toBeLessThan(overall[2]!);
        expect(overall[2]).toBeLessThan(overall[4]!);
      });
    }

    it(`${packId}: the same answers always give the same result, to the tenth`, async () => {
      const input = setOf(s, 'zh-CN', bankAt(s, 'zh-CN', 3));
      const a = await score(s, input);
      const b = await score(s, structuredClone(input));
      expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    });

    it(`${packId}: manager text has no internal ids, feature names or the other language`, async () => {
      const r = await score(s, setOf(s, 'en', bankAt(s, 'en', 4)));
      const ids = new Set([...s.pack.questions.flatMap((q) => [q.id, ...q.indicators.map((i) => i.id)]), ...s.pack.competencies.map((c) => c.id)].filter((x) => x.includes('-')));
      const texts = r.result.competencies.flatMap((c) => [
        c.name,
        c.summary!,
        ...c.contributions.map((k) => k.label),
        ...c.contributions.flatMap((k) => (k.measured ? [k.measured] : [])),
        ...c.evidence.map((e) => e.label),
      ]);
      texts.push(...r.result.answers.flatMap((a) => a.terms.map((t) => t.label)));
      for (const t of texts) {
        expect(t['zh-CN'], t['zh-CN']).not.toMatch(/[A-Za-z]{2,}/);
        expect(t.en, t.en).not.toMatch(/\p{Script=Han}/u);
        for (const lang of ['zh-CN', 'en'] as const) {
          expect(t[lang]).not.toMatch(/\b(ind|sim|act|len|spec|struct|gate|avoid|skills|speech|face|expr):/);
          for (const id of ids) expect(t[lang], id).not.toContain(id);
        }
      }
    });
  }
});

describe('feedback is true', () => {
  it('strengths quote whole credited clauses, never a negated clause; a red flag is never praised', async () => {
    const s = shipped.cashier!;
    const input = setOf(s, 'zh-CN', bankAt(s, 'zh-CN', 3));
    input.answers[0] = typed('till-short', '我会先重新点一遍钱，核对小票和退款记录。我不会自己偷偷补上这50元，也不会瞒着。');
    const r = await score(s, input);
    const quoted = r.feedback.strengths.map((x) => /「(.+?)」/u.exec(x['zh-CN'])?.[1]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(q).not.toMatch(/不会|没有/u);
    const avoided = r.result.competencies.flatMap((c) => c.evidence).filter((e) => e.status === 'avoided');
    expect(avoided.map((e) => e.quote)).toContain('我不会自己偷偷补上这50元');
    // And the negated red flag costs nothing: the same answer without that clause scores no higher.
    const without = structuredClone(input);
    without.answers[0] = typed('till-short', '我会先重新点一遍钱，核对小票和退款记录。');
    const w = await score(s, without);
    expect(r.result.answers[0]!.score).toBeGreaterThanOrEqual(w.result.answers[0]!.score);
  });

  it('tips follow the question type: steps and who to tell for situations; situation, action, result for past behaviour', async () => {
    const s = shipped['retail-sales']!;
    const r = await score(
      s,
      setOf(s, 'en', () => 'Not sure.', false),
    );
    const tips = r.feedback.suggestions.map((x) => x.en).join(' ');
    expect(tips).toMatch(/who you would tell/);
    expect(tips).toMatch(/what you did yourself, and how it turned out/);
  });
});
