import { useContext } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import { LangContext, useT } from '../i18n';
import { local, seconds } from './format';

type Detail = OutputOf<'manager:applicant'>;
type Answer = Detail['answers'][number];

/** Where a score block's "answer to question N" term leads. */
export const answerAnchor = (questionId: string): string => `answer-${questionId}`;

/**
 * Each answer as given, with its own level and — when it earned nothing — the reason in plain
 * words; then the one follow-up, if it was asked, with the applicant's reply (scored together
 * with the answer) or that it was skipped. The console and the printed report share this.
 */
export function AnswerList(props: { detail: Detail }) {
  const t = useT();
  const d = props.detail;
  const scores = new Map(d.score.answers.map((a) => [a.questionId, a]));
  if (d.answers.length === 0) return <p className="m-muted">{t('manager.applicant.noAnswers')}</p>;
  return (
    <>
      {d.answers.map((a) => {
        const sc = scores.get(a.questionId);
        return (
          <article key={a.questionId} id={answerAnchor(a.questionId)} className="m-answer m-report-answer" data-testid="answer" data-question={a.questionId}>
            <AnswerBody a={a} />
            {sc ? (
              <p className="m-answer-level" data-testid="answer-level" data-level={sc.level} data-gate={sc.gate ?? ''}>
                {t('manager.applicant.answerLevel', { n: sc.level })}
                {sc.gate ? <span className="m-gate"> · {t(`manager.applicant.gate.${sc.gate}`)}</span> : null}
              </p>
            ) : null}
            {a.followUp ? <FollowUpBody f={a.followUp} /> : null}
          </article>
        );
      })}
    </>
  );
}

function AnswerBody(props: { a: Answer }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { a } = props;
  return (
    <>
      <p className="m-q">
        {a.index + 1}. {local(a.question, lang)}
      </p>
      <blockquote className="m-a">{a.text || t('manager.applicant.emptyAnswer')}</blockquote>
      <p className="m-muted m-small">
        {t(a.mode === 'spoken' ? 'manager.applicant.spoken' : 'manager.applicant.typed')} · {t('manager.applicant.duration', { s: seconds(a.durationMs) })}
        {a.attempts > 1 ? ` · ${t('manager.applicant.retaken')}` : ''}
        {a.speechModel ? ` · ${a.speechModel}` : ''}
      </p>
    </>
  );
}

function FollowUpBody(props: { f: NonNullable<Answer['followUp']> }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { f } = props;
  return (
    <div className="m-followup" data-testid="follow-up" data-status={f.status}>
      <p className="m-q m-followup-q">{t('manager.applicant.followUpQ', { q: local(f.question, lang) })}</p>
      {f.status === 'answered' ? (
        <>
          <blockquote className="m-a m-a-followup" data-testid="follow-up-answer">
            {f.text}
          </blockquote>
          <p className="m-muted m-small">
            {t(f.mode === 'spoken' ? 'manager.applicant.spoken' : 'manager.applicant.typed')}
            {f.durationMs !== null ? ` · ${t('manager.applicant.duration', { s: seconds(f.durationMs) })}` : ''}
          </p>
        </>
      ) : (
        <p className="m-muted" data-testid="follow-up-missing">
          {t(f.status === 'skipped' ? 'manager.applicant.followUpSkipped' : 'manager.applicant.followUpUnanswered')}
        </p>
      )}
    </div>
  );
}
