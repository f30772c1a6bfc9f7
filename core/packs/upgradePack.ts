/**
 * Job pack format 1 → 2. Format 1 kept keyword "phrases" with signed weights per competency;
 * format 2 keeps behavioural indicators with polarity and paraphrases, and a follow-up question.
 * Used for interview snapshots stored by older kiosks (so old interviews stay readable) and by
 * `kiosk packs migrate`. An upgraded pack still needs a graded answer bank before a model can
 * be fitted for it.
 */
import type { LocalText } from './packSchema.js';

type V1Indicator = { id: string; label: LocalText; phrases: { 'zh-CN': string[]; en: string[] }; weight: number };
type V1Question = { kind: string; rubric?: { competency: string; indicators: V1Indicator[] }[]; topicWords?: unknown; [k: string]: unknown };
type V1Pack = { format: string; formatVersion: number; questions: V1Question[]; [k: string]: unknown };

export const GENERIC_FOLLOW_UP: Record<string, LocalText> = {
  behavioural: {
    'zh-CN': '能再多说一点吗？当时具体是什么情况，你自己做了什么，结果怎么样？',
    en: 'Could you say a bit more? What exactly happened, what did you do yourself, and how did it turn out?',
  },
  situational: { 'zh-CN': '能再具体一点吗？你会先做什么？会告诉谁？', en: 'Could you be a bit more specific? What would you do first, and who would you tell?' },
  motivation: { 'zh-CN': '能再多说一点吗？比如你为什么想做这份工作，哪些时间可以上班？', en: 'Could you say a bit more? For example, why this job, and which times you can work?' },
  practical: { 'zh-CN': '能再具体一点吗？你会一步一步怎么做？', en: 'Could you be a bit more specific? How would you do it, step by step?' },
};

export function isV1Pack(raw: unknown): raw is V1Pack {
  return typeof raw === 'object' && raw !== null && (raw as { formatVersion?: unknown }).formatVersion === 1 && Array.isArray((raw as { questions?: unknown }).questions);
}

export function upgradePackV1(raw: V1Pack): Record<string, unknown> {
  return {
    ...raw,
    formatVersion: 2,
    questions: raw.questions.map((q) => {
      const { rubric = [], topicWords: _topicWords, ...rest } = q;
      return {
        ...rest,
        followUp: GENERIC_FOLLOW_UP[q.kind] ?? GENERIC_FOLLOW_UP.situational,
        indicators: rubric.flatMap((r) =>
          r.indicators.map((ind) => ({
            id: ind.id,
            competency: r.competency,
            polarity: ind.weight < 0 ? 'negative' : 'positive',
            label: ind.label,
            paraphrases: ind.phrases,
          })),
        ),
      };
    }),
  };
}

/** Parses stored pack JSON of either format into format-2 shape (still unvalidated). */
export function toCurrentPackFormat(raw: unknown): unknown {
  return isV1Pack(raw) ? upgradePackV1(raw) : raw;
}
