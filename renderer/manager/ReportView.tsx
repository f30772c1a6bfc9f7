import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { LangContext, translate } from '../i18n';
import { AnswerList } from './AnswerList';
import { KnockoutChoices } from './KnockoutChoices';
import { AvailabilityText, ScoreBlock } from './ScoreBlock';
import { faceSummary } from './faceWords';
import { dateTime, local, seconds } from './format';
import { useLoad } from './useLoad';

/**
 * The printable report, in the language chosen (independent of the console's). Printed with
 * window.print(): in Electron/Chromium the print dialog also saves it as a PDF; the e2e test
 * renders this same view to a PDF file with Chromium's page.pdf().
 */
export function ReportView(props: { interviewId: string; lang: Lang; onClose: () => void }) {
  const t = (k: string, v?: Record<string, string | number>) => translate(props.lang, k, v);
  const { data: d, error } = useLoad(() => invoke('manager:applicant', { interviewId: props.interviewId }), [props.interviewId]);
  const store = useLoad(() => invoke('manager:storeInfo', {}), []);
  if (error) return <p className="m-error">{error}</p>;
  if (!d) return <p className="m-muted">{t('common.loading')}</p>;
  const L = props.lang;
  return (
    <LangContext.Provider value={L}>
      <article className="m-report" data-screen="manager-report" data-testid="report" lang={L}>
        <div className="m-row m-noprint">
          <button type="button" className="btn btn-ghost btn-md" onClick={props.onClose} data-testid="report-close">
            <span aria-hidden="true">‹</span> {t('manager.applicant.back')}
          </button>
          <span className="m-grow" />
          <button type="button" className="btn btn-primary btn-md" onClick={() => window.print()} data-testid="report-print">
            {t('manager.report.print')}
          </button>
        </div>
        <header className="m-report-head">
          <h1>{t('manager.report.title')}</h1>
          <p>
            {store.data?.storeName} ({store.data?.storeId}) · {t('manager.report.printed', { at: dateTime(new Date().toISOString(), L) })}
          </p>
        </header>
        <section>
          <h2>{d.profile?.name ?? '—'}</h2>
          <table className="m-report-table">
            <tbody>
              <tr>
                <th>{t('manager.dash.col.opening')}</th>
                <td>{local(d.opening, L)}</td>
              </tr>
              <tr>
                <th>{t('manager.report.mobile')}</th>
                <td>{d.profile?.mobile ?? '—'}</td>
              </tr>
              <tr>
                <th>{t('manager.applicant.receipt')}</th>
                <td>{d.receiptCode ?? '—'}</td>
              </tr>
              <tr>
                <th>{t('manager.report.interviewed')}</th>
                <td>
                  {dateTime(d.startedAt, L)} – {dateTime(d.finishedAt, L)}
                </td>
              </tr>
              <tr>
                <th>{t('manager.applicant.availability')}</th>
                <td>{d.profile ? <AvailabilityText cells={d.profile.availability} /> : '—'}</td>
              </tr>
              <tr>
                <th>{t('manager.applicant.earliestStart')}</th>
                <td>{d.profile?.earliestStart ?? '—'}</td>
              </tr>
              <tr>
                <th>{t('manager.dash.col.status')}</th>
                <td>
                  {t(`manager.status.${d.status}`)}
                  {d.decision ? ` · ${d.decision.decidedBy} ${dateTime(d.decision.decidedAt, L)}${d.decision.reason ? ` · ${d.decision.reason}` : ''}` : ''}
                </td>
              </tr>
              <tr>
                <th>{t('manager.applicant.consent')}</th>
                <td>
                  {t('manager.applicant.consentText', { at: dateTime(d.consent.recordedAt, L), v: d.consent.noticeVersion })}{' '}
                  {t(d.consent.camera ? 'manager.applicant.cameraYes' : 'manager.applicant.cameraNo')}
                </td>
              </tr>
            </tbody>
          </table>
        </section>
        <ScoreBlock score={d.score} recommendation={d.recommendation} />
        <section>
          <h3>{t('manager.applicant.knockouts')}</h3>
          <ul className="m-plain" data-testid="report-knockouts">
            <KnockoutChoices detail={d} />
          </ul>
          <h3>{t('manager.applicant.face')}</h3>
          <ul>
            {faceSummary(d.consent.camera, d.answers).map((p, i) => (
              <li key={i}>{t(p.key, p.vars)}</li>
            ))}
          </ul>
          {d.skills.length ? (
            <>
              <h3>{t('manager.applicant.skills')}</h3>
              <ul>
                {d.skills.map((s) => (
                  <li key={s.testId}>
                    {local(s.title, L)}: {t('manager.applicant.skillsValue', { c: s.correct, n: s.total, s: seconds(s.totalMs) })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section>
          <h3>{t('manager.applicant.answers')}</h3>
          <AnswerList detail={d} />
        </section>
        <footer className="m-small">{t('manager.report.footer')}</footer>
      </article>
    </LangContext.Provider>
  );
}
