import type { LocalText } from '../../../core/packs/packSchema.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AppContext } from '../app/appContext.js';
import { appendAudit } from '../audit/auditLog.js';
import { enqueueOutbox } from '../sync/outbox.js';
import { nowIso } from '../../../core/ids.js';

type Question = { id: 'gender' | 'ageBand'; label: LocalText; options: { id: string; label: LocalText }[] };
const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });
export const PREFER_NOT = 'prefer-not';

/** Default categories; a jurisdiction setting (settings key 'selfid.questions', JSON) replaces them. */
export const DEFAULT_SELFID: Question[] = [
  { id: 'gender', label: t('性别', 'Gender'), options: [{ id: 'female', label: t('女', 'Female') }, { id: 'male', label: t('男', 'Male') }, { id: 'another', label: t('其他', 'Another gender') }] },
  {
    id: 'ageBand',
    label: t('年龄段', 'Age band'),
    options: [
      { id: '16-24', label: t('16–24 岁', '16–24') },
      { id: '25-39', label: t('25–39 岁', '25–39') },
      { id: '40-54', label: t('40–54 岁', '40–54') },
      { id: '55+', label: t('55 岁及以上', '55 or over') },
    ],
  },
];

export function selfIdQuestions(ctx: AppContext): Question[] {
  const row = ctx.db.prepare(`SELECT value FROM settings WHERE key = 'selfid.questions'`).get() as { value: string } | undefined;
  const qs = row ? (JSON.parse(row.value) as Question[]) : DEFAULT_SELFID;
  return qs.map((q) => ({ ...q, options: [...q.options, { id: PREFER_NOT, label: t('不想回答', 'Prefer not to say') }] }));
}

export function registerSelfIdHandlers(ctx: AppContext) {
  ctx.registry.register('selfid:questions', () => ({
    questions: selfIdQuestions(ctx),
    explain: t(
      '以下问题完全自愿，和你的面试结果无关，不会用于评分。我们只用汇总数据检查招聘是否对所有人公平。',
      'These questions are voluntary and have nothing to do with your interview result; they are never used for scoring. We only use totals to check that hiring is fair to everyone.',
    ),
  }));
  ctx.registry.register('selfid:submit', ({ interviewId, answers }) => {
    const iv = ctx.db.prepare(`SELECT status FROM interviews WHERE id = ?`).get(interviewId) as { status: string } | undefined;
    // Practice interviews live elsewhere and store nothing; that is not an error for the applicant.
    if (!iv) return { stored: false };
    if (iv.status !== 'finished') throw new KioskError(ErrorCode.Conflict, 'Self-identification is offered after the interview is finished.');
    const questions = selfIdQuestions(ctx);
    const pick = (id: 'gender' | 'ageBand') => {
      const v = answers[id];
      if (v === undefined || v === PREFER_NOT) return null;
      if (!questions.find((q) => q.id === id)?.options.some((o) => o.id === v)) throw new KioskError(ErrorCode.InvalidInput, `"${v}" is not one of the offered choices.`);
      return v;
    };
    const gender = pick('gender');
    const ageBand = pick('ageBand');
    ctx.db.transaction(() => {
      ctx.db.prepare('INSERT OR REPLACE INTO self_identification (interview_id, gender, age_band, created_at) VALUES (?, ?, ?, ?)').run(interviewId, gender, ageBand, nowIso());
      appendAudit(ctx.db, { actor: 'applicant', action: 'selfid.recorded', subject: interviewId });
      enqueueOutbox(ctx.db, 'selfid.recorded', interviewId, { v: 1, interviewId, gender, ageBand });
    })();
    return { stored: true };
  });
}
