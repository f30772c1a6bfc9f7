import { afterAll, describe, expect, it } from 'vitest';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';
import { loadModel } from '../../../core/scoring/model.js';
import { DEFAULT_POLICY, type ScoringPolicy } from '../../../core/scoring/policy.js';
import { scoreInput } from '../../../electron/services/scoring/scoreInterview.js';
import { CAPS } from '../../../core/scoring/weightsFile.js';
import type { FaceAggregates } from '../../../electron/shared/contract/interview.js';
import path from 'node:path';
import { realPack, ROOT, typed } from '../../fixtures/scoring/fixtures.js';
import { shipped } from './bankHelpers.js';
import { tempModelsDir } from './scoringHelpers.js';

const tmp = tempModelsDir('cashier');
afterAll(() => tmp.cleanup());
const FX_PACK = realPack('cashier');
/** Held-out bank answers: strong = level 4, weak = level 3 (scores clear of the 0 and 100 clamps). */
function fxInput(lang: 'zh-CN' | 'en', kind: 'strong' | 'weak'): ScoringInput {
  const level = kind === 'strong' ? 4 : 3;
  return {
    lang,
    cameraConsent: false,
    answers: FX_PACK.questions.map((q) => typed(q.id, shipped.cashier!.bank.answers.find((a) => a.split === 'heldout' && a.questionId === q.id && a.lang === lang && a.level === level)!.text)),
    skills: [{ testId: 'make-change', correct: kind === 'strong' ? 7 : 2, total: 7, totalMs: 80_000 }],
  };
}
/** What a speech recogniser makes of typed text: no punctuation, words spaced (zh) or lower case (en), homophones. */
const asr = (text: string, lang: 'zh-CN' | 'en'): string =>
  lang === 'zh-CN'
    ? text
        .replace(/[，。！？、；：“”「」（）,.!?]/gu, ' ')
        .replace(/在(?=[^\s])/u, '再')
        .replace(/的(?=很|特别)/u, '得')
        .replace(/\s+/g, ' ')
        .trim()
    : text
        .toLowerCase()
        .replace(/[,.!?;:"“”()]/g, '')
        .replace(/\bi'd\b/g, 'id')
        .replace(/\bi'm\b/g, 'im')
        .replace(/\s+/g, ' ')
        .trim();

const TYPICAL_FACE: FaceAggregates = {
  framesAnalysed: 300,
  facePresentRatio: 0.96,
  multiFaceRatio: 0,
  attentionRatio: 0.9,
  framingQuality: 0.9,
  mouthMovementWhileSpeaking: 0.6,
  identityConsistency: 0.99,
  smileRatio: 0.4,
};
const WORST_FACE: FaceAggregates = { ...TYPICAL_FACE, facePresentRatio: 0, attentionRatio: 0, smileRatio: 0 };

const spoken = (i: ScoringInput, rate: number, pause: number, latency: number): ScoringInput => ({
  ...i,
  answers: i.answers.map((a) => ({ ...a, mode: 'spoken', speakingRate: rate, pauseRatio: pause, latencyMs: latency })),
});
const withCamera = (i: ScoringInput, face: FaceAggregates): ScoringInput => ({ ...i, cameraConsent: true, answers: i.answers.map((a) => ({ ...a, face })) });

async function score(input: ScoringInput, policy: ScoringPolicy = DEFAULT_POLICY) {
  return (await scoreInput(FX_PACK, input, await loadModel(tmp.modelFile), policy)).result;
}
const scoresOf = (r: Awaited<ReturnType<typeof score>>) => r.competencies.map((c) => c.score);
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('parity: typed vs spoken, camera off vs on', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const kind of ['strong', 'weak'] as const) {
      it(`default policy: the same words typed or spoken, with or without camera, score identically (${lang}, ${kind})`, async () => {
        const typed = await score(fxInput(lang, kind));
        // Even a very slow, hesitant speaker in front of a camera that never saw a face.
        const spokenBadly = await score(withCamera(spoken(fxInput(lang, kind), 0.4, 0.9, 40_000), WORST_FACE));
        expect(scoresOf(spokenBadly)).toEqual(scoresOf(typed));
        expect(spokenBadly.overall).toBe(typed.overall);
        expect(spokenBadly.band).toBe(typed.band);
        // Nothing gated contributed a single point.
        for (const c of spokenBadly.competencies) {
          expect(c.contributions.filter((k) => /^(speech|face|expr):/.test(k.feature))).toEqual([]);
        }
      });
    }
  }

  it('the same content typed, or as speech-recogniser output (no punctuation, homophones), lands in the same band (measured over every pack)', async () => {
    let same = 0;
    let total = 0;
    const deltas: number[] = [];
    const misses: string[] = [];
    for (const [packId, sp] of Object.entries(shipped)) {
      const model = await loadModel(path.join(ROOT, 'models/scoring/built', `${packId}.onnx`));
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const level of [2, 3, 4, 5]) {
          const answers = sp.pack.questions.map((q) => typed(q.id, sp.bank.answers.find((a) => a.split === 'heldout' && a.questionId === q.id && a.lang === lang && a.level === level)!.text));
          const typedIn: ScoringInput = { lang, cameraConsent: false, answers, skills: [] };
          const spokenIn: ScoringInput = { ...typedIn, answers: answers.map((a) => ({ ...a, mode: 'spoken' as const, text: asr(a.text, lang) })) };
          const t = (await scoreInput(sp.pack, typedIn, model, DEFAULT_POLICY)).result;
          const s2 = (await scoreInput(sp.pack, spokenIn, model, DEFAULT_POLICY)).result;
          total++;
          if (t.band === s2.band) same++;
          else misses.push(`${packId} ${lang} L${level}: typed ${t.overall} ${t.band}, spoken ${s2.overall} ${s2.band}`);
          deltas.push(Math.abs(s2.overall - t.overall));
        }
      }
    }
    deltas.sort((a, b) => a - b);
    const median = deltas[Math.floor(deltas.length / 2)]!;
    console.log(
      `typed vs speech-recogniser text: same band in ${same} of ${total} answer sets, overall differs by ${median.toFixed(1)} points (median), ${deltas.at(-1)!.toFixed(1)} at most${misses.length ? `; differs: ${misses.join('; ')}` : ''}`,
    );
    expect(same / total).toBeGreaterThanOrEqual(0.9);
    expect(median).toBeLessThan(5);
    expect(deltas.at(-1)!).toBeLessThan(20);
  });

  it('face data without camera consent is ignored even when the face policy is on', async () => {
    const policy = { ...DEFAULT_POLICY, useFaceSignals: true };
    const base = await score(fxInput('en', 'strong'), policy);
    const noConsent = { ...withCamera(fxInput('en', 'strong'), WORST_FACE), cameraConsent: false };
    expect(scoresOf(await score(noConsent, policy))).toEqual(scoresOf(base));
  });

  it('with delivery and face signals on: typed / no camera get the same band as typical spoken-with-camera, and face moves at most the cap', async () => {
    const policy: ScoringPolicy = { useSpeechDelivery: true, useFaceSignals: true, useExpressionSignals: false };
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const kind of ['strong', 'weak'] as const) {
        const plain = await score(fxInput(lang, kind), policy);
        const typical = await score(withCamera(spoken(fxInput(lang, kind), 3, 0.2, 2000), TYPICAL_FACE), policy);
        expect(typical.band, `${lang} ${kind}`).toBe(plain.band);
        // Absent = neutral: typing / declining the camera never scores below a typical speaker.
        scoresOf(plain).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(scoresOf(typical)[i]! - 1e-9));
        const worstFace = await score(withCamera(fxInput(lang, kind), WORST_FACE), policy);
        expect(maxDiff(scoresOf(worstFace), scoresOf(plain))).toBeLessThanOrEqual(CAPS.facePerCompetency + 0.1);
        expect(maxDiff(scoresOf(worstFace), scoresOf(plain))).toBeGreaterThan(0); // the policy switch really works
      }
    }
  });

  it('expression signals need both switches and move a score by at most their cap', async () => {
    const happy = withCamera(fxInput('en', 'strong'), { ...TYPICAL_FACE, smileRatio: 1 });
    const faceOnly = await score(happy, { ...DEFAULT_POLICY, useFaceSignals: true });
    const exprOnly = await score(happy, { ...DEFAULT_POLICY, useExpressionSignals: true });
    expect(scoresOf(exprOnly)).toEqual(scoresOf(await score(fxInput('en', 'strong'))));
    const both = await score(happy, { ...DEFAULT_POLICY, useFaceSignals: true, useExpressionSignals: true });
    const diff = maxDiff(scoresOf(both), scoresOf(faceOnly));
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThanOrEqual(CAPS.expressionPerFeature * 0.5 + 0.1);
  });
});
