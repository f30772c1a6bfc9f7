/**
 * Clause-level reading of one answer (zh-CN and en): the text is split into clauses, each clause
 * into tokens, and every token knows whether it lies inside the scope of a negation. Everything
 * that judges an answer works on this structure, so "我不会瞒着" and "I'd never hide it" can be
 * read as evidence *against* hiding rather than as hiding.
 *
 * Offsets always point into the applicant's original text, so quotes are exact substrings.
 */
import { getJieba } from './text.js';

export type Lang = 'zh' | 'en';
export type Token = {
  /** Normalised form (NFKC, lower case); for English also the light stem. */
  norm: string;
  stem: string;
  start: number;
  end: number;
  /** Function word, pronoun, modal, particle or adverb: the glue of real speech, absent from keyword lists. */
  isFunction: boolean;
  /** A negator that opens a scope (不/没有/never/n't …), after exceptions and double negation. */
  isNegator: boolean;
  /** Inside an odd number of open negation scopes. */
  negated: boolean;
};
export type Clause = { start: number; end: number; text: string; tokens: Token[]; lang: Lang };
export type Reading = { text: string; norm: string; lang: Lang; clauses: Clause[] };

const HAN = /\p{Script=Han}/u;
const HARD_BREAK = /[。！？；!?;\n\r…]/u;
const SOFT_BREAK = /[，,、：:]/u;

/** Same length as the input (so offsets are shared): a code point whose NFKC form changes length is kept as is. */
export function normalise(text: string): string {
  let out = '';
  for (const cp of text) {
    const n = cp.normalize('NFKC').toLowerCase();
    out += n.length === cp.length ? n : cp;
  }
  return out;
}

export function detectLang(text: string): Lang {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[a-zA-Z]/g)?.length ?? 0;
  // A Chinese character carries about as much as three Latin letters.
  return han * 3 >= latin ? 'zh' : 'en';
}

// ---------------------------------------------------------------- Chinese

/** Tokens that start a new clause when they appear mid-sentence (unpunctuated speech needs these). */
const ZH_CLAUSE_MARKERS = ['但是', '可是', '不过', '而是', '然后', '接着', '之后', '最后', '同时', '另外', '所以', '因为', '如果', '要是', '万一', '其次', '首先', '第二', '第三', '后来', '结果'];
/** Single-character negators and multi-character negators (jieba usually keeps these as one token). */
const ZH_NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '未',
  '勿',
  '莫',
  '非',
  '不要',
  '不会',
  '不能',
  '不用',
  '不必',
  '从不',
  '从来不',
  '从没',
  '从没有',
  '从来没有',
  '绝不',
  '决不',
  '并不',
  '并没有',
  '不可以',
  '不可',
  '不该',
  '不应该',
  '不应',
  '不想',
  '不肯',
  '不愿',
  '不愿意',
  '没法',
  '无法',
  '不准',
  '甭',
  '别想',
]);
/** Words that contain a negator but do not negate what follows. */
const ZH_LEXICALISED = new Set([
  '不错',
  '不好意思',
  '对不起',
  '不断',
  '不管',
  '不仅',
  '不但',
  '不少',
  '不久',
  '不同',
  '不停',
  '不然',
  '要不',
  '不如',
  '不过',
  '没关系',
  '没事',
  '没问题',
  '不客气',
  '不要紧',
  '差不多',
  '了不起',
  '不得了',
  '忍不住',
  '来不及',
  '不一定',
  '不得不',
  '不能不',
  '不会不',
  '没有不',
  '免不了',
  '少不了',
  '不怕',
  '不光',
  '不只',
  '无论',
  '不论',
  '非常',
  '非得',
  '并非',
  '不敢当',
  '不见得',
  '别人',
  '别的',
  '别处',
  '不安',
  '不满',
  '不行',
  '不对',
  '不好',
  '不便',
  '不足',
  '未来',
  '未必',
  '莫名',
]);
/** After these, the negation ends: a contrast or a fresh first-person statement. */
const ZH_SCOPE_CUT = new Set(['而是', '但', '但是', '就', '才', '而', '却', '可是', '不过', '反而', '只是']);
const ZH_FIRST_PERSON = ['我们', '咱们', '我', '咱'];
const ZH_MODAL_AFTER_SUBJECT = /^(会|就|要|马上|先|再|立刻|立即|肯定|一定|去|来|把|得|能|可以|还|也|都|赶紧|直接|主动|尽量|第一|应该|想|觉得|当时|那时|便)/;
/** "我会…", "我们就…" (jieba may glue 我会 into one token). */
const startsFreshStatement = (ahead: string): boolean => {
  for (const p of ZH_FIRST_PERSON) if (ahead.startsWith(p) && ZH_MODAL_AFTER_SUBJECT.test(ahead.slice(p.length))) return true;
  return false;
};
const ZH_FUNCTION = new Set([
  '我',
  '我们',
  '你',
  '您',
  '你们',
  '他',
  '她',
  '它',
  '他们',
  '她们',
  '咱',
  '咱们',
  '自己',
  '大家',
  '人家',
  '的',
  '地',
  '得',
  '了',
  '着',
  '过',
  '吧',
  '呢',
  '啊',
  '吗',
  '呀',
  '嘛',
  '哦',
  '么',
  '会',
  '要',
  '能',
  '可以',
  '应该',
  '得',
  '想',
  '愿意',
  '肯定',
  '一定',
  '必须',
  '需要',
  '就',
  '先',
  '再',
  '也',
  '都',
  '还',
  '又',
  '才',
  '很',
  '更',
  '最',
  '太',
  '挺',
  '马上',
  '立刻',
  '立即',
  '赶紧',
  '赶快',
  '直接',
  '主动',
  '尽量',
  '一起',
  '一下',
  '一遍',
  '然后',
  '接着',
  '之后',
  '最后',
  '同时',
  '把',
  '被',
  '给',
  '让',
  '跟',
  '和',
  '与',
  '对',
  '向',
  '从',
  '在',
  '到',
  '为',
  '帮',
  '用',
  '按',
  '等',
  '是',
  '有',
  '没',
  '没有',
  '不',
  '别',
  '这',
  '那',
  '这个',
  '那个',
  '这样',
  '那样',
  '这些',
  '那些',
  '个',
  '些',
  '件',
  '次',
  '如果',
  '因为',
  '所以',
  '但是',
  '可是',
  '不过',
  '而且',
  '或者',
  '还是',
  '要是',
  '虽然',
  '然后',
  '于是',
  '比如',
  '当时',
  '那时候',
  '后来',
  '结果',
  '说',
  '看',
  '去',
  '来',
  '做',
  '问',
  '告诉',
  '知道',
  '觉得',
  '记得',
  '发现',
]);

