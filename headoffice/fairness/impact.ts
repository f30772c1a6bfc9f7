/**
 * The only reader of self-identification at head office. It joins self-ID to a model's
 * recommendations by interview id and runs the four-fifths check (adverseImpact.ts). Nothing
 * here feeds back into features, refit or scores.
 */
import { bandOf } from '../../core/scoring/explain.js';
import { weightsEvaluator, type WeightsFile } from '../../core/scoring/weightsFile.js';
import type { JobPack } from '../../core/packs/packSchema.js';
import type { Queryable } from '../store/types.js';
import { adverseImpact, type ImpactReport, type Person } from './adverseImpact.js';
import type { Sample } from './samples.js';

export const DIMENSIONS = ['gender', 'ageBand'] as const;
export type SelfId = { gender: string | null; ageBand: string | null };

export async function loadSelfIds(q: Queryable): Promise<Map<string, SelfId>> {
  const rows = await q.all<{ interview_id: string; gender: string | null; age_band: string | null }>('SELECT interview_id, gender, age_band FROM ho_selfid');
  return new Map(rows.map((r) => [r.interview_id, { gender: r.gender, ageBand: r.age_band }]));
}

export const groupsOf = (s: SelfId | undefined): Record<string, string | null> => ({ gender: s?.gender ?? null, ageBand: s?.ageBand ?? null });

export type ModelImpact = ImpactReport & { model: string; applicants: number; withSelfId: number; recommendAt: number };

/** Adverse impact of a model's recommendations over every applicant of the job (not only hires). */
export function modelImpact(samples: Sample[], weights: WeightsFile, pack: JobPack, selfIds: Map<string, SelfId>): ModelImpact {
  const evaluate = weightsEvaluator(weights);
  const people: Person[] = samples.map((s) => {
    // The kiosk decides the band on the overall rounded to one decimal (what the manager sees).
    const overall = Math.round(evaluate(s.x).overall * 10) / 10;
    return { groups: groupsOf(selfIds.get(s.interviewId)), isRecommended: bandOf(overall, pack) === 'recommend', score: overall };
  });
  const rep = adverseImpact(people, [...DIMENSIONS]);
  return {
    ...rep,
    model: `${weights.packId}@${weights.modelVersion}`,
    applicants: samples.length,
    withSelfId: samples.filter((s) => selfIds.has(s.interviewId)).length,
    recommendAt: pack.scoring.recommendAt,
  };
}
