import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { LoadedPack, PackLoadResult } from '../../../core/packs/loadPacks.js';

/**
 * The openings catalogue: what the start screen lists for each loaded pack — title, description,
 * pay, the yes/no questions asked before the interview, how soon the job starts, and a rough
 * length (think + 60 % of answer time per question, the skills tests' limits, 3 min of forms).
 */
export function listOpenings(packs: PackLoadResult) {
  return packs.packs.map(({ pack }) => ({
    packId: pack.id,
    packVersion: pack.version,
    title: pack.opening.title,
    description: pack.opening.description,
    category: pack.opening.category,
    questionCount: pack.questions.length,
    hasSkillsTest: pack.skillsTests.length > 0,
    hourlyWageFen: pack.opening.hourlyWageFen,
    confirmQuestions: pack.knockouts.flatMap((k) => (k.kind === 'confirm' ? [{ ruleId: k.id, question: k.question }] : [])),
    startWithinDays: pack.knockouts.flatMap((k) => (k.kind === 'earliestStart' ? [k.withinDays] : []))[0] ?? null,
    estimatedMinutes: Math.ceil((pack.questions.reduce((s, q) => s + q.thinkSeconds + q.answerSeconds * 0.6, 0) + pack.skillsTests.reduce((s, t) => s + t.timeLimitSeconds, 0)) / 60 + 3),
  }));
}
export type Opening = ReturnType<typeof listOpenings>[number];

/** The loaded pack an interview starts with; an opening withdrawn meanwhile is refused in the applicant's words. */
export function findOpening(packs: PackLoadResult, packId: string): LoadedPack {
  const loaded = packs.packs.find((p) => p.pack.id === packId);
  if (!loaded) throw new KioskError(ErrorCode.NotFound, 'This opening is no longer available. Please choose another one.');
  return loaded;
}