function zhTokens(norm: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let pos = start;
  for (const w of getJieba().cut(norm.slice(start, end), true)) {
    const s = pos;
    pos += w.length;
    if (/^[\s\p{P}\p{S}]*$/u.test(w)) continue;
    // Latin words inside Chinese speech ("我会先 apologise") are stemmed like English ones.
    tokens.push({ norm: w, stem: /^[a-z']+$/.test(w) ? stemEn(w) : w, start: s, end: pos, isFunction: ZH_FUNCTION.has(w) || EN_FUNCTION.has(w), isNegator: false, negated: false });
  }
  return splitNegatorPrefixes(tokens);
}

/** jieba glues some negators to the verb (不告诉, 没说): split them so the verb can be matched and negated. */
function splitNegatorPrefixes(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const m = /^(从来没有|从来不|从没有|从没|从不|并没有|并不|不会|不能|不要|不用|不必|不想|没有|绝不|决不|不|没|别)(?=\p{Script=Han})/u.exec(t.norm);
    if (m && !ZH_LEXICALISED.has(t.norm) && !ZH_NEGATORS.has(t.norm) && !isANotA(t.norm) && t.norm.length > m[1]!.length) {
      const cut = t.start + m[1]!.length;
      out.push({ ...t, norm: m[1]!, stem: m[1]!, end: cut, isFunction: true });
      const rest = t.norm.slice(m[1]!.length);
      out.push({ ...t, norm: rest, stem: rest, start: cut, isFunction: ZH_FUNCTION.has(rest) });
    } else out.push(t);
  }
  return out;
}

/** 要|不要 or 是|不|是 as jieba splits them: the verb before the negator comes again after it. */
function isSplitANotA(prev: string | undefined, neg: string, next: string | undefined): boolean {
  if (!prev) return false;
  const after = neg.length > 1 ? neg.slice(1) : (next ?? '');
  return after.length > 0 && prev.endsWith(after[0]!);
}

/** 是不是 / 要不要 / 有没有: a question form, not a negation. */
const isANotA = (w: string): boolean => /^(.)[不没]\1/u.test(w) || /^有没有/.test(w);

const ZH_SCOPE_WORDS = 4;
const ZH_PURPOSE = new Set(['为了', '因为', '为', '怕', '图', '贪', '一', '看到', '看见', '觉得', '想']);

function markZhNegation(tokens: Token[]): void {
  let parity = 0;
  let sinceNegator: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    // 就/才 end a negation ("不用等，就…"), except after a purpose or condition inside it:
    // "我不会为了快就乱放" still rules out 乱放.
    if (ZH_SCOPE_CUT.has(t.norm) && !(parity && (t.norm === '就' || t.norm === '才') && sinceNegator.some((x) => ZH_PURPOSE.has(x)))) parity = 0;
    if (parity) sinceNegator.push(t.norm);
    // "我不会跟他吵 会客客气气地说": a modal after the negated verb starts the next statement.
    if (parity && (t.norm === '会' || t.norm === '要') && sinceNegator.length >= 1 && !prev?.isNegator) parity = 0;
    // A fresh "我会…/我就…" after a negated stretch starts a new statement.
    if (
      parity &&
      i > 0 &&
      startsFreshStatement(
        tokens
          .slice(i, i + 3)
          .map((x) => x.norm)
          .join(''),
      )
    )
      parity = 0;
    // 也: "我不会…，也不会…" keeps its own negator; a bare "也" after a negated clause does not carry it.
    const isNeg =
      ZH_NEGATORS.has(t.norm) &&
      !ZH_LEXICALISED.has(t.norm) &&
      !ZH_LEXICALISED.has(t.norm + (tokens[i + 1]?.norm ?? '')) &&
      !ZH_LEXICALISED.has((prev?.norm ?? '') + t.norm) &&
      !isSplitANotA(prev?.norm, t.norm, tokens[i + 1]?.norm) && // 是 不 是, 要 不要
      !(t.norm === '不' && /^(怕|管|断|停|少|仅|但|同|久|错|好意思)/.test(tokens[i + 1]?.norm ?? ''));
    if (isNeg) {
      t.isNegator = true;
      // Two negators in a row cancel (不会不…); a later, separate negation opens its own scope.
      parity = prev?.isNegator ? parity ^ 1 : 1;
      sinceNegator = [];
      continue;
    }
    t.negated = parity === 1;
    // Unpunctuated speech runs clauses together: a negation covers its verb phrase, not the rest
    // of a long utterance (at most ZH_SCOPE_WORDS content words).
    if (parity && !t.isFunction && sinceNegator.filter((w) => !ZH_FUNCTION.has(w)).length >= ZH_SCOPE_WORDS) parity = 0;
    // A sentence-final 了 closes the proposition in unpunctuated speech ("他不要就算了 给他结账").
    if (parity && t.norm.endsWith('了') && t.norm !== '为了' && t.norm !== '除了' && i + 1 < tokens.length) parity = 0;
  }
}

// ---------------------------------------------------------------- English

const EN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const EN_NEGATORS = new Set([
  'not',
  'never',
  'no',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'without',
  'hardly',
  'cannot',
  'dont',
  'wont',
  'cant',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'arent',
  'werent',
  'havent',
  'hasnt',
  'aint',
  'refuse',
  'refused',
]);
const EN_SCOPE_CUT = new Set([
  'but',
  'instead',
  'rather',
  'though',
  'although',
  'so',
  'then',
  'because',
  'however',
  'except',
  'unless',
  'until',
  'otherwise',
  'if',
  'when',
  'while',
  'after',
  'before',
  'once',
]);
const EN_SUBJECTS = new Set(['i', "i'd", "i'll", "i'm", "i've", 'id', 'ill', 'im', 'ive', 'we', "we'd", "we'll", 'he', 'she', 'they', 'you']);
const EN_MODAL_AFTER_AND = new Set(['i', "i'd", "i'll", 'we', 'would', 'will', 'then', 'also', 'try', 'make', 'just', 'still', 'go', 'tell', 'call']);
/** "wouldn't hesitate", "not only", "no matter": the negator does not negate the act. */
const EN_NOT_NEGATING_NEXT = new Set(['hesitate', 'hesitat', 'only', 'matter', 'problem', 'doubt', 'worry', 'wait']);
export const EN_FUNCTION = new Set([
  'i',
  'me',
  'my',
  'mine',
  'myself',
  'we',
  'us',
  'our',
  'you',
  'your',
  'he',
  'him',
  'his',
  'she',
  'her',
  'it',
  'its',
  'they',
  'them',
  'their',
  'someone',
  'somebody',
  'everyone',
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'some',
  'any',
  'each',
  'every',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'about',
  'into',
  'over',
  'up',
  'out',
  'off',
  'back',
  'down',
  'away',
  'before',
  'after',
  'while',
  'during',
  'and',
  'or',
  'but',
  'so',
  'if',
  'then',
  'because',
  'when',
  'what',
  'who',
  'how',
  'which',
  'where',
  'that',
  'than',
  'as',
  'would',
  'will',
  'could',
  'should',
  'can',
  'might',
  'must',
  'shall',
  'may',
  'do',
  'does',
  'did',
  'done',
  'have',
  'has',
  'had',
  'be',
  'is',
  'am',
  'are',
  'was',
  'were',
  'been',
  'being',
  'get',
  'got',
  'go',
  'went',
  'make',
  'made',
  'let',
  'try',
  'just',
  'also',
  'first',
  'still',
  'really',
  'very',
  'too',
  'there',
  'here',
  'not',
  'never',
  'no',
  "i'd",
  "i'll",
  "i'm",
  "i've",
  'id',
  'ill',
  'im',
  'ive',
  "don't",
  "won't",
  "can't",
  "didn't",
  "wouldn't",
  "we'd",
  "it's",
  "that's",
  "they're",
  "you're",
]);

/** A deliberately light stemmer: helped/helping/helps → help, apologized → apologiz. */
export function stemEn(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && (w.endsWith('ied') || w.endsWith('ies'))) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // apologise / apologize, organise / organize
  return w.replace(/is$/, 'iz');
}

