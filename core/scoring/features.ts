/**
 * From one interview (latest answer + follow-up per question, skills results) to the model's
 * feature vector, in the model's order, with the evidence behind every value.
 *
 * Answer features (one value per answered question, see ANSWER_FEATURES), fitted on the bank:
 *   sim     level of the most similar graded answers, (level − 1) / 4; 0 when gated or none similar
 *   act     statements of an action or event, min(n, 5) / 5               ┐ each × relevance (0..1), so
 *   len     content size, log-scaled to 1 at 80 Chinese characters / 60 English words │ fluent talk about something
 *   spec    specific details (numbers, times, places), min(n, 3) / 3        │ else earns little for its
 *   struct  sequence words (situational) or STAR markers (past behaviour), min(n, 2) / 2 ┘ length or detail
 *   pos/neg credited good acts / red flags (counts; per indicator in the competency model)
 *   avoid   red flags the applicant explicitly rules out ("I'd never hide it"), min(n, 2)
 *   gate    1 when the answer is missing, one or two words, a keyword list, a copy of the question or off topic
 * Competency feature ids: <kind>:<question>:<competency> and ind:<question>:<competency>:<indicator>;
 * plus skills:accuracy|speed, speech:pace|pauses|latency, face:presence|attention, expr:smile (policy-gated).
 */
import type { JobPack, LocalText, Question } from '../packs/packSchema.js';
import { analyseAnswer, questionContext, type AnswerAnalysis, type QuestionContext } from './answerAnalysis.js';
import { buildIndex } from './exemplars.js';
import type { AnswerRecord, ScoringInput } from './interviewInput.js';
import { isGroupEnabled, type ScoringPolicy } from './policy.js';
import { ANSWER_FEATURES, weightsHash, type AnswerFeature, type FeatureGroup, type WeightsFile } from './weightsFile.js';

export type QuotedEvidence = { questionId: string; text: string };
export type Evidence = { quotes: QuotedEvidence[]; measured: LocalText | null; negated?: QuotedEvidence[] };
export type AnswerValues = Record<AnswerFeature, number>;
export type FeatureValues = { x: Float64Array; evidence: Evidence[]; analyses: Map<string, AnswerAnalysis>; answerValues: Map<string, AnswerValues> };

/** Comfortable speaking pace band, words per second (Vosk word timings). */
export const PACE_BAND = { min: 1.5, max: 4.5, penaltySpan: 1.5 } as const;
export const PAUSE_OK = 0.4;
export const LATENCY_OK_MS = 5000;
export const LATENCY_SPAN_MS = 25000;
export const LENGTH_FULL = { zh: 80, en: 60 } as const;

const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round2 = (v: number): string => (Math.round(v * 100) / 100).toString();

export const questionsFor = (pack: JobPack, competency: string): Question[] => pack.questions.filter((q) => q.competencies.includes(competency));

export function featureGroup(id: string): FeatureGroup {
  const kind = id.split(':')[0];
  if (kind === 'speech') return 'speech';
  if (kind === 'face') return 'face';
  if (kind === 'expr') return 'expression';
  if (kind === 'skills') return 'skills';
  return 'text';
}

/** Per-question context (exemplar index, topic vocabulary), built once per model. */
const contextCache = new Map<string, Map<string, QuestionContext>>();
/** Hashing a weights file (~100 KiB with its exemplars) costs milliseconds: once per object. */
const hashes = new WeakMap<WeightsFile, string>();
const hashOf = (w: WeightsFile): string => {
  let h = hashes.get(w);
  if (!h) {
    h = weightsHash(w);
    hashes.set(w, h);
  }
  return h;
};
export function questionContexts(pack: JobPack, weights: WeightsFile): Map<string, QuestionContext> {
  const key = `${hashOf(weights)}|${pack.id}@${pack.version}`;
  const hit = contextCache.get(key);
  if (hit) return hit;
  const out = new Map<string, QuestionContext>();
  for (const q of pack.questions) {
    const ex = weights.exemplars?.[q.id] ?? [];
    out.set(q.id, questionContext(q, ex.length ? buildIndex(ex) : null));
  }
  if (contextCache.size > 16) contextCache.clear();
  contextCache.set(key, out);
  return out;
}

/** The text scored for a question: the answer, and the follow-up answer on its own line. */
export const answerText = (a: Pick<AnswerRecord, 'text' | 'followUpText'>): string => (a.followUpText ? `${a.text}\n${a.followUpText}` : a.text);

export function answerValues(a: AnswerAnalysis | undefined): AnswerValues {
  if (!a || a.gate) {
    const avoid = a && a.gate !== 'keyword-list' && a.gate !== 'question-copy' ? countStatus(a, 'negative', 'avoided') : 0;
    const neg = a && a.gate !== 'keyword-list' && a.gate !== 'question-copy' ? countStatus(a, 'negative', 'credited') : 0;
    return { sim: 0, act: 0, len: 0, spec: 0, struct: 0, pos: 0, neg, avoid: Math.min(2, avoid), gate: 1 };
  }
  const full = a.lang === 'zh' ? LENGTH_FULL.zh : LENGTH_FULL.en;
  const r = a.relevance;
  return {
    sim: a.neighbours.level === null ? 0 : (a.neighbours.level - 1) / 4,
    act: (r * Math.min(a.statements, 5)) / 5,
    len: r * Math.min(1, Math.log(1 + a.contentSize) / Math.log(1 + full)),
    spec: (r * Math.min(a.specifics.length, 3)) / 3,
    struct: (r * Math.min(a.structureMarkers.length, 2)) / 2,
    pos: countStatus(a, 'positive', 'credited'),
    neg: countStatus(a, 'negative', 'credited'),
    avoid: Math.min(2, countStatus(a, 'negative', 'avoided')),
    gate: 0,
  };
}

