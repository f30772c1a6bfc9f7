/**
 * Per-answer text features (pure). Each measured value keeps the quotes behind it, so a score
 * can always point at the applicant's own words.
 */
import type { Question } from '../../shared/packs/packSchema.js';
import { DIGITS, EN_NUMBER_WORDS, FILLER_PHRASES_EN, FILLERS_EN, FILLERS_ZH, PLACES, STAR, STOP_EN, STOP_ZH, TIMES, ZH_NUMBER, type StarPart } from './lexicon.js';
import { findAny, findPhrase, getJieba, prepare, type Doc, type Quote } from './text.js';

export type IndicatorResult = { competency: string; indicatorId: string; weight: number; hit: Quote | null; negated: Quote | null };

export type AnswerAnalysis = {
  questionId: string;
  indicators: IndicatorResult[];
  star: Record<StarPart, Quote | null>;
  /** Share of situation/action/result parts present, 0..1. */
  structure: number;
  specifics: Quote[];
  /** min(1, distinct specifics / 4). */
  specificity: number;
  topicHits: Quote[];
  /** min(1, distinct topic terms / 3). */
  relevance: number;
  tokens: number;
  /** min(1, tokens / target) with target 35 jieba words (Chinese) or 45 words (English). */
  length: number;
  fillerWords: string[];
  /** min(1, filler share of tokens / 0.2): 0 = none, 1 = every fifth word a filler. */
  filler: number;
};

export const SPECIFICS_FOR_FULL = 4;
export const TOPIC_TERMS_FOR_FULL = 3;
export const LENGTH_TARGET = { zh: 35, en: 45 } as const;
export const FILLER_SHARE_FOR_FULL = 0.2;

const both = <T extends Record<'zh-CN' | 'en', readonly string[]>>(x: T): string[] => [...x['zh-CN'], ...x.en];

const topicCache = new WeakMap<Question, string[]>();
/** The pack's topicWords plus the content words of the question itself. */
export function topicTerms(q: Question): string[] {
  const cached = topicCache.get(q);
  if (cached) return cached;
  const terms = new Set<string>(q.topicWords ? both(q.topicWords) : []);
  // Nouns, verbs and adjectives only: numerals (三天), time words (现在) and pronouns say nothing about topic.
  for (const { word, tag } of getJieba().tag(q.text['zh-CN'], true)) {
    if ([...word].length >= 2 && /^(n|v|a)/.test(tag) && /\p{Script=Han}/u.test(word) && !STOP_ZH.has(word)) terms.add(word);
  }
  for (const w of q.text.en.toLowerCase().match(/[a-z]+/g) ?? []) if (w.length >= 4 && !STOP_EN.has(w)) terms.add(w);
  const out = [...terms];
  topicCache.set(q, out);
  return out;
}

export function analyseAnswer(q: Question, text: string): AnswerAnalysis {
  const doc = prepare(text);
  const indicators: IndicatorResult[] = [];
  for (const entry of q.rubric) {
    for (const ind of entry.indicators) {
      const { hit, negated } = findAny(doc, both(ind.phrases));
      indicators.push({ competency: entry.competency, indicatorId: ind.id, weight: ind.weight, hit: hit?.quote ?? null, negated: negated?.quote ?? null });
    }
  }
  const star = {
    situation: findAny(doc, both(STAR.situation)).hit?.quote ?? null,
    action: findAny(doc, both(STAR.action)).hit?.quote ?? null,
    result: findAny(doc, both(STAR.result)).hit?.quote ?? null,
  };
  const structure = Object.values(star).filter(Boolean).length / 3;
  const specifics = findSpecifics(doc);
  const topicHits = distinct(topicTerms(q).flatMap((t) => findPhrase(doc, t).slice(0, 1).map((h) => h.quote)));
  const isChinese = hanShare(text) > 0.3;
  const tokens = doc.segments.filter((s) => !FILLERS_ZH.has(s) && !FILLERS_EN.has(s)).length;
  const fillerWords = [...doc.segments.filter((s) => FILLERS_ZH.has(s) || FILLERS_EN.has(s)), ...FILLER_PHRASES_EN.flatMap((p) => findPhrase(doc, p).map((h) => h.quote.text))];
  const share = doc.segments.length ? fillerWords.length / doc.segments.length : 0;
  return {
    questionId: q.id,
    indicators,
    star,
    structure,
    specifics,
    specificity: Math.min(1, specifics.length / SPECIFICS_FOR_FULL),
    topicHits,
    relevance: Math.min(1, topicHits.length / TOPIC_TERMS_FOR_FULL),
    tokens,
    length: Math.min(1, tokens / (isChinese ? LENGTH_TARGET.zh : LENGTH_TARGET.en)),
    fillerWords,
    filler: Math.min(1, share / FILLER_SHARE_FOR_FULL),
  };
}

function findSpecifics(doc: Doc): Quote[] {
  const quotes: Quote[] = [];
  for (const re of [ZH_NUMBER, DIGITS]) {
    for (const m of doc.text.matchAll(re)) quotes.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (const p of [...EN_NUMBER_WORDS, ...both(TIMES), ...both(PLACES)]) {
    const h = findPhrase(doc, p)[0];
    if (h) quotes.push(h.quote);
  }
  // Overlapping matches (e.g. "3pm" as a number and a time) count once.
  quotes.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Quote[] = [];
  for (const q of quotes) if (!kept.some((k) => q.start < k.end && k.start < q.end)) kept.push(q);
  return distinct(kept);
}

function distinct(quotes: Quote[]): Quote[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const k = q.text.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const hanShare = (text: string): number => {
  const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return letters ? (text.match(/\p{Script=Han}/gu)?.length ?? 0) / letters : 0;
};