const enNegatorForm = (w: string): string => w.replace(/’/g, "'").replace(/n't$/, 'nt').replace(/'/g, '');

function enTokens(norm: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const slice = norm.slice(start, end);
  for (const m of slice.matchAll(EN_WORD)) {
    const w = m[0].replace(/’/g, "'");
    const s = start + m.index;
    tokens.push({ norm: w, stem: stemEn(w), start: s, end: s + m[0].length, isFunction: EN_FUNCTION.has(w), isNegator: false, negated: false });
  }
  return tokens;
}

/** "I don't think I would leave it": the negation belongs to the following clause. */
const EN_NEG_RAISING = new Set(['think', 'believe', 'suppose', 'reckon', 'expect', 'imagine']);

function markEnNegation(tokens: Token[]): void {
  let parity = 0;
  let sinceNeg = 0;
  let raised = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (EN_SCOPE_CUT.has(t.norm)) {
      parity = 0;
      raised = false;
    }
    if (parity && t.norm === 'and' && next && EN_MODAL_AFTER_AND.has(next.norm)) parity = 0;
    if (parity && sinceNeg > 0 && EN_SUBJECTS.has(t.norm)) {
      // The first subject after "don't think" is still inside the negation; the next one is not.
      if (raised) raised = false;
      else parity = 0;
    }
    if (EN_NEG_RAISING.has(t.stem) && sinceNeg === 0 && parity) raised = true;
    const form = enNegatorForm(t.norm);
    const negForm =
      EN_NEGATORS.has(form) ||
      (/nt$/.test(form) && ['dont', 'wont', 'cant', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wouldnt', 'shouldnt', 'couldnt', 'arent', 'werent', 'havent', 'hasnt', 'aint'].includes(form));
    // "no one"/"nobody" as a subject ("no one will know") is a statement, not negation of the speaker's act.
    const skipNext = next && (EN_NOT_NEGATING_NEXT.has(next.stem) || EN_NOT_NEGATING_NEXT.has(next.norm) || (next.norm === 'to' && tokens[i + 2] && EN_NOT_NEGATING_NEXT.has(tokens[i + 2]!.stem)));
    if (negForm && !skipNext) {
      t.isNegator = true;
      parity = tokens[i - 1]?.isNegator ? parity ^ 1 : 1;
      sinceNeg = 0;
      raised = false;
      continue;
    }
    if (negForm && skipNext) {
      // "wouldn't hesitate to" / "not only": skip the following word as well.
      continue;
    }
    sinceNeg++;
    t.negated = parity === 1;
  }
}

// ---------------------------------------------------------------- clauses

function clauseSpans(norm: string, lang: Lang): [number, number][] {
  const spans: [number, number][] = [];
  let s = 0;
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i]!;
    const isDecimal = ch === '.' && /\d/.test(norm[i - 1] ?? '') && /\d/.test(norm[i + 1] ?? '');
    if (HARD_BREAK.test(ch) || SOFT_BREAK.test(ch) || (ch === '.' && !isDecimal)) {
      if (i > s) spans.push([s, i]);
      s = i + 1;
    }
  }
  if (s < norm.length) spans.push([s, norm.length]);
  return spans
    .flatMap(([a, b]) => (lang === 'zh' ? splitZhMarkers(norm, a, b) : splitEnMarkers(norm, a, b)))
    .map(([a, b]): [number, number] => {
      // Quotes are whole clauses without the spaces around them.
      while (a < b && /\s/u.test(norm[a]!)) a++;
      while (b > a && /\s/u.test(norm[b - 1]!)) b--;
      return [a, b];
    })
    .filter(([a, b]) => /[\p{L}\p{N}]/u.test(norm.slice(a, b)));
}