const countStatus = (a: AnswerAnalysis, polarity: 'positive' | 'negative', status: string): number => a.hits.filter((h) => h.polarity === polarity && h.status === status).length;

/** Analyses each answered question once (the expensive part: segmentation, matching, neighbours). */
export function analyseAll(pack: JobPack, weights: WeightsFile, input: ScoringInput): Map<string, AnswerAnalysis> {
  const ctx = questionContexts(pack, weights);
  const out = new Map<string, AnswerAnalysis>();
  for (const a of input.answers) {
    const q = pack.questions.find((qq) => qq.id === a.questionId);
    if (q) out.set(q.id, analyseAnswer(q, answerText(a), ctx.get(q.id)!));
  }
  return out;
}

export function computeFeatures(pack: JobPack, weights: WeightsFile, input: ScoringInput, policy: ScoringPolicy): FeatureValues {
  const analyses = analyseAll(pack, weights, input);
  const values = new Map(pack.questions.map((q) => [q.id, answerValues(analyses.get(q.id))]));
  const x = new Float64Array(weights.features.length);
  const evidence = weights.features.map((f, i): Evidence => {
    if (!isGroupEnabled(policy, f.group)) return { quotes: [], measured: t('未使用（门店评分政策关闭）', 'not used (off in the store scoring policy)') };
    const r = computeOne(pack, f.id, input, analyses, values);
    x[i] = r.value;
    return r.evidence;
  });
  return { x, evidence, analyses, answerValues: values };
}

type One = { value: number; evidence: Evidence };

function computeOne(pack: JobPack, id: string, input: ScoringInput, analyses: Map<string, AnswerAnalysis>, values: Map<string, AnswerValues>): One {
  const parts = id.split(':');
  const kind = parts[0]!;
  if (kind === 'ind') {
    const hit = analyses.get(parts[1]!)?.hits.find((h) => h.indicatorId === parts[3] && h.status === 'credited');
    return { value: hit ? 1 : 0, evidence: { quotes: hit ? [{ questionId: parts[1]!, text: hit.clause.text }] : [], measured: null } };
  }
  if ((ANSWER_FEATURES as readonly string[]).includes(kind)) {
    const v = values.get(parts[1]!);
    if (!v) throw new Error(`feature "${id}" names a question that is not in the pack`);
    return { value: v[kind as AnswerFeature], evidence: { quotes: [], measured: null } };
  }
  if (kind === 'speech')
    return speech(
      parts[1]!,
      input.answers.filter((a) => a.mode === 'spoken'),
    );
  if (kind === 'face' || kind === 'expr') return face(parts[1]!, input.cameraConsent ? input.answers.filter((a) => a.face && a.face.framesAnalysed > 0) : []);
  if (kind === 'skills') return skills(pack, parts[1]!, input);
  throw new Error(`unknown feature "${id}"`);
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
  if (vals.length === 0) return { value: 0, evidence: { quotes: [], measured: t('没有语音回答，不计', 'no spoken answers: not counted') } };
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
  if (vals.length === 0) return { value: 0, evidence: { quotes: [], measured: t('没有摄像头数据，不计', 'no camera data: not counted') } };
  const v = mean(vals);
  return { value: v, evidence: { quotes: [], measured: t(`${vals.length} 段回答的摄像头数据，数值 ${round2(v)}`, `camera data from ${vals.length} answer(s), value ${round2(v)}`) } };
}

function skills(pack: JobPack, which: string, input: ScoringInput): One {
  if (pack.skillsTests.length === 0) return { value: 0, evidence: { quotes: [], measured: null } };
  const per = pack.skillsTests.map((test) => {
    const r = input.skills.find((s) => s.testId === test.id);
    if (!r) return { acc: 0, speed: 0, zh: `${test.title['zh-CN']}：未完成`, en: `${test.title.en}: not done` };
    const acc = Math.min(1, r.correct / r.total);
    const speed = acc * Math.max(0, 1 - r.totalMs / (test.timeLimitSeconds * 1000));
    const secs = (r.totalMs / 1000).toFixed(0);
    return { acc, speed, zh: `${test.title['zh-CN']}：答对 ${r.correct}/${r.total}，用时 ${secs} 秒`, en: `${test.title.en}: ${r.correct} of ${r.total} right in ${secs} s` };
  });
  const value = mean(per.map((p) => (which === 'accuracy' ? p.acc : p.speed)));
  return { value, evidence: { quotes: [], measured: t(per.map((p) => p.zh).join('；'), per.map((p) => p.en).join('; ')) } };
}
