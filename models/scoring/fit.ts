/**
 * Fits a pack's scoring model on its graded answer bank (build time, never on the kiosk):
 *
 * 1. The training split becomes the exemplar index; each training answer's features are computed
 *    leave-one-out (it is never compared with itself).
 * 2. The answer model — score = intercept + Σ w·feature, on the 0–100 scale where a level-L answer
 *    is worth 25·(L−1) — is fitted by ridge regression with sign constraints (more similarity, more
 *    stated actions, more credited good acts never lower a score; red flags and gates never raise
 *    it), λ chosen by 5-fold cross-validation on the training split only.
 * 3. The held-out split is scored once, with the same code the kiosk runs, and the agreement
 *    (QWK with a bootstrap interval, Spearman ρ, exact/adjacent) is written into the weights file
 *    and the model card, per language.
 * 4. The competency model is derived from the answer model (see deriveCompetencyModel) so that the
 *    ONNX graph stays linear and every explanation adds up exactly.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnswerBank, bankProblems, type BankAnswer } from '../../core/packs/bankSchema.js';
import { JobPack, type LocalText } from '../../core/packs/packSchema.js';
import { agreement, qwk, scoreToLevel } from '../../core/scoring/agreement.js';
import { analyseAnswer, paraphraseUse, questionContext } from '../../core/scoring/answerAnalysis.js';
import { buildIndex } from '../../core/scoring/exemplars.js';
import { ANSWER_TERM_LABELS } from '../../core/scoring/explain.js';
import { answerValues, featureGroup, questionsFor } from '../../core/scoring/features.js';
import { solveSpd } from '../../core/scoring/refit.js';
import { ANSWER_FEATURES, CAPS, WeightsFile, type Agreement, type AnswerFeature, type FeatureSpec } from '../../core/scoring/weightsFile.js';
import { canonicalJson } from '../../core/ids.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PACKS_DIR = path.resolve(here, '../../resources/packs');
export const WEIGHTS_DIR = path.join(here, 'weights');

/** Which way each answer feature may push a score. */
export const SIGNS: Record<AnswerFeature, 1 | -1> = { sim: 1, act: 1, len: 1, spec: 1, struct: 1, pos: 1, neg: -1, avoid: 1, gate: -1 };
/**
 * Policy floors on top of the fit: a credited red flag always costs at least this many points
 * (a manager would not accept "hides the mistake" being nearly free because the bank has few
 * such answers).
 */
export const MAX_WEIGHT: Partial<Record<AnswerFeature, number>> = { neg: -10 };
export const LAMBDAS = [0.3, 1, 3, 10, 30, 100];
/** Ridge shrinks predictions toward the middle; a stretch (chosen by CV on the training split) restores the spread. */
export const STRETCHES = [1, 1.1, 1.2, 1.3, 1.4, 1.5];
export const SKILLS_SHARE = 0.3;

export type AnswerModel = { intercept: number; weights: Record<AnswerFeature, number> };
export type Row = { answer: BankAnswer; x: number[]; y: number };

const target = (level: number): number => 25 * (level - 1);

export function loadPackAndBank(packId: string, packsDir = PACKS_DIR): { pack: JobPack; bank: AnswerBank; bankHash: string } {
  const pack = JobPack.parse(JSON.parse(fs.readFileSync(path.join(packsDir, `${packId}.json`), 'utf8')));
  const bankFile = path.join(packsDir, 'banks', `${packId}.bank.json`);
  if (!fs.existsSync(bankFile)) throw new Error(`${packId}: no graded answer bank (banks/${packId}.bank.json is missing); a model cannot be fitted without one`);
  const text = fs.readFileSync(bankFile, 'utf8');
  const bank = AnswerBank.parse(JSON.parse(text));
  const problems = bankProblems(pack, bank);
  if (problems.length) throw new Error(`${packId}: the answer bank is not usable:\n  ${problems.join('\n  ')}`);
  return { pack, bank, bankHash: createHash('sha256').update(text).digest('hex') };
}

/**
 * Feature rows: training answers leave-one-out against the training exemplars; held-out answers
 * against all of them. The indicator paraphrases were written from the training answers, so a
 * training answer is read without the paraphrases that no other training answer uses (they may
 * exist only because of it): its features then look like those of an answer the authors never saw.
 */
