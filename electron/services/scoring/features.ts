/**
 * From one interview (latest answers + skills results) to the model's feature vector, in the
 * model's feature order, with the evidence behind every value. Feature ids:
 *   ind:<question>:<competency>:<indicator>  1 when a rubric phrase (or synonym) is in the answer
 *   star|spec|rel|len|filler:<competency>    mean over the questions that assess the competency
 *   speech:pace|pauses|latency               spoken answers only; in [-1, 0], 0 = neutral/absent
 *   face:presence|attention                  camera answers only;  in [-1, 0], 0 = neutral/absent
 *   expr:smile                               only if the policy allows; in [-0.5, 0.5], 0 = absent
 *   skills:accuracy|speed                    share correct; speed credited for correct work only
 */
import type { JobPack, LocalText, Question } from '../../shared/packs/packSchema.js';
import { analyseAnswer, type AnswerAnalysis } from './answerFeatures.js';
import type { AnswerRecord, ScoringInput } from './interviewInput.js';
import { isGroupEnabled, type ScoringPolicy } from './policy.js';
import type { FeatureGroup, FeatureSpec } from './weightsFile.js';

export type QuotedEvidence = { questionId: string; text: string };
export type Evidence = { quotes: QuotedEvidence[]; measured: LocalText | null; negated?: QuotedEvidence[] };
export type FeatureValues = { x: Float64Array; evidence: Evidence[]; analyses: Map<string, AnswerAnalysis> };

/** Comfortable speaking pace band, words per second (Vosk word timings). */
export const PACE_BAND = { min: 1.5, max: 4.5, penaltySpan: 1.5 } as const;
export const PAUSE_OK = 0.4;
export const LATENCY_OK_MS = 5000;
export const LATENCY_SPAN_MS = 25000;

const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round2 = (v: number): string => (Math.round(v * 100) / 100).toString();

export const questionsFor = (pack: JobPack, competency: string): Question[] =>
  pack.questions.filter((q) => q.competencies.includes(competency) || q.rubric.some((r) => r.competency === competency));

export function featureGroup(id: string): FeatureGroup {
  const kind = id.split(':')[0];
  if (kind === 'speech') return 'speech';
  if (kind === 'face') return 'face';
  if (kind === 'expr') return 'expression';
  if (kind === 'skills') return 'skills';
  return 'text';
}

/** Analyses each answered question once (the expensive part: segmentation and matching). */
export function analyseAll(pack: JobPack, input: ScoringInput): Map<string, AnswerAnalysis> {
  const out = new Map<string, AnswerAnalysis>();
  for (const a of input.answers) {
    const q = pack.questions.find((qq) => qq.id === a.questionId);
    if (q) out.set(q.id, analyseAnswer(q, a.text));
  }
  return out;
}

export function computeFeatures(pack: JobPack, features: readonly FeatureSpec[], input: ScoringInput, policy: ScoringPolicy): FeatureValues {
  const analyses = analyseAll(pack, input);
  const x = new Float64Array(features.length);
  const evidence = features.map((f, i): Evidence => {
    if (!isGroupEnabled(policy, f.group)) return { quotes: [], measured: t('未使用（门店评分政策关闭）', 'not used (off in the store scoring policy)') };
    const r = computeOne(pack, f.id, input, analyses);
    x[i] = r.value;
    return r.evidence;
  });
  return { x, evidence, analyses };
}

type One = { value: number; evidence: Evidence };

function computeOne(pack: JobPack, id: string, input: ScoringInput, analyses: Map<string, AnswerAnalysis>): One {
  const parts = id.split(':');
  const kind = parts[0]!;
  if (kind === 'ind') return indicator(parts[1]!, parts[2]!, parts[3]!, analyses);
  if (['star', 'spec', 'rel', 'len', 'filler'].includes(kind)) return generic(kind, questionsFor(pack, parts[1]!), analyses);
  if (kind === 'speech') return speech(parts[1]!, input.answers.filter((a) => a.mode === 'spoken'));
  if (kind === 'face' || kind === 'expr') return face(parts[1]!, input.cameraConsent ? input.answers.filter((a) => a.face && a.face.framesAnalysed > 0) : []);
  if (kind === 'skills') return skills(pack, parts[1]!, input);
  throw new Error(`unknown feature "${id}"`);
}

function indicator(questionId: string, competency: string, indicatorId: string, analyses: Map<string, AnswerAnalysis>): One {
  const r = analyses.get(questionId)?.indicators.find((i) => i.competency === competency && i.indicatorId === indicatorId);
  const negated = r?.negated ? [{ questionId, text: r.negated.text }] : [];
  return { value: r?.hit ? 1 : 0, evidence: { quotes: r?.hit ? [{ questionId, text: r.hit.text }] : [], measured: null, ...(negated.length ? { negated } : {}) } };
}