function splitZhMarkers(norm: string, a: number, b: number): [number, number][] {
  const cuts: number[] = [];
  for (const m of ZH_CLAUSE_MARKERS) {
    let from = a + 1;
    for (;;) {
      const at = norm.indexOf(m, from);
      if (at < 0 || at >= b) break;
      // Keep "不再"/"就再" together; cut only with at least two characters before.
      if (at - a >= 2 && !/[不没就]$/.test(norm.slice(a, at).trimEnd())) cuts.push(at);
      from = at + m.length;
    }
  }
  // A new first-person statement in unpunctuated speech: "…还没收到 我查一下" (not 跟我/给我/让我…).
  for (let at = norm.indexOf('我', a + 4); at >= 0 && at < b; at = norm.indexOf('我', at + 1)) {
    const before = norm.slice(Math.max(a, at - 8), at).replace(/\s+/g, '');
    if (/[\p{Script=Han}]{4}$/u.test(before) && !/[跟给让把对和帮叫向替被使问告诉找陪]$/u.test(before) && /\s/u.test(norm[at - 1] ?? '')) cuts.push(at);
  }
  // 再 as "then" when it starts an action: 再核对, 再告诉 … (not 再见, 不再).
  for (let at = norm.indexOf('再', a + 2); at >= 0 && at < b; at = norm.indexOf('再', at + 1)) {
    if (!/[不没就一]/.test(norm[at - 1] ?? '') && !/[见次说]/.test(norm[at + 1] ?? '')) cuts.push(at);
  }
  return applyCuts(a, b, cuts);
}