export function featureRows(pack: JobPack, bank: AnswerBank): { train: Row[]; heldout: Row[] } {
  const train: Row[] = [];
  const heldout: Row[] = [];
  for (const q of pack.questions) {
    const ex = bank.answers.filter((a) => a.questionId === q.id && a.split === 'train');
    const ctx = questionContext(q, buildIndex(ex.map((a) => ({ id: a.id, text: a.text, level: a.level }))));
    const use = paraphraseUse(q, ex);
    for (const a of bank.answers.filter((b) => b.questionId === q.id)) {
      const keep = (indicatorId: string, p: string): boolean => [...(use.get(`${indicatorId}|${p}`) ?? [])].some((id) => id !== a.id);
      const r = analyseAnswer(q, a.text, ctx, a.split === 'train' ? { excludeExemplarId: a.id, paraphraseFilter: keep } : {});
      const v = answerValues(r);
      const row = { answer: a, x: ANSWER_FEATURES.map((f) => v[f]), y: target(a.level) };
      (a.split === 'train' ? train : heldout).push(row);
    }
  }
  return { train, heldout };
}

/** Ridge regression (intercept unpenalised) with sign constraints by an active set. */
export function fitRidge(rows: readonly Row[], lambda: number): AnswerModel {
  const free = new Set(ANSWER_FEATURES.map((_, i) => i));
  /** Features held at a fixed weight (a policy floor that the unconstrained fit did not reach). */
  const fixed = new Map<number, number>();
  for (;;) {
    const idx = [...free];
    const yOf = (r: Row) => r.y - [...fixed].reduce((s, [j, w]) => s + w * r.x[j]!, 0);
    const mx = idx.map((j) => rows.reduce((s, r) => s + r.x[j]!, 0) / rows.length);
    const my = rows.reduce((s, r) => s + yOf(r), 0) / rows.length;
    const A = idx.map((_, a) => idx.map((_, b) => rows.reduce((s, r) => s + (r.x[idx[a]!]! - mx[a]!) * (r.x[idx[b]!]! - mx[b]!), 0) + (a === b ? lambda : 0)));
    const bv = idx.map((_, a) => rows.reduce((s, r) => s + (r.x[idx[a]!]! - mx[a]!) * (yOf(r) - my), 0));
    const w = idx.length ? solveSpd(A, bv) : [];
    let worst = -1;
    let worstBy = 0;
    idx.forEach((j, a) => {
      const wrong = -SIGNS[ANSWER_FEATURES[j]!] * w[a]!;
      if (wrong > worstBy) {
        worstBy = wrong;
        worst = j;
      }
    });
    if (worst >= 0) {
      free.delete(worst);
      const cap = MAX_WEIGHT[ANSWER_FEATURES[worst]!];
      if (cap !== undefined) fixed.set(worst, cap);
      continue;
    }
    const over = idx.findIndex((j, a) => MAX_WEIGHT[ANSWER_FEATURES[j]!] !== undefined && w[a]! > MAX_WEIGHT[ANSWER_FEATURES[j]!]!);
    if (over >= 0) {
      free.delete(idx[over]!);
      fixed.set(idx[over]!, MAX_WEIGHT[ANSWER_FEATURES[idx[over]!]!]!);
      continue;
    }
    const weights = Object.fromEntries(ANSWER_FEATURES.map((f) => [f, 0])) as Record<AnswerFeature, number>;
    idx.forEach((j, a) => (weights[ANSWER_FEATURES[j]!] = w[a]!));
    for (const [j, wj] of fixed) weights[ANSWER_FEATURES[j]!] = wj;
    const intercept = my - idx.reduce((s, _j, a) => s + w[a]! * mx[a]!, 0);
    return { intercept, weights };
  }
}

export const predict = (m: AnswerModel, x: readonly number[]): number => Math.min(100, Math.max(0, m.intercept + ANSWER_FEATURES.reduce((s, f, i) => s + m.weights[f] * x[i]!, 0)));

const foldOf = (id: string): number => parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 5;

/** λ by 5-fold cross-validation on the training split (mean squared error). */
export function chooseLambda(train: readonly Row[]): number {
  let best = LAMBDAS[0]!;
  let bestErr = Infinity;
  for (const lambda of LAMBDAS) {
    let err = 0;
    for (let k = 0; k < 5; k++) {
      const m = fitRidge(
        train.filter((r) => foldOf(r.answer.id) !== k),
        lambda,
      );
      for (const r of train.filter((rr) => foldOf(rr.answer.id) === k)) err += (predict(m, r.x) - r.y) ** 2;
    }
    if (err < bestErr - 1e-9) {
      bestErr = err;
      best = lambda;
    }
  }
  return best;
}

