/** Per-answer delivery features computed from Vosk's word timings. Pure functions. */
export type Word = { word: string; start: number; end: number; conf: number };
export type RateUnit = 'cpm' | 'wpm';

/** Gaps shorter than this are co-articulation or timing jitter, not a pause a listener hears. */
export const MIN_PAUSE_SECONDS = 0.15;

const HAN = /\p{Script=Han}/gu;

/** Chinese is measured in characters per minute (words are not space-separated); others in words. */
export const rateUnitFor = (lang: string): RateUnit => (lang.toLowerCase().startsWith('zh') ? 'cpm' : 'wpm');

/** Seconds from the first word's start to the last word's end (leading/trailing silence excluded). */
export function speakingSpan(words: readonly Word[]): number {
  if (words.length === 0) return 0;
  return Math.max(0, words[words.length - 1]!.end - words[0]!.start);
}

/**
 * Speaking rate over the speaking span. Leading silence (thinking time) is excluded on purpose:
 * it is measured separately as answer latency, and counting it here would punish people who
 * think before they speak.
 */
export function speakingRate(words: readonly Word[], lang: string): number {
  const span = speakingSpan(words);
  if (span <= 0) return 0;
  const units = rateUnitFor(lang) === 'cpm' ? words.reduce((n, w) => n + (w.word.match(HAN)?.length ?? 0), 0) : words.length;
  return (units / span) * 60;
}

/** Share of the speaking span spent in pauses (gaps between words of at least MIN_PAUSE_SECONDS). */
export function pauseRatio(words: readonly Word[], minPause = MIN_PAUSE_SECONDS): number {
  const span = speakingSpan(words);
  if (span <= 0) return 0;
  let silent = 0;
  for (let i = 1; i < words.length; i++) {
    const gap = words[i]!.start - words[i - 1]!.end;
    if (gap >= minPause) silent += gap;
  }
  return Math.min(1, silent / span);
}

/** Vosk puts spaces between Chinese characters/words; an applicant's transcript should not have them. */
export function joinTranscript(words: readonly string[], lang: string): string {
  if (!lang.toLowerCase().startsWith('zh')) return words.join(' ');
  return words.join(' ').replace(/(?<=[\p{Script=Han}，。！？])\s+(?=[\p{Script=Han}])/gu, '');
}