function splitEnMarkers(norm: string, a: number, b: number): [number, number][] {
  const cuts: number[] = [];
  for (const m of norm.slice(a, b).matchAll(/\b(but|then|instead|after that|so that|and then|because|otherwise|first|next|finally|also)\b/g)) {
    const at = a + m.index;
    if (at - a >= 6) cuts.push(at);
  }
  return applyCuts(a, b, cuts);
}

function applyCuts(a: number, b: number, cuts: number[]): [number, number][] {
  const sorted = [...new Set(cuts)].sort((x, y) => x - y);
  const out: [number, number][] = [];
  let s = a;
  for (const c of sorted) {
    if (c > s) out.push([s, c]);
    s = c;
  }
  out.push([s, b]);
  return out;
}

/** Reads an answer into clauses with negation marked on every token. */
export function readAnswer(text: string): Reading {
  const norm = normalise(text);
  const lang = detectLang(norm);
  const clauses: Clause[] = [];
  for (const [a, b] of clauseSpans(norm, lang)) {
    // A clause mixing scripts (然后我 call 了 manager) is tokenised by its own majority script,
    // but English words inside Chinese text are still tokens (jieba keeps Latin runs together).
    const clauseLang = detectLang(norm.slice(a, b));
    const tokens = clauseLang === 'zh' ? zhTokens(norm, a, b) : enTokens(norm, a, b);
    if (clauseLang === 'zh') markZhNegation(tokens);
    else markEnNegation(tokens);
    if (tokens.length) clauses.push({ start: a, end: b, text: text.slice(a, b), tokens, lang: clauseLang });
  }
  return { text, norm, lang, clauses };
}

export const isHan = (s: string): boolean => HAN.test(s);
