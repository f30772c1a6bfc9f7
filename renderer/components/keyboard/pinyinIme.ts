/**
 * Pinyin input for the on-screen keyboard, as pure functions: the letters typed so far (the
 * "composition") are split into syllables, and the candidates are whole words for the leading
 * syllables first (帮助 for "bangzhu"), then single characters for the first syllable. Picking a
 * candidate consumes the letters it stands for; the rest stay in the composition, as in a
 * desktop IME. No tones are typed; ü is typed as v (lv → 绿), like every common IME.
 */

/** Syllable → characters, most common first (simple-keyboard-layouts' Chinese layout). */
export type CharTable = Record<string, string>;
/** Space-separated syllables → words, most common first (scripts/buildPinyinPhrases.ts). */
export type PhraseTable = Record<string, string>;

export type Candidate = { text: string; consumes: number };

const MAX_SYLLABLE = 6;

/**
 * Splits letters into syllables so that as many letters as possible form whole syllables, with as
 * few syllables as possible, longer first syllables winning ties: "xianguo" is xian guo (not
 * xiang + "uo"), "xiang" stays one syllable. Letters left over (an unfinished syllable, like the
 * "zh" of "nizh") are the partial piece at the end.
 */
export function segment(letters: string, chars: CharTable): { syllables: string[]; partial: string } {
  type Best = { used: number; count: number; syllables: string[] };
  const memo = new Map<number, Best>();
  const best = (i: number): Best => {
    const known = memo.get(i);
    if (known) return known;
    let result: Best = { used: 0, count: 0, syllables: [] };
    for (let len = Math.min(MAX_SYLLABLE, letters.length - i); len > 0; len--) {
      const s = letters.slice(i, i + len);
      if (chars[s] === undefined) continue;
      const rest = best(i + len);
      const option = { used: len + rest.used, count: 1 + rest.count, syllables: [s, ...rest.syllables] };
      if (option.used > result.used || (option.used === result.used && option.count < result.count)) result = option;
    }
    memo.set(i, result);
    return result;
  };
  const { used, syllables } = best(0);
  return { syllables, partial: letters.slice(used) };
}

const split = (s: string | undefined): string[] => (s ? s.split(' ').filter((w) => w !== '') : []);

/** Candidates for the composition, best first, without duplicates, at most `limit`. */
export function candidatesFor(letters: string, chars: CharTable, phrases: PhraseTable, limit = 60): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (text: string, consumes: number) => {
    if (out.length >= limit || seen.has(text)) return;
    seen.add(text);
    out.push({ text, consumes });
  };
  if (letters === '') return out;
  const { syllables, partial } = segment(letters, chars);

  // Words covering every syllable typed and the unfinished one ("nih" → 你好).
  if (partial !== '' && syllables.length > 0) {
    const head = syllables.join(' ') + ' ' + partial;
    for (const [key, words] of Object.entries(phrases)) {
      if (key.startsWith(head) && key.split(' ').length === syllables.length + 1) for (const w of split(words)) add(w, letters.length);
    }
  }
  // Words for the leading syllables, longest first.
  for (let n = syllables.length; n >= 2; n--) {
    const consumes = syllables.slice(0, n).join('').length;
    for (const w of split(phrases[syllables.slice(0, n).join(' ')])) add(w, consumes);
  }
  if (syllables.length > 0) {
    for (const c of split(chars[syllables[0]])) add(c, syllables[0]!.length);
  } else {
    // Only an initial so far ("zh"): the commonest characters of each syllable it starts.
    for (const [s, cs] of Object.entries(chars)) if (s.startsWith(partial)) for (const c of split(cs).slice(0, 2)) add(c, partial.length);
  }
  return out;
}

/** The composition as shown above the candidates: syllables apart, e.g. "bang zhu g". */
export function showComposition(letters: string, chars: CharTable): string {
  const { syllables, partial } = segment(letters, chars);
  return [...syllables, partial].filter((s) => s !== '').join(' ');
}