function generic(kind: string, qs: Question[], analyses: Map<string, AnswerAnalysis>): One {
  const per = qs.map((q) => ({ q, a: analyses.get(q.id) }));
  const pick = (a: AnswerAnalysis): number =>
    kind === 'star' ? a.structure : kind === 'spec' ? a.specificity : kind === 'rel' ? a.relevance : kind === 'len' ? a.length : a.filler;
  // Unanswered questions count as 0, so skipping a question never raises an average.
  const value = mean(per.map(({ a }) => (a ? pick(a) : 0)));
  const quotes: QuotedEvidence[] = [];
  for (const { q, a } of per) {
    if (!a) continue;
    const qs2 =
      kind === 'star' ? Object.values(a.star).filter((x) => x !== null).map((x) => x.text)
      : kind === 'spec' ? a.specifics.map((x) => x.text)
      : kind === 'rel' ? a.topicHits.map((x) => x.text)
      : kind === 'filler' ? a.fillerWords
      : [];
    for (const text of qs2) quotes.push({ questionId: q.id, text });
  }
  const answered = per.filter((p) => p.a).length;
  const measured =
    kind === 'len'
      ? t(`${answered}/${qs.length} 题作答，平均长度达标 ${Math.round(value * 100)}%`, `${answered} of ${qs.length} questions answered; length ${Math.round(value * 100)}% of target on average`)
      : kind === 'star'
        ? t(`情境/行动/结果结构 ${Math.round(value * 100)}%`, `situation/action/result structure ${Math.round(value * 100)}%`)
        : kind === 'filler'
          ? t(`口头禅 ${quotes.length} 处`, `${quotes.length} filler word(s)`)
          : null;
  return { value, evidence: { quotes, measured } };
}

function speech(which: string, spoken: AnswerRecord[]): One {
  const vals: number[] = [];
  for (const a of spoken) {
    if (which === 'pace' && a.speakingRate !== null) {
      const off = a.speakingRate < PACE_BAND.min ? PACE_BAND.min - a.speakingRate : a.speakingRate > PACE_BAND.max ? a.speakingRate - PACE_BAND.max : 0;
      vals.push(-Math.min(1, off / PACE_BAND.penaltySpan));
    } else if (which === 'pauses' && a.pauseRatio !== null) vals.push(-Math.max(0, a.pauseRatio - PAUSE_OK) / (1 - PAUSE_OK));
    else if (which === 'latency' && a.latencyMs !== null) vals.push(-Math.min(1, Math.max(0, a.latencyMs - LATENCY_OK_MS) / LATENCY_SPAN_MS));
  }
  if (vals.length === 0) return { value: 0, evidence: { quotes: [], measured: t('无语音回答：中性', 'no spoken answers: neutral') } };
  const v = mean(vals);
  return { value: v, evidence: { quotes: [], measured: t(`${vals.length} 段语音，偏离舒适范围 ${round2(-v)}`, `${vals.length} spoken answer(s), off the comfortable range by ${round2(-v)}`) } };
}

function face(which: string, withFace: AnswerRecord[]): One {
  const vals: number[] = [];
  for (const a of withFace) {
    const f = a.face!;
    if (which === 'presence') vals.push(f.facePresentRatio - 1);
    else if (which === 'attention') vals.push(f.attentionRatio - 1);
    else if (which === 'smile' && f.smileRatio !== null && f.smileRatio !== undefined) vals.push(f.smileRatio - 0.5);
  }
  if (vals.length === 0) return { value: 0, evidence: { quotes: [], measured: t('未使用摄像头：中性', 'no camera data: neutral') } };
  const v = mean(vals);
  return { value: v, evidence: { quotes: [], measured: t(`${vals.length} 段回答的摄像头数据，数值 ${round2(v)}`, `camera data from ${vals.length} answer(s), value ${round2(v)}`) } };
}

function skills(pack: JobPack, which: string, input: ScoringInput): One {
  if (pack.skillsTests.length === 0) return { value: 0, evidence: { quotes: [], measured: null } };
  const per = pack.skillsTests.map((test) => {
    const r = input.skills.find((s) => s.testId === test.id);
    if (!r) return { acc: 0, speed: 0, text: `${test.id}: –` };
    const acc = Math.min(1, r.correct / r.total);
    const speed = acc * Math.max(0, 1 - r.totalMs / (test.timeLimitSeconds * 1000));
    return { acc, speed, text: `${test.id}: ${r.correct}/${r.total}, ${(r.totalMs / 1000).toFixed(0)} s` };
  });
  const value = mean(per.map((p) => (which === 'accuracy' ? p.acc : p.speed)));
  const summary = per.map((p) => p.text).join('; ');
  return { value, evidence: { quotes: [], measured: t(`技能测试 ${summary}`, `skills test ${summary}`) } };
}
