import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../../electron/services/scoring/explain.js';
import type { ScoringInput } from '../../../electron/services/scoring/interviewInput.js';
import { InterviewFile } from '../../../electron/services/scoring/interviewInput.js';
import { loadModel, modelFileFor } from '../../../electron/services/scoring/model.js';
import { DEFAULT_POLICY } from '../../../electron/services/scoring/policy.js';
import { scoreInput } from '../../../electron/services/scoring/scoreInterview.js';
import type { JobPack } from '../../../electron/shared/packs/packSchema.js';
import { FX_PACK, fxInput, REAL_PACK_IDS, realPack, ROOT, typed } from '../../fixtures/scoring/fixtures.js';
import { tempModelsDir } from './scoringHelpers.js';

const tmp = tempModelsDir();
afterAll(() => tmp.cleanup());

/** Every explanation must be exact and quote only words that are in the answer. */
export function expectHonestExplanation(result: ScoreResult, input: ScoringInput): void {
  const answerOf = new Map(input.answers.map((a) => [a.questionId, a.text]));
  let quotes = 0;
  for (const c of result.competencies) {
    const tenths = c.contributions.reduce((s, k) => s + Math.round(k.contribution * 10), 0);
    expect(tenths, `${c.id} contributions add up`).toBe(Math.round(c.score * 10));
    for (const k of c.contributions) {
      for (const q of [...k.evidence, ...(k.negated ?? [])]) {
        expect(answerOf.get(q.questionId), `quote "${q.text}" is in answer ${q.questionId}`).toContain(q.text);
        quotes++;
      }
    }
  }
  expect(result.overallContributions.reduce((s, k) => s + Math.round(k.contribution * 10), 0)).toBe(Math.round(result.overall * 10));
  expect(quotes).toBeGreaterThan(0);
}

describe('strong vs weak answers, fixture pack', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`ranks strong above weak on every competency (${lang}) with exact, quoted explanations`, async () => {
      const model = await loadModel(tmp.modelFile);
      const strong = await scoreInput(FX_PACK, fxInput(lang, 'strong'), model, DEFAULT_POLICY);
      const weak = await scoreInput(FX_PACK, fxInput(lang, 'weak'), model, DEFAULT_POLICY);
      for (const c of strong.result.competencies) {
        const w = weak.result.competencies.find((x) => x.id === c.id)!;
        expect(c.score, c.id).toBeGreaterThan(w.score + 20);
      }
      expect(strong.result.band).toBe('recommend');
      expect(weak.result.band).toBe('not_recommended');
      expectHonestExplanation(strong.result, fxInput(lang, 'strong'));
      expect(strong.result.modelVersion).toBe('fx-retail@1.0.0');
      // The top customer-focus contributions quote the rubric phrases the applicant used.
      const cf = strong.result.competencies.find((c) => c.id === 'customer-focus')!;
      expect(cf.contributions.filter((k) => k.feature.startsWith('ind:')).length).toBeGreaterThanOrEqual(2);
    });
  }

  it('a negated phrase does not earn points and is shown as negated', async () => {
    const model = await loadModel(tmp.modelFile);
    const input: ScoringInput = { ...fxInput('en', 'strong'), answers: [typed('q2', 'I would not stay calm, I would panic.')] };
    const r = await scoreInput(FX_PACK, input, model, DEFAULT_POLICY);
    const comp = r.result.competencies.find((c) => c.id === 'composure')!;
    expect(comp.contributions.find((k) => k.feature === 'ind:q2:composure:calm')).toMatchObject({ negated: [{ questionId: 'q2', text: 'stay calm' }] });
    expect(comp.contributions.find((k) => k.feature === 'ind:q2:composure:panic')!.contribution).toBeLessThan(0);
  });

  it('scoring the same interview twice gives the identical result', async () => {
    const model = await loadModel(tmp.modelFile);
    const a = await scoreInput(FX_PACK, fxInput('zh-CN', 'strong'), model, DEFAULT_POLICY);
    const b = await scoreInput(FX_PACK, fxInput('zh-CN', 'strong'), model, DEFAULT_POLICY);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

/** A strong answer for a real pack: each question's positive rubric phrases in a STAR frame. */
function realAnswers(pack: JobPack, lang: 'zh-CN' | 'en', strong: boolean): ScoringInput {
  return {
    lang,
    cameraConsent: false,
    skills: [],
    answers: pack.questions.map((q) => {
      if (!strong) return typed(q.id, lang === 'en' ? 'Um, I am not sure, like, it depends.' : '嗯，那个，我也不太清楚。');
      const phrases = q.rubric.flatMap((r) => r.indicators.filter((i) => i.weight > 0).map((i) => i.phrases[lang][0]!));
      const topic = q.topicWords?.[lang].slice(0, 3) ?? [];
      return typed(
        q.id,
        lang === 'en'
          ? `Once, last year at the store, ${topic.join(', ')}. So I ${phrases.join(', then ')}. In the end it took 10 minutes and three people thanked me.`
          : `有一次去年在店里，${topic.join('、')}。我先${phrases.join('，然后')}。结果十分钟就解决了，三位顾客都很满意。`,
      );
    }),
  };
}

describe.each(REAL_PACK_IDS)('real pack %s with its committed model', (id) => {
  it.each(['zh-CN', 'en'] as const)('ranks rubric-rich answers above weak ones on every competency (%s)', async (lang) => {
    const pack = realPack(id);
    const model = await loadModel(modelFileFor(path.join(ROOT, 'models'), id));
    const strongIn = realAnswers(pack, lang, true);
    const strong = await scoreInput(pack, strongIn, model, DEFAULT_POLICY);
    const weak = await scoreInput(pack, realAnswers(pack, lang, false), model, DEFAULT_POLICY);
    for (const c of strong.result.competencies) {
      const w = weak.result.competencies.find((x) => x.id === c.id)!;
      // A competency measured only by a skills test (none taken here) may tie.
      const measuredByText = pack.questions.some((q) => q.competencies.includes(c.id) || q.rubric.some((r) => r.competency === c.id));
      if (measuredByText) expect(c.score, `${id}/${c.id}`).toBeGreaterThan(w.score);
    }
    expectHonestExplanation(strong.result, strongIn);
  });
});

describe('the documented sample interview', () => {
  it('parses and scores with quoted evidence', async () => {
    const file = InterviewFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'interview.sample.json'), 'utf8')));
    const pack = realPack(file.packId!);
    const input: ScoringInput = { lang: file.lang, cameraConsent: file.cameraConsent, answers: file.answers, skills: file.skills };
    const r = await scoreInput(pack, input, await loadModel(modelFileFor(path.join(ROOT, 'models'), pack.id)), DEFAULT_POLICY);
    expectHonestExplanation(r.result, input);
    expect(r.result.band).toBe('recommend');
  });
});
