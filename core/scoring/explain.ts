/**
 * Exact explanations a store manager can read in 30 seconds.
 *
 * A competency score is intercept + Σ weight·value (clamped to 0..100). Its terms are grouped:
 * the baseline, one term per answer that assesses the competency (the sum of that answer's
 * features), the skills test, any policy-enabled delivery/face terms, and the clamp. Every term is
 * rounded to tenths with the largest-remainder method, so the rounded terms add up to the rounded
 * score exactly. Evidence is listed by indicator label with the applicant's whole clause; red
 * flags are shown as such. Each answer also gets its own score (the fitted answer model) with its
 * own exact terms.
 */
import type { JobPack, LocalText } from '../packs/packSchema.js';
import type { AnswerAnalysis, Gate } from './answerAnalysis.js';
import type { Evidence, FeatureValues } from './features.js';
import type { ModelOutput } from './model.js';
import type { ScoringPolicy } from './policy.js';
import { ANSWER_FEATURES, type AnswerFeature, type WeightsFile } from './weightsFile.js';
import { scoreToLevel } from './agreement.js';

export type Contribution = {
  feature: string;
  kind: 'answer' | 'feature' | 'baseline' | 'clamp';
  /** For kind 'answer': the question it stands for. */
  questionId?: string;
  label: LocalText;
  /** Points, rounded to tenths; the contributions of a competency add up to its score. */
  contribution: number;
  value: number | null;
  weight: number | null;
  measured: LocalText | null;
};
export type EvidenceItem = {
  questionId: string;
  competency: string;
  polarity: 'positive' | 'negative';
  /** credited: counts; avoided: a red flag the applicant ruled out; negated: a good act the applicant said they would not do. */
  status: 'credited' | 'avoided' | 'negated';
  label: LocalText;
  /** The applicant's whole clause, an exact substring of the answer. */
  quote: string;
};
export type CompetencyScore = { id: string; name: LocalText; score: number; level: number; summary: LocalText; contributions: Contribution[]; evidence: EvidenceItem[] };
export type AnswerTerm = { label: LocalText; contribution: number };
export type AnswerScore = { questionId: string; score: number; level: number; gate: Gate | null; terms: AnswerTerm[] };
export type Band = 'recommend' | 'borderline' | 'not_recommended';
export type ScoreResult = {
  modelVersion: string;
  weightsHash: string;
  packId: string;
  packVersion: string;
  policy: ScoringPolicy;
  competencies: CompetencyScore[];
  answers: AnswerScore[];
  overall: number;
  /** overall = Σ share × competency score; these shares' contributions add up to overall. */
  overallContributions: { competency: string; weight: number; contribution: number }[];
  band: Band;
  thresholds: { recommendAt: number; borderlineAt: number };
};

const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

/** Rounds values to integer tenths so that they sum to round(total·10). */
export function roundToTotal(values: number[], total: number): number[] {
  const target = Math.round(total * 10) + 0; // + 0 turns -0 into 0
  const scaled = values.map((v) => v * 10);
  const floors = scaled.map((v) => Math.floor(v + 1e-9));
  let diff = target - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, frac: v - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (let k = 0; diff > 0 && order.length; k = (k + 1) % order.length, diff--) out[order[k]!.i]! += 1;
  for (let k = order.length - 1; diff < 0 && order.length; k = (k - 1 + order.length) % order.length, diff++) out[order[k]!.i]! -= 1;
  return out;
}

/** Competency level 1–5 on the same scale as answers: 25 points a level. */
export const levelOf = scoreToLevel;

export function bandOf(overall: number, pack: JobPack): Band {
  if (overall >= pack.scoring.recommendAt) return 'recommend';
  if (overall >= pack.scoring.borderlineAt) return 'borderline';
  return 'not_recommended';
}

const questionLabel = (pack: JobPack, questionId: string): LocalText => {
  const i = pack.questions.findIndex((q) => q.id === questionId);
  return t(`第${i + 1}题的回答`, `Answer to question ${i + 1}`);
};