/**
 * Cross-validated predictions on the training split for a λ, then the stretch b that maximises
 * the mean QWK over the languages: score' = ȳ + b·(score − p̄), folded back into the weights.
 */
export function chooseStretch(train: readonly Row[], lambda: number): { stretch: number; meanY: number; meanPred: number } {
  const cvRaw: { row: Row; raw: number }[] = [];
  for (let k = 0; k < 5; k++) {
    const m = fitRidge(
      train.filter((r) => foldOf(r.answer.id) !== k),
      lambda,
    );
    for (const r of train.filter((rr) => foldOf(rr.answer.id) === k)) cvRaw.push({ row: r, raw: m.intercept + ANSWER_FEATURES.reduce((s, f, i) => s + m.weights[f] * r.x[i]!, 0) });
  }
  const meanY = cvRaw.reduce((s, c) => s + c.row.y, 0) / cvRaw.length;
  const meanPred = cvRaw.reduce((s, c) => s + c.raw, 0) / cvRaw.length;
  let best = { stretch: 1, q: -Infinity };
  for (const b of STRETCHES) {
    const q =
      ['zh-CN', 'en'].reduce((s, lang) => {
        const rs = cvRaw.filter((c) => c.row.answer.lang === lang);
        return (
          s +
          qwk(
            rs.map((c) => c.row.answer.level),
            rs.map((c) => scoreToLevel(Math.min(100, Math.max(0, meanY + b * (c.raw - meanPred))))),
          )
        );
      }, 0) / 2;
    if (q > best.q + 1e-9) best = { stretch: b, q };
  }
  return { stretch: best.stretch, meanY, meanPred };
}

const r4 = (v: number): number => Math.round(v * 10000) / 10000;
const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

/**
 * Competency model from the answer model. For competency c with questions Q_c and skills share α_c:
 *   score_c = (1 − α_c) · mean_{q∈Q_c} answerScore_q (unclipped) + α_c · 100 · skillsAccuracy.
 * A credited indicator counts toward its own competency: its weight is the answer weight times
 * Σ_{c'∈C_q} (1 − α_c')/|Q_c'|, which keeps the sum over competencies equal to the answer model's.
 */
export function deriveCompetencyModel(pack: JobPack, m: AnswerModel, skillsShare: number): { competencies: WeightsFile['competencies']; features: FeatureSpec[] } {
  const skillsOwner = pack.skillsTests.length ? (['accuracy', 'reliability', 'time-management'].find((p) => pack.competencies.some((c) => c.id === p)) ?? pack.competencies[0]!.id) : null;
  const alpha = (c: string): number => (c === skillsOwner ? (questionsFor(pack, c).length ? skillsShare : 1) : 0);
  const k = (c: string): number => {
    const n = questionsFor(pack, c).length;
    return n ? (1 - alpha(c)) / n : 0;
  };
  const features: FeatureSpec[] = [];
  const add = (id: string, competency: string, weight: number, label: LocalText) => features.push({ id, group: featureGroup(id), competency, weight: r4(weight), label });
  for (const comp of pack.competencies) {
    const c = comp.id;
    for (const q of questionsFor(pack, c)) {
      for (const kind of ['sim', 'act', 'len', 'spec', 'struct', 'avoid', 'gate'] as const) {
        if (m.weights[kind] !== 0) add(`${kind}:${q.id}:${c}`, c, m.weights[kind] * k(c), ANSWER_TERM_LABELS[kind]);
      }
      const spread = q.competencies.reduce((s, cc) => s + k(cc), 0);
      for (const ind of q.indicators.filter((i) => i.competency === c)) {
        const w = ind.polarity === 'positive' ? m.weights.pos : m.weights.neg;
        if (w !== 0) add(`ind:${q.id}:${c}:${ind.id}`, c, w * spread, ind.label);
      }
    }
    if (c === skillsOwner) add('skills:accuracy', c, 100 * alpha(c), t('小测试答对的比例', 'share right in the skills test'));
  }
  const delivery = pack.competencies.find((c) => c.id === 'communication')?.id ?? pack.competencies[0]!.id;
  add('speech:pace', delivery, 4, t('语速', 'speaking pace'));
  add('speech:pauses', delivery, 3, t('停顿', 'pauses'));
  add('speech:latency', delivery, 2, t('开始回答的时间', 'time to start answering'));
  add('face:presence', delivery, CAPS.facePerCompetency / 2, t('面部在画面中', 'face in frame'));
  add('face:attention', delivery, CAPS.facePerCompetency / 2, t('面向屏幕', 'facing the screen'));
  add(
    'expr:smile',
    pack.competencies.find((c) => c.id === 'customer-focus')?.id ?? delivery,
    CAPS.expressionPerFeature,
    t('微笑（仅在当地政策允许时）', 'smiling (only where the local policy allows)'),
  );
  const competencies = pack.competencies.map((c) => ({ id: c.id, intercept: r4(m.intercept * (1 - alpha(c.id)) * (questionsFor(pack, c.id).length ? 1 : 0)), overallWeight: 1 }));
  return { competencies, features };
}

