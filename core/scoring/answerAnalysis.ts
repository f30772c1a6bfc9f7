/**
 * One answer, judged clause by clause against its question's behavioural indicators:
 *  - an indicator counts only inside a clause that says something (function words, a verb
 *    phrase — not a bare list of terms), at most two per clause, and never inside a negation;
 *  - a negated red flag ("我不会瞒着", "I'd never hide it") is recorded as *avoided*, a negated
 *    good act ("I wouldn't tell anyone") as *negated*: neither earns credit for the act;
 *  - keyword lists, copies of the question, off-topic talk and one- or two-word answers are
 *    gated: they earn nothing and trigger the follow-up question.
 * Every quote is the whole clause, an exact substring of the answer.
 */
import type { Indicator, Question } from '../packs/packSchema.js';
import { findSpecifics } from './specifics.js';
import { readAnswer, stemEn, type Clause, type Reading, type Token } from './clauses.js';
import { isTopicUnit, NO_NEIGHBOURS, neighbours, units, type ExemplarIndex, type Neighbours } from './exemplars.js';
import { FILLERS_EN, FILLERS_ZH, STAR } from './lexicon.js';
import { getJieba, prepare, type Quote } from './text.js';

export type Gate = 'empty' | 'too-short' | 'keyword-list' | 'question-copy' | 'off-topic';

export type IndicatorHit = {
  indicatorId: string;
  competency: string;
  polarity: 'positive' | 'negative';
  /** credited: counts; avoided: a negated red flag; negated: a negated good act; uncredited: found where it cannot count. */
  status: 'credited' | 'avoided' | 'negated' | 'uncredited';
  /** The whole clause, exact substring of the answer. */
  clause: Quote;
  /** The matched words inside it. */
  match: Quote;
};

export type AnswerAnalysis = {
  questionId: string;
  /** The text that was read (answer, and the follow-up answer on its own line). */
  text: string;
  lang: 'zh' | 'en';
  gate: Gate | null;
  /** Thin answers get the one follow-up question. */
  isThin: boolean;
  hits: IndicatorHit[];
  /** Clauses that state something (an action, intention or event), not gated, not copied. */
  substantiveClauses: Quote[];
  /**
   * Statements made: substantive clauses, a long run-on clause counting one per ~8 content words,
   * so unpunctuated speech and punctuated typing of the same content count alike.
   */
  statements: number;
  /** Content size: Chinese characters or English words, fillers excluded. */
  contentSize: number;
  functionRatio: number;
  /** Share of the answer's units also in the question text. */
  copyShare: number;
  /** Share of the answer's units in the question's topic vocabulary (question, good exemplars, paraphrases). */
  topicality: number;
  specifics: Quote[];
  structureMarkers: Quote[];
  neighbours: Neighbours;
  /**
   * How clearly the answer is about this question, 0..1: its share of the question's and
   * indicators' vocabulary, or its likeness to an acceptable graded answer, whichever is
   * stronger. Fluent talk about something else earns little for length, detail or structure.
   */
  relevance: number;
};

/** Thresholds, set on the training split of the graded bank (see models/scoring/README.md). */
export const THRESHOLDS = {
  tooShortZh: 6,
  tooShortEn: 3,
  listFunctionRatioZh: 0.13,
  listFunctionRatioEn: 0.2,
  copyShareZh: 0.6,
  copyShareEn: 0.5,
  clauseCopyShare: 0.85,
  offTopic: { zh: 0.06, en: 0.1 },
  /** Topicality / likeness at which relevance reaches 1. */
  relevantTopic: { zh: 0.15, en: 0.25 },
  relevantSimilarity: { zh: 0.2, en: 0.12 },
  offTopicSimilarity: { zh: 0.08, en: 0.04 },
  thinZh: 12,
  thinEn: 8,
  maxCreditsPerClause: 2,
  phraseListShare: 0.7,
  strungCoverage: 0.6,
  /** Content tokens per statement in a long clause (jieba words / English words). */
  wordsPerStatement: { zh: 8, en: 10 },
} as const;

const SEQUENCE = {
  zh: ['先', '首先', '第一', '然后', '接着', '再', '之后', '最后', '同时', '以后', '下次'],
  en: ['first', 'then', 'after that', 'next', 'finally', 'afterwards', 'before', 'straight away', 'right away', 'immediately', 'next time', 'in future', 'from now on'],
};

/**
 * What scoring knows about a question beyond the pack: its exemplar index (the graded answers
 * the model was fitted on) and the topic vocabulary of the question and its indicators.
 */