/** Longest quote, in characters, before a run-on clause (unpunctuated speech) is narrowed to the words around the match. */
export const MAX_QUOTE = 40;

/**
 * The applicant's whole clause; a very long run-on clause is narrowed to whole words around
 * the matched phrase (never a cut word). Always an exact substring of the answer.
 */
export function quoteOf(text: string, h: { clause: { start: number; end: number }; match: { start: number; end: number } }): string {
  const { start, end } = h.clause;
  if (end - start <= MAX_QUOTE) return text.slice(start, end).trim();
  // Word boundaries: spaces, and for Chinese every character boundary outside a Latin word.
  const isBoundary = (i: number): boolean => i <= start || i >= end || /\s/u.test(text[i - 1]!) || /\s/u.test(text[i]!) || /\p{Script=Han}/u.test(text[i - 1]!) || /\p{Script=Han}/u.test(text[i]!);
  const room = Math.max(0, MAX_QUOTE - (h.match.end - h.match.start));
  let a = Math.max(start, h.match.start - Math.floor(room / 2));
  let b = Math.min(end, h.match.end + (room - (h.match.start - a)));
  while (a > start && !isBoundary(a)) a--;
  while (b < end && !isBoundary(b)) b++;
  // Prefer to start at a space in spaced speech output, so no word is cut.
  const sp = text.lastIndexOf(' ', h.match.start);
  if (sp >= a && sp < h.match.start && /\s/u.test(text.slice(start, end))) a = sp + 1;
  return text.slice(a, b).trim();
}

/** Evidence from the analyses: credited good acts and red flags, avoided red flags, negated good acts. */
export function evidenceOf(pack: JobPack, analyses: Map<string, AnswerAnalysis>): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const q of pack.questions) {
    const a = analyses.get(q.id);
    if (!a) continue;
    for (const h of a.hits) {
      if (h.status === 'uncredited') continue;
      const ind = q.indicators.find((i) => i.id === h.indicatorId)!;
      out.push({ questionId: q.id, competency: h.competency, polarity: h.polarity, status: h.status, label: ind.label, quote: quoteOf(a.text, h) });
    }
  }
  return out;
}

function summaryOf(pack: JobPack, competencyId: string, level: number, answered: number, evidence: EvidenceItem[], gated: number, gatedAnswered: number): LocalText {
  const desc = pack.competencies.find((c) => c.id === competencyId)?.levels[level - 1];
  if (answered === 0) return t('没有可以评估的回答。', 'No answer to assess.');
  // Nothing said to place on the scale: do not quote the level-1 description as if it were shown.
  if (gatedAnswered === answered && !evidence.some((e) => e.status === 'credited'))
    return t(`没有可以评估的内容：${gated} 题的回答太短、离题或没有作答。`, `Nothing to assess: ${gated} answer${gated > 1 ? 's were' : ' was'} too short, off the question or missing.`);
  const flags = evidence.filter((e) => e.polarity === 'negative' && e.status === 'credited').length;
  const good = evidence.filter((e) => e.polarity === 'positive' && e.status === 'credited').length;
  const head = t(`最接近第 ${level} 级（共 5 级）的描述`, `Closest to the level ${level} of 5 description`);
  const tail = t(
    `${good ? `，有 ${good} 处具体做法` : '，没有说出具体做法'}${flags ? `，${flags} 处需要注意` : ''}${gated ? `，${gated} 题的回答太短、离题或没有作答` : ''}。`,
    `${good ? `; ${good} concrete action${good > 1 ? 's' : ''} named` : '; no concrete action named'}${flags ? `; ${flags} warning sign${flags > 1 ? 's' : ''}` : ''}${gated ? `; ${gated} answer${gated > 1 ? 's' : ''} too short, off the question or missing` : ''}.`,
  );
  // The level's description is quoted: it is the scale the score was placed on, not a claim about the person.
  return t(`${head['zh-CN']}：「${desc?.['zh-CN'].replace(/。$/, '') ?? ''}」${tail['zh-CN']}`, `${head.en}: “${desc?.en.replace(/\.$/, '') ?? ''}”${tail.en}`);
}