export type FitReport = { weights: WeightsFile; lambda: number; stretch: number; heldoutScores: { id: string; lang: string; level: number; score: number }[] };

export function fitPack(packId: string, opts: { created: string; modelVersion: string; packsDir?: string }): FitReport {
  const { pack, bank, bankHash } = loadPackAndBank(packId, opts.packsDir);
  const { train, heldout } = featureRows(pack, bank);
  const lambda = chooseLambda(train);
  const fitted = fitRidge(train, lambda);
  const { stretch, meanY, meanPred } = chooseStretch(train, lambda);
  const m: AnswerModel = {
    intercept: r4(meanY - stretch * meanPred + stretch * fitted.intercept),
    weights: Object.fromEntries(ANSWER_FEATURES.map((f) => [f, r4(stretch * fitted.weights[f])])) as Record<AnswerFeature, number>,
  };
  // Measured on the score the kiosk shows (tenths), so the figures can be re-measured exactly.
  const heldoutScores = heldout.map((r) => ({ id: r.answer.id, lang: r.answer.lang, level: r.answer.level, score: Math.round(predict(m, r.x) * 10) / 10 }));
  const agreementRows: Agreement[] = ['zh-CN', 'en', 'all'].map((lang) => {
    const rows = heldoutScores.filter((h) => lang === 'all' || h.lang === lang);
    return {
      lang,
      ...agreement(
        rows.map((r) => r.level),
        rows.map((r) => r.score),
      ),
    };
  });
  const exemplars = Object.fromEntries(
    pack.questions.map((q) => [q.id, bank.answers.filter((a) => a.questionId === q.id && a.split === 'train').map((a) => ({ id: a.id, text: a.text, level: a.level }))]),
  );
  const { competencies, features } = deriveCompetencyModel(pack, m, SKILLS_SHARE);
  const weights = WeightsFile.parse({
    format: 'kiosk-scoring-weights',
    formatVersion: 2,
    packId: pack.id,
    packVersion: pack.version,
    modelVersion: opts.modelVersion,
    created: opts.created,
    notes: `Fitted by models/scoring/fit.ts on the training split of banks/${pack.id}.bank.json (ridge, λ = ${lambda} by 5-fold CV, sign-constrained; stretch ${stretch} by CV).`,
    competencies,
    features,
    answerModel: m,
    skillsShare: SKILLS_SHARE,
    exemplars,
    bank: { sha256: bankHash, train: train.length, heldout: heldout.length, agreement: agreementRows },
  });
  return { weights, lambda, stretch, heldoutScores };
}

export const PACK_IDS = ['cashier', 'delivery-rider', 'retail-sales', 'warehouse-sorter'] as const;
export const MODEL_VERSION = '2.0.0';
export const MODEL_CREATED = '2026-12-01T00:00:00Z';

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  for (const id of only.length ? only : PACK_IDS) {
    const r = fitPack(id, { created: MODEL_CREATED, modelVersion: MODEL_VERSION });
    fs.mkdirSync(WEIGHTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(WEIGHTS_DIR, `${id}.weights.json`), JSON.stringify(JSON.parse(canonicalJson(r.weights)), null, 2) + '\n');
    const a = r.weights.bank!.agreement;
    process.stderr.write(
      `${id}: λ=${r.lambda} answer model ${JSON.stringify(r.weights.answerModel)}\n` +
        a.map((g) => `   ${g.lang.padEnd(5)} n=${g.n} QWK ${g.qwk} [${g.qwkLow}, ${g.qwkHigh}]  ρ ${g.spearman}  exact ${g.exact}  adjacent ${g.adjacent}`).join('\n') +
        '\n',
    );
  }
}
