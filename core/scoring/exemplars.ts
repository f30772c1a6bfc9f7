/**
 * Similarity to graded exemplars, with no downloaded model: each answer becomes a TF-IDF vector
 * of Chinese character uni/bigrams and English stems (uni/bigrams), compared by cosine with the
 * graded answers of the same question that the model was fitted on. The nearest exemplars'
 * levels (similarity-weighted) estimate the answer's level, so a good answer in words nobody
 * put in the rubric still lands near the good answers it resembles.
 */
import { FILLERS_EN, FILLERS_ZH } from './lexicon.js';
import { readAnswer, type Reading } from './clauses.js';

export type Exemplar = { id: string; text: string; level: number };
type Vec = Map<string, number>;
export type ExemplarIndex = { ids: string[]; levels: number[]; vectors: Vec[]; idf: Map<string, number>; n: number };
export type Neighbours = {
  level: number | null;
  maxSimilarity: number;
  /** Highest similarity to an exemplar graded 3 or above: how close the answer comes to any acceptable answer. */
  maxGoodSimilarity: number;
  nearest: { id: string; level: number; similarity: number }[];
};
export const NO_NEIGHBOURS: Neighbours = Object.freeze({ level: null, maxSimilarity: 0, maxGoodSimilarity: 0, nearest: [] });

export const KNN_K = 7;
/**
 * Shrinkage toward level 1: a pseudo-neighbour at level 1 with this similarity. Answers with only
 * faint likeness to any graded answer (off-topic talk) are not lifted by it; a close match
 * (cosine 0.3+) is barely affected.
 */
export const PRIOR_SIMILARITY = 0.15;
/** Below this cosine an exemplar is not a neighbour at all. */
export const MIN_NEIGHBOUR_SIMILARITY = 0.04;

/** Topic-bearing units only: Chinese character bigrams, English content stems. */
export const isTopicUnit = (u: string): boolean => (/\p{Script=Han}/u.test(u) ? [...u].length === 2 : !u.includes(' '));

/** The text units an answer is compared by (also used for topicality and question copies). */
export function units(reading: Reading): string[] {
  const out: string[] = [];
  for (const c of reading.clauses) {
    // Only what the answer affirms: "我不会瞒着" adds nothing, so ruling out a red flag can never
    // make an answer look less like the good ones (or like the bad ones).
    const affirmed = c.tokens.filter((t) => !t.negated && !t.isNegator && !t.isFunction);
    if (c.lang === 'zh') {
      const chars = affirmed
        .filter((t) => !FILLERS_ZH.has(t.norm))
        .map((t) => t.norm)
        .join('')
        .replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');
      const cps = [...chars];
      for (let i = 0; i < cps.length; i++) {
        out.push(cps[i]!);
        if (i + 1 < cps.length) out.push(cps[i]! + cps[i + 1]!);
      }
    } else {
      const stems = affirmed.filter((t) => !FILLERS_EN.has(t.norm)).map((t) => ({ s: t.stem, f: false }));
      for (let i = 0; i < stems.length; i++) {
        if (!stems[i]!.f) out.push(stems[i]!.s);
        if (i + 1 < stems.length) out.push(`${stems[i]!.s} ${stems[i + 1]!.s}`);
      }
    }
  }
  return out;
}

const tf = (us: string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const u of us) m.set(u, (m.get(u) ?? 0) + 1);
  return m;
};

function weigh(counts: Map<string, number>, idf: Map<string, number>, n: number): Vec {
  const v: Vec = new Map();
  let norm = 0;
  const unseen = Math.log(1 + n);
  for (const [u, c] of counts) {
    const w = (1 + Math.log(c)) * (idf.get(u) ?? unseen);
    v.set(u, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [u, w] of v) v.set(u, w / norm);
  return v;
}

export function buildIndex(exemplars: readonly Exemplar[]): ExemplarIndex {
  const counts = exemplars.map((e) => tf(units(readAnswer(e.text))));
  const df = new Map<string, number>();
  for (const c of counts) for (const u of c.keys()) df.set(u, (df.get(u) ?? 0) + 1);
  const n = exemplars.length;
  const idf = new Map<string, number>();
  for (const [u, d] of df) idf.set(u, Math.log((1 + n) / (1 + d)) + 1);
  return { ids: exemplars.map((e) => e.id), levels: exemplars.map((e) => e.level), vectors: counts.map((c) => weigh(c, idf, n)), idf, n };
}

export function cosine(a: Vec, b: Vec): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [u, w] of small) {
    const o = large.get(u);
    if (o !== undefined) s += w * o;
  }
  return s;
}

export function vectorFor(index: ExemplarIndex, reading: Reading): Vec {
  return weigh(tf(units(reading)), index.idf, index.n);
}

/**
 * The similarity-weighted level of the nearest exemplars. `excludeId` leaves one exemplar out,
 * so the answers the model is fitted on are never compared with themselves.
 */
export function neighbours(index: ExemplarIndex, reading: Reading, excludeId?: string): Neighbours {
  const v = vectorFor(index, reading);
  const sims: { i: number; s: number }[] = [];
  let maxGood = 0;
  for (let i = 0; i < index.vectors.length; i++) {
    if (index.ids[i] === excludeId) continue;
    const s = cosine(v, index.vectors[i]!);
    if (index.levels[i]! >= 3 && s > maxGood) maxGood = s;
    if (s >= MIN_NEIGHBOUR_SIMILARITY) sims.push({ i, s });
  }
  sims.sort((a, b) => b.s - a.s || a.i - b.i);
  const top = sims.slice(0, KNN_K);
  const nearest = top.map(({ i, s }) => ({ id: index.ids[i]!, level: index.levels[i]!, similarity: s }));
  if (!top.length) return { level: null, maxSimilarity: 0, maxGoodSimilarity: maxGood, nearest };
  const prior = PRIOR_SIMILARITY * PRIOR_SIMILARITY;
  const wsum = top.reduce((a, t) => a + t.s * t.s, 0) + prior;
  const level = (top.reduce((a, t) => a + t.s * t.s * index.levels[t.i]!, 0) + prior * 1) / wsum;
  return { level, maxSimilarity: top[0]!.s, maxGoodSimilarity: maxGood, nearest };
}
