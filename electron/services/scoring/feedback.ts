/**
 * The applicant's finish-screen feedback: 2–3 strengths and 1–2 concrete suggestions in both
 * languages, built from the competency results and the pack's anchored level descriptions.
 * Numbers only when the pack allows it (scoring.showNumbersToApplicant).
 */
import type { JobPack, LocalText } from '../../shared/packs/packSchema.js';
import type { CompetencyScore, ScoreResult } from './explain.js';
import type { QuotedEvidence } from './features.js';

export type Feedback = { strengths: LocalText[]; suggestions: LocalText[] };

const TIPS = {
  star: { 'zh-CN': '讲一个具体的经历：当时的情况、你做了什么、结果怎样。', en: 'Tell one real story: the situation, what you did, and how it ended.' },
  spec: { 'zh-CN': '加上具体细节，比如数字、时间或地点。', en: 'Add concrete details such as numbers, times or places.' },
  rel: { 'zh-CN': '紧扣问题本身来回答。', en: 'Keep your answer close to the question asked.' },
  len: { 'zh-CN': '回答可以再完整一些，多说一两句你的做法。', en: 'Say a little more: one or two sentences about what you did.' },
  filler: { 'zh-CN': '放慢一点，少用“嗯”“那个”这类口头禅。', en: 'Slow down a little and drop fillers like “um” and “like”.' },
  ind: { 'zh-CN': '说说你会具体采取哪些行动。', en: 'Say which concrete actions you would take.' },
} as const satisfies Record<string, LocalText>;

const CLAUSE_BREAK = /[，。！？；、,.!?;\n]/u;
const MAX_QUOTE = 28;

/**
 * The applicant's own words around a matched phrase: the clause it sits in (a bare two-character
 * match such as “告诉” tells them little), cut to a readable length around the match. Falls back
 * to the phrase itself when the answer text is not at hand.
 */
export function quoteInContext(q: QuotedEvidence, answers: ReadonlyMap<string, string>): string {
  const text = answers.get(q.questionId);
  const at = text?.indexOf(q.text) ?? -1;
  if (!text || at < 0) return q.text;
  let start = at;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  let end = at + q.text.length;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
  let clause = text.slice(start, end).trim();
  if (clause.length > MAX_QUOTE) {
    const rel = at - start;
    const from = Math.max(0, Math.min(rel - Math.floor((MAX_QUOTE - q.text.length) / 2), clause.length - MAX_QUOTE));
    clause = `${from > 0 ? '…' : ''}${clause.slice(from, from + MAX_QUOTE).trim()}${from + MAX_QUOTE < clause.length ? '…' : ''}`;
  }
  return clause;
}

function firstQuote(c: CompetencyScore, answers: ReadonlyMap<string, string>): string | null {
  for (const k of c.contributions) if (k.kind === 'feature' && k.contribution > 0 && k.feature.startsWith('ind:') && k.evidence[0]) return quoteInContext(k.evidence[0], answers);
  return null;
}

/** The generic feature of this competency with the most room to grow, as a concrete tip. */
function tipFor(c: CompetencyScore): LocalText {
  const gap = (kind: string) => {
    const k = c.contributions.find((x) => x.feature === `${kind}:${c.id}`);
    return k?.value ?? 0;
  };
  const hasIndicator = c.contributions.some((k) => k.feature.startsWith('ind:') && k.contribution > 0);
  const candidates: [keyof typeof TIPS, number][] = [
    ['star', 1 - gap('star')],
    ['spec', 1 - gap('spec')],
    ['len', 1 - gap('len')],
    ['rel', 1 - gap('rel')],
    ['filler', gap('filler')],
    ['ind', hasIndicator ? 0 : 0.9],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return TIPS[candidates[0]![0]];
}

const trimEnd = (s: string): string => s.replace(/[\s。.！!]+$/u, '');

/** `answers`: question id → answer text, so quotes can show the applicant's words in context. */
export function buildFeedback(pack: JobPack, result: ScoreResult, answers: ReadonlyMap<string, string> = new Map()): Feedback {
  const showNumbers = pack.scoring.showNumbersToApplicant;
  const num = (c: CompetencyScore) => (showNumbers ? { zh: `（${c.score}/100）`, en: ` (${c.score}/100)` } : { zh: '', en: '' });
  const levels = (id: string) => pack.competencies.find((pc) => pc.id === id)?.levels;
  const byScore = [...result.competencies].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

  const strengths = byScore
    .filter((c, i) => i < 2 || (i < 3 && c.score >= pack.scoring.borderlineAt))
    .map((c): LocalText => {
      const quote = firstQuote(c, answers);
      const desc = levels(c.id)?.[c.level - 1];
      const n = num(c);
      const zhBody = c.level >= 3 && desc ? trimEnd(desc['zh-CN']) : '你在这方面有一个好的开始';
      const enBody = c.level >= 3 && desc ? trimEnd(desc.en) : 'a good start';
      return {
        'zh-CN': `${c.name['zh-CN']}${n.zh}：${zhBody}${quote ? `。例如你提到“${quote}”。` : '。'}`,
        en: `${c.name.en}${n.en}: ${enBody}${quote ? `. For example, you said “${quote}”.` : '.'}`,
      };
    });

  const weakest = [...byScore].reverse();
  const picked = weakest.filter((c, i) => i === 0 || (i === 1 && c.score < pack.scoring.recommendAt)).filter((c) => !strengths.length || byScore.length > 2 || c !== byScore[0]);
  const suggestions = picked.slice(0, 2).map((c): LocalText => {
    // Aim at a level that reads as a good answer (3+), not just one step above a weak one.
    const next = levels(c.id)?.[Math.min(5, Math.max(3, c.level + 1)) - 1];
    const tip = tipFor(c);
    const n = num(c);
    return {
      'zh-CN': `${c.name['zh-CN']}${n.zh}：${tip['zh-CN']}${next && c.level < 5 ? `更好的回答是这样的：${next['zh-CN']}` : ''}`,
      en: `${c.name.en}${n.en}: ${tip.en}${next && c.level < 5 ? ` A stronger answer: ${next.en}` : ''}`,
    };
  });
  return { strengths, suggestions };
}