export type QuestionContext = { index: ExemplarIndex | null; topic: Set<string>; questionUnits: Set<string> };

export function questionContext(q: Question, index: ExemplarIndex | null): QuestionContext {
  const questionUnits = new Set([...units(readAnswer(q.text['zh-CN'])), ...units(readAnswer(q.text.en))]);
  const topic = new Set(questionUnits);
  for (const ind of q.indicators) for (const p of [...ind.paraphrases['zh-CN'], ...ind.paraphrases.en]) for (const u of units(readAnswer(p))) topic.add(u);
  return { index, topic, questionUnits };
}

// ------------------------------------------------------------- paraphrase matching

type Match = { start: number; end: number };

const compact = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
const OPTIONAL_EN = new Set(['the', 'a', 'an', 'my', 'his', 'her', 'their', 'our', 'your', 'this', 'that', 'some', 'it', 'them']);

/** Chinese paraphrase inside a clause: exact, or its jieba words in order with small gaps (告诉班长 ~ 告诉我们班长). */
type CharStream = { chars: { ch: string; start: number; end: number }[]; stream: string };
const streams = new WeakMap<Clause, CharStream>();
/** The clause's characters without spaces or punctuation, with offsets (built once per clause). */
function charStream(clause: Clause): CharStream {
  const hit = streams.get(clause);
  if (hit) return hit;
  const chars: CharStream['chars'] = [];
  for (const t of clause.tokens) {
    let i = t.start;
    for (const ch of t.norm) {
      if (!/[\s\p{P}\p{S}]/u.test(ch)) chars.push({ ch, start: i, end: i + ch.length });
      i += ch.length;
    }
  }
  const out = { chars, stream: chars.map((c) => c.ch).join('') };
  streams.set(clause, out);
  return out;
}
const phraseParts = new Map<string, string[]>();
const partsOf = (p: string): string[] => {
  let parts = phraseParts.get(p);
  if (!parts) {
    parts = getJieba()
      .cut(p, false)
      .filter((w) => w.length > 0);
    phraseParts.set(p, parts);
  }
  return parts;
};

function matchZh(clause: Clause, phrase: string): Match | null {
  const { chars, stream } = charStream(clause);
  const p = compact(phrase);
  if (!p) return null;
  const at = stream.indexOf(p);
  if (at >= 0) return { start: chars[at]!.start, end: chars[at + p.length - 1]!.end };
  const parts = partsOf(p);
  if (parts.length < 2) return null;
  let from = 0;
  let first = -1;
  let last = -1;
  for (const w of parts) {
    const pos = stream.indexOf(w, from);
    if (pos < 0 || (first >= 0 && pos - from > 3)) return null;
    if (first < 0) first = pos;
    last = pos + w.length - 1;
    from = pos + w.length;
  }
  return { start: chars[first]!.start, end: chars[last]!.end };
}

