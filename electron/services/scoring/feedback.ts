/**
 * The applicant's finish-screen feedback, in both languages, and true by construction:
 *  - strengths only from indicators credited in substantive, non-negated clauses, quoting the
 *    applicant's whole clause (never a cut word, never the question text);
 *  - no filler praise: with nothing creditable there are no strengths, and a kind, honest line;
 *  - tips that fit the question type (situational: first step, who to tell, prevention;
 *    past behaviour: situation, own action, result), for the answers that needed them most;
 *  - the skills-test result. Numbers only when the pack allows it (scoring.showNumbersToApplicant).
 */
import type { JobPack, LocalText, Question } from '../../../core/packs/packSchema.js';
import type { ScoreResult } from '../../../core/scoring/explain.js';
import type { ScoringInput } from '../../../core/scoring/interviewInput.js';

export type Feedback = { strengths: LocalText[]; suggestions: LocalText[]; skills: LocalText[]; note: LocalText | null };

export const MAX_STRENGTHS = 3;
export const MAX_SUGGESTIONS = 2;
/** Answers scoring under this (level 3 starts at 37.5) get a tip. */
export const TIP_BELOW = 62.5;
const MAX_QUOTE_CHARS = 60;

const TIPS: Record<Question['kind'], LocalText> = {
  situational: { 'zh-CN': '说说你会先做什么、会告诉谁、以后怎么避免再发生。', en: 'Say what you would do first, who you would tell, and how you would stop it happening again.' },
  practical: { 'zh-CN': '一步一步说出你具体会怎么做，以及为什么这样做。', en: 'Say step by step how you would do it, and why.' },
  behavioural: { 'zh-CN': '讲一次真实的经历：当时是什么情况、你自己做了什么、结果怎么样。', en: 'Tell one real story: what the situation was, what you did yourself, and how it turned out.' },
  motivation: { 'zh-CN': '说说你为什么想做这份工作，以及哪些时间能来上班。', en: 'Say why you want this job and which times you can work.' },
};

const clip = (s: string): string => (s.length > MAX_QUOTE_CHARS ? `${s.slice(0, MAX_QUOTE_CHARS).trimEnd()}…` : s);

export function buildFeedback(pack: JobPack, result: ScoreResult, input: Pick<ScoringInput, 'skills'>): Feedback {
  const showNumbers = pack.scoring.showNumbersToApplicant;
  const compName = (id: string) => pack.competencies.find((c) => c.id === id)?.name;

  // Strengths: one per competency at most, preferring different questions; whole clauses only.
  const credited = result.competencies.flatMap((c) => c.evidence.filter((e) => e.polarity === 'positive' && e.status === 'credited').map((e) => ({ c, e })));
  const strengths: LocalText[] = [];
  const usedQuestions = new Set<string>();
  const usedComps = new Set<string>();
  for (const pass of [0, 1]) {
    for (const { c, e } of credited) {
      if (strengths.length >= MAX_STRENGTHS) break;
      if (usedComps.has(c.id) || (pass === 0 && usedQuestions.has(e.questionId))) continue;
      const name = compName(c.id) ?? c.name;
      const quote = clip(e.quote);
      strengths.push({ 'zh-CN': `你说「${quote}」——这体现了${name['zh-CN']}。`, en: `You said “${quote}” — that shows ${name.en.toLowerCase()}.` });
      usedComps.add(c.id);
      usedQuestions.add(e.questionId);
    }
  }

  // Tips for the weakest answers, by question type.
  const weak = [...result.answers].filter((a) => a.score < TIP_BELOW).sort((a, b) => a.score - b.score || a.questionId.localeCompare(b.questionId));
  const suggestions: LocalText[] = [];
  const usedKinds = new Set<string>();
  for (const a of weak) {
    if (suggestions.length >= MAX_SUGGESTIONS) break;
    const qi = pack.questions.findIndex((q) => q.id === a.questionId);
    const q = pack.questions[qi]!;
    if (usedKinds.has(q.kind)) continue;
    usedKinds.add(q.kind);
    const tip = TIPS[q.kind];
    const n = showNumbers ? { zh: `（${a.score}/100）`, en: ` (${a.score}/100)` } : { zh: '', en: '' };
    suggestions.push({ 'zh-CN': `第${qi + 1}题${n.zh}：${tip['zh-CN']}`, en: `Question ${qi + 1}${n.en}: ${tip.en}` });
  }

  const skills = pack.skillsTests.map((test): LocalText => {
    const r = input.skills.find((s) => s.testId === test.id);
    if (!r) return { 'zh-CN': `${test.title['zh-CN']}：没有完成。`, en: `${test.title.en}: not completed.` };
    return { 'zh-CN': `${test.title['zh-CN']}：${r.total} 题答对 ${r.correct} 题。`, en: `${test.title.en}: ${r.correct} of ${r.total} right.` };
  });

  const note: LocalText | null = strengths.length
    ? null
    : {
        'zh-CN': '这次的回答还没能说出你具体会怎么做。没关系，店长会看你的全部回答，由店长决定。',
        en: 'Your answers did not yet show what you would actually do. That is all right: the manager reads all your answers and decides.',
      };
  return { strengths, suggestions, skills, note };
}