export function explain(pack: JobPack, weights: WeightsFile, fv: FeatureValues, out: ModelOutput, meta: { modelVersion: string; weightsHash: string; policy: ScoringPolicy }): ScoreResult {
  const { x, evidence: featureEvidence, analyses } = fv;
  const allEvidence = evidenceOf(pack, analyses);
  const competencies = weights.competencies.map((c, ci): CompetencyScore => {
    type Group = { key: string; kind: Contribution['kind']; questionId?: string; label: LocalText; exact: number; value: number | null; weight: number | null; measured: LocalText | null };
    const groups = new Map<string, Group>();
    weights.features.forEach((f, fi) => {
      if (f.competency !== c.id) return;
      const exact = f.weight * x[fi]!;
      const parts = f.id.split(':');
      const isAnswer = (ANSWER_FEATURES as readonly string[]).includes(parts[0]!) || parts[0] === 'ind';
      if (isAnswer) {
        const qid = parts[1]!;
        const g = groups.get(`q:${qid}`) ?? { key: `q:${qid}`, kind: 'answer' as const, questionId: qid, label: questionLabel(pack, qid), exact: 0, value: null, weight: null, measured: null };
        g.exact += exact;
        groups.set(g.key, g);
      } else if (exact !== 0) {
        const ev: Evidence | undefined = featureEvidence[fi];
        groups.set(f.id, { key: f.id, kind: 'feature', label: f.label, exact, value: x[fi]!, weight: f.weight, measured: ev?.measured ?? null });
      }
    });
    // The intercept belongs to the answers (it is the answer model's starting point, shared out
    // equally): "Answer to question 2: +18.4" then reads as what that answer is worth here.
    const qs = pack.questions.filter((q) => q.competencies.includes(c.id));
    const answerTerms = [...groups.values()].filter((g) => g.kind === 'answer');
    for (const q of qs) {
      if (!groups.has(`q:${q.id}`))
        groups.set(`q:${q.id}`, { key: `q:${q.id}`, kind: 'answer', questionId: q.id, label: questionLabel(pack, q.id), exact: 0, value: null, weight: null, measured: null });
    }
    const shared = answerTerms.length || qs.length ? c.intercept / Math.max(1, qs.length) : 0;
    for (const q of qs) groups.get(`q:${q.id}`)!.exact += shared;
    const ordered = [...groups.values()].sort(
      (a, b) =>
        (a.kind === b.kind ? 0 : a.kind === 'answer' ? -1 : 1) ||
        (a.questionId && b.questionId ? pack.questions.findIndex((q) => q.id === a.questionId) - pack.questions.findIndex((q) => q.id === b.questionId) : 0),
    );
    const baseline = qs.length ? 0 : c.intercept;
    const terms = ordered;
    const score = out.scores[ci]!;
    const sum = baseline + terms.reduce((s, g) => s + g.exact, 0);
    const clamp = score - sum;
    const hasClamp = Math.abs(clamp) > 1e-9;
    const tenths = roundToTotal([baseline, ...terms.map((g) => g.exact), ...(hasClamp ? [clamp] : [])], score);
    const contributions: Contribution[] = [
      ...(baseline !== 0 ? [{ feature: 'baseline', kind: 'baseline' as const, label: t('起点分', 'starting point'), contribution: tenths[0]! / 10, value: null, weight: null, measured: null }] : []),
      ...terms.map((g, k): Contribution => ({
        feature: g.key,
        kind: g.kind,
        ...(g.questionId ? { questionId: g.questionId } : {}),
        label: g.label,
        contribution: tenths[k + 1]! / 10,
        value: g.value,
        weight: g.weight,
        measured: g.measured,
      })),
      ...(hasClamp
        ? [{ feature: 'clamp', kind: 'clamp' as const, label: t('限制在 0–100 分之内', 'kept within 0–100'), contribution: tenths.at(-1)! / 10, value: null, weight: null, measured: null }]
        : []),
    ];
    const name = pack.competencies.find((pc) => pc.id === c.id)?.name ?? t(c.id, c.id);
    const rounded = Math.round(score * 10) / 10;
    const level = levelOf(rounded);
    const evidence = allEvidence.filter((e) => e.competency === c.id);
    const answered = qs.filter((q) => analyses.has(q.id)).length;
    const gated = qs.filter((q) => !analyses.has(q.id) || analyses.get(q.id)!.gate !== null).length;
    const gatedAnswered = qs.filter((q) => analyses.get(q.id)?.gate != null).length;
    return { id: c.id, name, score: rounded, level, summary: summaryOf(pack, c.id, level, answered, evidence, gated, gatedAnswered), contributions, evidence };
  });
  const total = weights.competencies.reduce((s, c) => s + c.overallWeight, 0);
  const shares = weights.competencies.map((c, ci) => (c.overallWeight / total) * out.scores[ci]!);
  const overallTenths = roundToTotal(shares, out.overall);
  const overall = Math.round(out.overall * 10) / 10;
  return {
    modelVersion: meta.modelVersion,
    weightsHash: meta.weightsHash,
    packId: pack.id,
    packVersion: pack.version,
    policy: meta.policy,
    competencies,
    answers: answerScores(pack, weights, fv),
    overall,
    overallContributions: weights.competencies.map((c, ci) => ({ competency: c.id, weight: c.overallWeight / total, contribution: overallTenths[ci]! / 10 })),
    band: bandOf(overall, pack),
    thresholds: { recommendAt: pack.scoring.recommendAt, borderlineAt: pack.scoring.borderlineAt },
  };
}