const phraseStems = new Map<string, string[]>();
function stemsOf(phrase: string): string[] {
  let stems = phraseStems.get(phrase);
  if (!stems) {
    const words = (phrase.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
    const need = words.filter((w) => !OPTIONAL_EN.has(w));
    stems = (need.length ? need : words).map((w) => stemEn(w));
    phraseStems.set(phrase, stems);
  }
  return stems;
}

/** English paraphrase: stems in order, up to two other words between, determiners optional. */
function matchEn(clause: Clause, phrase: string): Match | null {
  const stems = stemsOf(phrase);
  if (!stems.length) return null;
  const toks = clause.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.stem !== stems[0]) continue;
    let j = i;
    let ok = true;
    for (let k = 1; k < stems.length; k++) {
      let found = -1;
      for (let g = j + 1; g <= Math.min(toks.length - 1, j + 3); g++) {
        if (toks[g]!.stem === stems[k]) {
          found = g;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      j = found;
    }
    if (ok) return { start: toks[i]!.start, end: toks[j]!.end };
  }
  return null;
}

/** Optional filter on which paraphrases may match (the fit leaves out paraphrases only one training answer uses). */
export type ParaphraseFilter = (indicatorId: string, paraphrase: string) => boolean;

function findIn(clause: Clause, ind: Indicator, keep?: ParaphraseFilter): Match | null {
  const phrases = clause.lang === 'zh' ? [...ind.paraphrases['zh-CN'], ...ind.paraphrases.en] : [...ind.paraphrases.en, ...ind.paraphrases['zh-CN']];
  let best: Match | null = null;
  for (const p of phrases) {
    if (keep && !keep(ind.id, p)) continue;
    const isZhPhrase = /\p{Script=Han}/u.test(p);
    if (isZhPhrase !== (clause.lang === 'zh') && !(clause.lang === 'zh' && !isZhPhrase)) continue;
    const m = isZhPhrase ? matchZh(clause, p) : matchEn(clause, p);
    if (m && (!best || m.end - m.start > best.end - best.start)) best = m;
  }
  return best;
}

/**
 * Whether a match lies inside a negation: decided by the state at its first character, so a
 * paraphrase that carries its own negator ("没人知道", "never skip a scan") is read as the act
 * it names, while "I would never skip scanning" still rules out "skip scanning".
 */
function negatedAt(c: Clause, m: Match): boolean {
  // The first token the match touches: a negator there is part of the phrase (its own flag is
  // false); a word inside an open negation scope carries the scope.
  const first = c.tokens.find((t) => t.end > m.start);
  return first ? first.negated : false;
}

/** The indicator with just one of its paraphrases (to see which paraphrase matches where). */
const withOnly = (ind: Indicator, p: string): Indicator => {
  const isZh = /\p{Script=Han}/u.test(p);
  return { ...ind, paraphrases: { 'zh-CN': isZh ? [p] : [], en: isZh ? [] : [p] } };
};

/** Every paraphrase occurrence in a clause (any indicator): how much of the clause is rubric phrases. */
function paraphraseSpans(c: Clause, q: Question): Match[] {
  const out: Match[] = [];
  for (const ind of q.indicators) {
    for (const p of [...ind.paraphrases['zh-CN'], ...ind.paraphrases.en]) {
      const one = withOnly(ind, p);
      const m = findIn(c, one);
      if (m) out.push(m);
    }
  }
  return out;
}

// ------------------------------------------------------------- substance and gates

const isFiller = (t: Token): boolean => FILLERS_ZH.has(t.norm) || FILLERS_EN.has(t.norm);

/** Content size of the distinct clauses (a clause said twice counts once). */
function contentSize(reading: Reading): number {
  let n = 0;
  const seen = new Set<string>();
  for (const c of reading.clauses) {
    const said = c.tokens.map((t) => t.norm).join(' ');
    if (seen.has(said)) continue;
    seen.add(said);
    for (const t of c.tokens) {
      if (isFiller(t)) continue;
      n += c.lang === 'zh' ? [...t.norm].filter((ch) => /[\p{Script=Han}\p{N}]/u.test(ch)).length || 1 : 1;
    }
  }
  return n;
}

/** A clause that states something: real speech has glue words; a list of terms has none. */
function isSubstantive(c: Clause): boolean {
  const toks = c.tokens.filter((t) => !isFiller(t));
  if (c.lang === 'zh') return toks.length >= 2 && toks.some((t) => t.isFunction || t.isNegator);
  return toks.length >= 2 && toks.some((t) => t.isFunction || t.isNegator);
}

/** Someone speaking in the first person. */
const PRONOUN = new Set(['我', '我们', '咱', '咱们', '我会', '我就', 'i', "i'd", "i'll", "i'm", "i've", 'id', 'ill', 'im', 'ive', 'we', "we'd", "we'll"]);
const SPEAKER = new Set(['我', '我们', '咱', '咱们', '会', '要', '就', '得', 'i', "i'd", "i'll", "i'm", 'id', 'ill', 'im', 'we', "we'd", "we'll", 'would', 'will', 'should']);
/**
 * "hold the cage, pull it out, rescan, tell lead": many short clauses, none of them said by
 * anyone. A terse real answer usually has a speaker or a modal somewhere in most clauses.
 */
function isPhraseList(reading: Reading): boolean {
  const cs = reading.clauses.map((c) => c.tokens.filter((t) => !isFiller(t)));
  if (cs.length < 4) return false;
  // Bare: a term or two with no glue at all (先蹲下去 and 腿弯着 are terse speech, 背挺直 is a term).
  const bare = cs.filter((ts) => ts.length <= 3 && !ts.some((t) => SPEAKER.has(t.norm) || t.isFunction || t.isNegator)).length;
  return bare / cs.length >= THRESHOLDS.phraseListShare;
}

const shareIn = (us: readonly string[], set: Set<string>): number => (us.length ? us.filter((u) => set.has(u)).length / us.length : 0);

/**
 * Only the start of a very long answer is read (a 90-second answer is a few hundred characters;
 * the contract allows 10,000). The manager still sees the whole text; this bounds the time.
 */
export const MAX_ANALYSED_CHARS = 2000;

export function analyseAnswer(q: Question, fullText: string, ctx: QuestionContext, opts: { excludeExemplarId?: string; paraphraseFilter?: ParaphraseFilter } = {}): AnswerAnalysis {
  const text = fullText.length > MAX_ANALYSED_CHARS ? fullText.slice(0, MAX_ANALYSED_CHARS) : fullText;
  const reading = readAnswer(text);
  const allTokens = reading.clauses.flatMap((c) => c.tokens).filter((t) => !isFiller(t));
  const size = contentSize(reading);
  const functionRatio = allTokens.length ? allTokens.filter((t) => t.isFunction || t.isNegator).length / allTokens.length : 0;
  const answerUnits = units(reading);
  const copyShare = shareIn(answerUnits, ctx.questionUnits);
  const topicality = shareIn(answerUnits.filter(isTopicUnit), ctx.topic);
  const lang = reading.lang;
  const nbAll = ctx.index && allTokens.length ? neighbours(ctx.index, reading, opts.excludeExemplarId) : NO_NEIGHBOURS;
  // Off topic: little of the question's or its indicators' vocabulary, and no graded answer alike.
  // Without an exemplar index (a pack with no fitted model yet) only the vocabulary can tell.
  const offTopic = topicality < THRESHOLDS.offTopic[lang] && (ctx.index ? nbAll.maxGoodSimilarity < THRESHOLDS.offTopicSimilarity[lang] : true);

  let gate: Gate | null = null;
  if (!allTokens.length) gate = 'empty';
  else if (size < (lang === 'zh' ? THRESHOLDS.tooShortZh : THRESHOLDS.tooShortEn)) gate = 'too-short';
  else if (allTokens.length >= 3 && functionRatio < (lang === 'zh' ? THRESHOLDS.listFunctionRatioZh : THRESHOLDS.listFunctionRatioEn)) gate = 'keyword-list';
  else if (isPhraseList(reading)) gate = 'keyword-list';
  else if (copyShare >= (lang === 'zh' ? THRESHOLDS.copyShareZh : THRESHOLDS.copyShareEn)) gate = 'question-copy';
  else if (offTopic) gate = 'off-topic';

  const hits: IndicatorHit[] = [];
  const substantiveClauses: Quote[] = [];
  let strungClauses = 0;
  let statements = 0;
  const seenClauses = new Set<string>();
  const hasSpeaker = allTokens.some((t) => PRONOUN.has(t.norm));
  for (const c of reading.clauses) {
    const clauseQuote: Quote = { text: c.text, start: c.start, end: c.end };
    const clauseUnits = units({ ...reading, clauses: [c] });
    const copied = clauseUnits.length >= 4 && shareIn(clauseUnits, ctx.questionUnits) >= THRESHOLDS.clauseCopyShare;
    const substantive = isSubstantive(c) && !copied;
    let creditedHere = 0;
    const found = q.indicators.flatMap((ind) => {
      const m = findIn(c, ind, opts.paraphraseFilter);
      return m ? [{ ind, m }] : [];
    });
    // A clause that is mostly rubric phrases strung together ("hold the cage pull it out rescan
    // tell the lead") is a list, not a statement, even with a few glue words inside the phrases.
    const spans = found.length >= 3 ? paraphraseSpans(c, q) : [];
    const covered = c.tokens.filter((t) => !isFiller(t) && spans.some((m) => t.start < m.end && m.start < t.end)).length;
    const content = c.tokens.filter((t) => !isFiller(t)).length;
    // Someone speaking ("i'd clear the area first warn the drivers…") is not a list, however dense.
    const isStrung = found.length >= 3 && covered / Math.max(1, content) >= THRESHOLDS.strungCoverage && !hasSpeaker;
    if (isStrung) strungClauses++;
    // Saying the same thing again is not another statement ("我会先道歉。我会先道歉。…").
    const said = c.tokens.map((t) => t.norm).join(' ');
    const isRepeat = seenClauses.has(said);
    seenClauses.add(said);
    if (substantive && !gate && !isStrung && !isRepeat) {
      substantiveClauses.push(clauseQuote);
      statements += Math.max(1, Math.round(content / THRESHOLDS.wordsPerStatement[c.lang]));
    }
    for (const { ind, m } of found) {
      const negated = negatedAt(c, m);
      let status: IndicatorHit['status'];
      if (negated) status = ind.polarity === 'negative' ? 'avoided' : 'negated';
      else if (gate === 'keyword-list' || gate === 'question-copy' || !substantive || isStrung) status = 'uncredited';
      else if (ind.polarity === 'positive' && (gate || creditedHere >= THRESHOLDS.maxCreditsPerClause)) status = 'uncredited';
      else status = 'credited';
      if (status === 'avoided' && (gate === 'keyword-list' || gate === 'question-copy')) status = 'uncredited';
      if (status === 'credited' && ind.polarity === 'positive') creditedHere++;
      hits.push({ indicatorId: ind.id, competency: ind.competency, polarity: ind.polarity, status, clause: clauseQuote, match: { text: text.slice(m.start, m.end), start: m.start, end: m.end } });
    }
  }
  // Mostly strung-together rubric phrases: the whole answer is a list.
  if (!gate && strungClauses > 0 && strungClauses * 2 >= reading.clauses.length) {
    gate = 'keyword-list';
    for (const h of hits) if (h.status === 'credited' || h.status === 'avoided') h.status = 'uncredited';
    substantiveClauses.length = 0;
    statements = 0;
  }
  // One indicator counts once per answer: keep its first credited (else first) hit.
  const byId = new Map<string, IndicatorHit>();
  for (const h of hits) {
    const prev = byId.get(h.indicatorId);
    if (!prev || (prev.status !== 'credited' && h.status === 'credited')) byId.set(h.indicatorId, h);
  }

  const doc = prepare(text);
  const specifics = gate ? [] : findSpecifics(doc);
  const markerList =
    q.kind === 'behavioural' ? [...STAR.situation[lang === 'zh' ? 'zh-CN' : 'en'], ...STAR.action[lang === 'zh' ? 'zh-CN' : 'en'], ...STAR.result[lang === 'zh' ? 'zh-CN' : 'en']] : SEQUENCE[lang];
  const structureMarkers = gate ? [] : findMarkers(reading, markerList);
  const nb = gate ? { ...NO_NEIGHBOURS, maxSimilarity: nbAll.maxSimilarity, maxGoodSimilarity: nbAll.maxGoodSimilarity } : nbAll;
  const credited = [...byId.values()].filter((h) => h.status === 'credited' && h.polarity === 'positive').length;
  const relevance = Math.min(1, Math.max(topicality / THRESHOLDS.relevantTopic[lang], nbAll.maxGoodSimilarity / THRESHOLDS.relevantSimilarity[lang]));
  const isThin = gate !== null || size < (lang === 'zh' ? THRESHOLDS.thinZh : THRESHOLDS.thinEn) || (credited === 0 && (nb.level === null || nb.level < 3 || relevance < 0.5));
  return {
    questionId: q.id,
    text,
    lang,
    gate,
    isThin,
    hits: [...byId.values()],
    substantiveClauses,
    statements,
    contentSize: size,
    functionRatio,
    copyShare,
    topicality,
    specifics,
    structureMarkers,
    neighbours: nb,
    relevance,
  };
}

function findMarkers(reading: Reading, markers: readonly string[]): Quote[] {
  const found: Quote[] = [];
  const seen = new Set<string>();
  for (const m of markers) {
    const mc = compact(m);
    for (const c of reading.clauses) {
      const at =
        c.lang === 'zh'
          ? reading.norm.slice(c.start, c.end).indexOf(m)
          : (() => {
              const r = new RegExp(`\\b${m.replace(/\s+/g, '\\s+')}\\b`).exec(reading.norm.slice(c.start, c.end));
              return r ? r.index : -1;
            })();
      if (at >= 0 && !seen.has(mc)) {
        seen.add(mc);
        found.push({ text: reading.text.slice(c.start + at, c.start + at + m.length), start: c.start + at, end: c.start + at + m.length });
        break;
      }
    }
  }
  return found;
}

/** Which answers (by id) each paraphrase of a question matches, clause by clause. */
export function paraphraseUse(q: Question, answers: readonly { id: string; text: string }[]): Map<string, Set<string>> {
  const use = new Map<string, Set<string>>();
  for (const a of answers) {
    const reading = readAnswer(a.text);
    for (const ind of q.indicators) {
      for (const p of [...ind.paraphrases['zh-CN'], ...ind.paraphrases.en]) {
        const one = withOnly(ind, p);
        if (reading.clauses.some((c) => findIn(c, one))) {
          const k = `${ind.id}|${p}`;
          use.set(k, (use.get(k) ?? new Set()).add(a.id));
        }
      }
    }
  }
  return use;
}
