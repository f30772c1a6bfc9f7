import { z } from 'zod';
import { FaceAggregates } from '../records/shapes.js';
import { Lang } from '../packs/packSchema.js';
import { ScoringPolicy } from './policy.js';

/** What scoring needs to know about one interview, whether it comes from the DB or a file. */
export type AnswerRecord = {
  questionId: string;
  mode: 'typed' | 'spoken';
  text: string;
  /** The answer to the one follow-up question, when it was asked and answered. */
  followUpText: string | null;
  latencyMs: number | null;
  durationMs: number | null;
  speakingRate: number | null;
  pauseRatio: number | null;
  face: FaceAggregates | null;
};
export type SkillsRecord = { testId: string; correct: number; total: number; totalMs: number };
export type ScoringInput = { lang: Lang; cameraConsent: boolean; answers: AnswerRecord[]; skills: SkillsRecord[] };

/** interview.json, the CLI's input. Documented in README.md; sample in tests/fixtures. */
export const InterviewFile = z
  .strictObject({
    format: z.literal('kiosk-interview').default('kiosk-interview'),
    formatVersion: z.literal(1).default(1),
    packId: z.string().optional(),
    pack: z.unknown().optional(),
    lang: Lang,
    cameraConsent: z.boolean().default(false),
    answers: z.array(
      z.strictObject({
        questionId: z.string(),
        mode: z.enum(['typed', 'spoken']).default('typed'),
        text: z.string().max(10000),
        followUpText: z.string().max(10000).nullable().default(null),
        latencyMs: z.number().min(0).nullable().default(null),
        durationMs: z.number().min(0).nullable().default(null),
        speakingRate: z.number().min(0).nullable().default(null),
        pauseRatio: z.number().min(0).max(1).nullable().default(null),
        face: FaceAggregates.nullable().default(null),
      }),
    ),
    skills: z.array(z.strictObject({ testId: z.string(), correct: z.number().int().min(0), total: z.number().int().min(1), totalMs: z.number().min(0) })).default([]),
    policy: ScoringPolicy.optional(),
  })
  .refine((f) => f.packId !== undefined || f.pack !== undefined, { message: 'give "packId" or an embedded "pack"' });
export type InterviewFile = z.infer<typeof InterviewFile>;
