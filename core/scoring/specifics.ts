/** Specific details in an answer: numbers (digits, Chinese numerals with a measure word), times, places. */
import { DIGITS, EN_NUMBER_WORDS, PLACES, TIMES, ZH_NUMBER } from './lexicon.js';
import { findPhrase, type Doc, type Quote } from './text.js';

const both = <T extends Record<'zh-CN' | 'en', readonly string[]>>(x: T): string[] => [...x['zh-CN'], ...x.en];

export function findSpecifics(doc: Doc): Quote[] {
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
  const seen = new Set<string>();
  return kept.filter((q) => {
    const k = q.text.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
