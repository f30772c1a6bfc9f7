import { z } from 'zod';
import { LocalText } from '../../../core/packs/packSchema.js';
import { channel } from './define.js';

/**
 * Optional self-identification after the interview, for adverse-impact reports only.
 * Categories come from the store's jurisdiction setting; "prefer not to say" is always offered.
 * Stored apart from every scoring input and never read by any scoring path.
 */
export const SelfIdCategory = z.object({ id: z.string(), label: LocalText });
export const SelfIdQuestion = z.object({ id: z.enum(['gender', 'ageBand']), label: LocalText, options: z.array(SelfIdCategory) });

export const selfIdContract = {
  'selfid:questions': channel(z.strictObject({}), z.object({ questions: z.array(SelfIdQuestion), explain: LocalText })),
  'selfid:submit': channel(
    z.strictObject({
      interviewId: z.string(),
      answers: z.partialRecord(z.enum(['gender', 'ageBand']), z.string().max(40)),
    }),
    z.object({ stored: z.boolean() }),
  ),
};