/** Plain labels for the answer features, shared by the explanation and the fitted weights file. */
export const ANSWER_TERM_LABELS: Record<Exclude<AnswerFeature, 'pos' | 'neg'>, LocalText> = {
  sim: t('和评过分的好回答相近', 'close to graded strong answers'),
  act: t('说出了具体做法', 'said what they would actually do'),
  len: t('说得充分', 'said enough'),
  spec: t('有具体细节（数字、时间、地点）', 'specific details (numbers, times, places)'),
  struct: t('讲清了先后或经过', 'clear order of steps or events'),
  avoid: t('明确不做错事', 'ruled out the wrong thing to do'),
  gate: t('回答太短、离题、只列词语或照抄问题', 'too short, off the question, a list of words or the question repeated'),
};

/** Per answer: the fitted answer model's score with exact terms (good acts and red flags by label). */
export function answerScores(pack: JobPack, weights: WeightsFile, fv: FeatureValues): AnswerScore[] {
  const m = weights.answerModel;
  if (!m) return [];
  return pack.questions.map((q): AnswerScore => {
    const v = fv.answerValues.get(q.id)!;
    const a = fv.analyses.get(q.id);
    const terms: { label: LocalText; exact: number }[] = [{ label: t('起点（空白回答）', 'starting point (an empty answer)'), exact: m.intercept }];
    for (const f of ANSWER_FEATURES) {
      if (f === 'pos' || f === 'neg') continue;
      const exact = m.weights[f] * v[f];
      if (exact !== 0) terms.push({ label: ANSWER_TERM_LABELS[f], exact });
    }
    for (const h of a?.hits ?? []) {
      if (h.status !== 'credited') continue;
      const w = h.polarity === 'positive' ? m.weights.pos : m.weights.neg;
      if (w !== 0) terms.push({ label: q.indicators.find((i) => i.id === h.indicatorId)!.label, exact: w });
    }
    const raw = terms.reduce((s, tm) => s + tm.exact, 0);
    const score = Math.min(100, Math.max(0, raw));
    if (Math.abs(score - raw) > 1e-9) terms.push({ label: t('限制在 0–100 分之内', 'kept within 0–100'), exact: score - raw });
    const tenths = roundToTotal(
      terms.map((tm) => tm.exact),
      score,
    );
    const rounded = Math.round(score * 10) / 10;
    return { questionId: q.id, score: rounded, level: levelOf(rounded), gate: a ? a.gate : 'empty', terms: terms.map((tm, i) => ({ label: tm.label, contribution: tenths[i]! / 10 })) };
  });
}
