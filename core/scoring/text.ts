/**
 * Text analysis shared by every text feature: normalisation with an index map back to the
 * original answer (so evidence quotes the applicant's exact words), jieba segmentation, and
 * phrase matching that does not depend on how jieba happened to split a sentence.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
/** ~0.4 s the first time (dictionary load); call early (warmUp) so finishing is fast. */
export function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const CJK = /\p{Script=Han}/u;
const SKIP = /[\s\p{P}\p{S}]/u;
const CLAUSE_BREAK = /[\n.!?;:,。！？；：，、…]/u;

export type Quote = { text: string; start: number; end: number };
type Char = { ch: string; start: number; end: number; clause: number };
type Token = { stem: string; raw: string; start: number; end: number; clause: number };

/** One answer, prepared once for every matcher. */
export type Doc = {
  text: string;
  /** Han characters, letters and digits only (no spaces or punctuation), lowercased, NFKC. */
  chars: Char[];
  stream: string;
  /** Latin-script word tokens, stemmed. */
  words: Token[];
  /** jieba tokens without whitespace/punctuation (counts, fillers). */
  segments: string[];
};

export function prepare(text: string): Doc {
  const chars: Char[] = [];
  // clauseOf[i]: how many clause breaks precede UTF-16 index i (negation never crosses one).
  const clauseOf = new Uint32Array(text.length + 1);
  let clause = 0;
  let i = 0;
  for (const cp of text) {
    const start = i;
    i += cp.length;
    if (CLAUSE_BREAK.test(cp)) clause++;
    clauseOf.fill(clause, start + 1, i + 1);
    const norm = cp.normalize('NFKC').toLowerCase();
    for (const ch of norm) if (!SKIP.test(ch)) chars.push({ ch, start, end: i, clause });
  }
  const words: Token[] = [];
  // Latin words come from the original text so quotes keep apostrophes and case.
  // Letters and digits that are not Han: 然后CALL gives the word CALL.
  for (const m of text.matchAll(/(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)?/gu)) {
    const start = m.index;
    const raw = m[0];
    words.push({ raw, stem: stem(raw.normalize('NFKC')), start, end: start + raw.length, clause: clauseOf[start]! });
  }
  const segments = getJieba()
    .cut(text.normalize('NFKC').toLowerCase(), true)
    .filter((s) => !/^[\s\p{P}\p{S}]*$/u.test(s));
  return { text, chars, stream: chars.map((c) => c.ch).join(''), words, segments };
}

/** A deliberately light English stemmer: helped/helping/helps → help, apologized → apologiz. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’]/g, "'").replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && (w.endsWith('ied') || w.endsWith('ies'))) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const ZH_NEGATION = /(不|没|没有|未|别|不会|不想|不要|不用|不太|不是|没能|从不|从没|不能|不可以|不可|不应该|不应|不该|不必|绝不|决不)$/;
const EN_NEGATION = new Set(
  ['not', 'never', "don't", 'dont', "didn't", 'didnt', "won't", 'wont', "can't", 'cant', 'cannot', "wouldn't", "doesn't", "isn't", "wasn't", "haven't", 'hardly', 'without'].map((w) =>
    w.replace(/’/g, "'"),
  ),
);

export type PhraseHit = { quote: Quote; negated: boolean };

/**
 * Finds a phrase. Phrases with Han characters match as substrings of the normalised character
 * stream (independent of segmentation: 主动帮忙 matches whether jieba splits 主动|帮忙 or not);
 * Latin phrases match as stemmed word sequences. A hit directly after a negation in the same
 * clause (不/没/never/don't …) is reported as negated, and does not count.
 */
export function findPhrase(doc: Doc, phrase: string): PhraseHit[] {
  const out: PhraseHit[] = [];
  if (CJK.test(phrase)) {
    const p = [...phrase.normalize('NFKC').toLowerCase()].filter((ch) => !SKIP.test(ch)).join('');
    if (!p) return out;
    let from = 0;
    for (;;) {
      const at = doc.stream.indexOf(p, from);
      if (at < 0) break;
      const first = doc.chars[at]!;
      const last = doc.chars[at + p.length - 1]!;
      const before = doc.chars
        .slice(Math.max(0, at - 3), at)
        .filter((c) => c.clause === first.clause)
        .map((c) => c.ch)
        .join('');
      out.push({ quote: { text: doc.text.slice(first.start, last.end), start: first.start, end: last.end }, negated: ZH_NEGATION.test(before) });
      from = at + p.length;
    }
    return out;
  }
  const stems = (phrase.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map(stem);
  if (stems.length === 0) return out;
  for (let i = 0; i + stems.length <= doc.words.length; i++) {
    if (!stems.every((s, k) => doc.words[i + k]!.stem === s)) continue;
    const first = doc.words[i]!;
    const last = doc.words[i + stems.length - 1]!;
    const before = doc.words.slice(Math.max(0, i - 2), i).filter((w) => w.clause === first.clause);
    out.push({
      quote: { text: doc.text.slice(first.start, last.end), start: first.start, end: last.end },
      negated: before.some((w) => EN_NEGATION.has(w.raw.toLowerCase().replace(/’/g, "'"))),
    });
    i += stems.length - 1;
  }
  return out;
}

/** First non-negated hit among several phrases (synonyms), or the negated one if that is all. */
export function findAny(doc: Doc, phrases: readonly string[]): { hit: PhraseHit | null; negated: PhraseHit | null } {
  let negated: PhraseHit | null = null;
  let best: PhraseHit | null = null;
  for (const p of phrases) {
    for (const h of findPhrase(doc, p)) {
      if (h.negated) negated ??= h;
      else if (!best || h.quote.start < best.quote.start) best = h;
    }
  }
  return { hit: best, negated: best ? null : negated };
}
