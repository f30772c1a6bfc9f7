import { useContext, useState } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { Modal } from '../components/Modal';
import { LangContext, useT } from '../i18n';
import { consoleError } from './consoleError';
import { AnswerList, answerAnchor } from './AnswerList';
import { DecisionPanel } from './DecisionPanel';
import { faceSummary } from './faceWords';
import { KnockoutChoices } from './KnockoutChoices';
import { dateTime, listJoin, local, seconds } from './format';
import { AvailabilityText, ScoreBlock } from './ScoreBlock';
import { ShiftPanel } from './ShiftPanel';
import { useLoad } from './useLoad';

export type Detail = OutputOf<'manager:applicant'>;

/** From a score term to the answer it stands for (below the fold in portrait). */
function showAnswer(questionId: string) {
  const el = document.getElementById(answerAnchor(questionId));
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.classList.remove('m-flash');
  void el.offsetWidth; // restart the highlight animation
  el.classList.add('m-flash');
}

/** One applicant: everything needed to decide, in plain words, then decide / schedule / delete. */
export function ApplicantPage(props: { interviewId: string; isManager: boolean; onBack: () => void; onPrint: (lang: Lang) => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { data: d, error, reload } = useLoad(() => invoke('manager:applicant', { interviewId: props.interviewId }), [props.interviewId]);
  const [isDeleting, setDeleting] = useState(false);

  if (error)
    return (
      <p className="m-error" role="alert">
        {error}
      </p>
    );
  if (!d) return <p className="m-muted">{t('common.loading')}</p>;
  const face = faceSummary(d.consent.camera, d.answers);
  return (
    <section className="m-page m-applicant" data-screen="manager-applicant">
      <div className="m-row">
        <button type="button" className="btn btn-ghost btn-md" onClick={props.onBack} data-testid="applicant-back">
          <span aria-hidden="true">‹</span> {t('manager.applicant.back')}
        </button>
        <span className="m-grow" />
        <button type="button" className="btn btn-secondary btn-md" onClick={() => props.onPrint('zh-CN')} data-testid="print-zh">
          {t('manager.applicant.printZh')}
        </button>
        <button type="button" className="btn btn-secondary btn-md" onClick={() => props.onPrint('en')} data-testid="print-en">
          {t('manager.applicant.printEn')}
        </button>
      </div>
      <header className="m-card m-head">
        <div>
          <h1 className="m-title" data-testid="applicant-name">
            {d.profile?.name ?? t('manager.dash.noName')}
          </h1>
          <p className="m-muted">
            {local(d.opening, lang)} · {d.profile?.mobile ?? '—'} · {t('manager.applicant.receipt')} {d.receiptCode ?? '—'} ·{' '}
            {t('manager.applicant.interviewLang', { l: t(`manager.applicant.langName.${d.lang}`) })}
          </p>
        </div>
        <span className={`m-status m-status-${d.status}`} data-testid="applicant-status">
          {t(`manager.status.${d.status}`)}
        </span>
      </header>

      <div className="m-cols">
        <div className="m-col">
          <DecisionPanel detail={d} isManager={props.isManager} onChanged={reload} />
          {d.decision?.decision === 'pass' ? <ShiftPanel detail={d} isManager={props.isManager} onChanged={reload} /> : null}
          <ScoreBlock score={d.score} recommendation={d.recommendation} onShowAnswer={showAnswer} />
        </div>
        <div className="m-col">
          <div className="m-card">
            <h2 className="m-h2">{t('manager.applicant.profile')}</h2>
            {d.profile ? (
              <dl className="m-dl">
                <dt>{t('manager.applicant.availability')}</dt>
                <dd>
                  <AvailabilityText cells={d.profile.availability} />
                </dd>
                <dt>{t('manager.applicant.earliestStart')}</dt>
                <dd>{d.profile.earliestStart ?? '—'}</dd>
                <dt>{t('manager.applicant.wage')}</dt>
                <dd>{d.profile.expectedWageYuan !== null ? t('manager.applicant.wageValue', { y: d.profile.expectedWageYuan }) : '—'}</dd>
                <dt>{t('manager.applicant.industries')}</dt>
                <dd>
                  {listJoin(
                    d.profile.industries.map((i) => t(`common.industries.${i}`)),
                    lang,
                  ) || '—'}
                </dd>
              </dl>
            ) : (
              <p className="m-muted">{t('manager.applicant.noProfile')}</p>
            )}
            <h3 className="m-h3">{t('manager.applicant.knockouts')}</h3>
            <ul className="m-list m-plain" data-testid="knockouts">
              <KnockoutChoices detail={d} />
              {d.knockouts.some((k) => !k.passed) ? <li className="m-warn">{t(d.knockoutProceeded ? 'manager.applicant.knockoutProceeded' : 'manager.applicant.knockoutStopped')}</li> : null}
            </ul>
            <h3 className="m-h3">{t('manager.applicant.consent')}</h3>
            <p data-testid="consent">
              {t('manager.applicant.consentText', { at: dateTime(d.consent.recordedAt, lang), v: d.consent.noticeVersion })}{' '}
              {t(d.consent.camera ? 'manager.applicant.cameraYes' : 'manager.applicant.cameraNo')} {t(d.consent.talentPool ? 'manager.applicant.poolYes' : 'manager.applicant.poolNo')}
            </p>
          </div>
          <div className="m-card" data-testid="face-signals">
            <h2 className="m-h2">{t('manager.applicant.face')}</h2>
            <ul className="m-list">
              {face.map((p, i) => (
                <li key={i}>{t(p.key, p.vars)}</li>
              ))}
            </ul>
            <p className="m-muted m-small">{t('manager.face.note')}</p>
          </div>
          {d.skills.length ? (
            <div className="m-card">
              <h2 className="m-h2">{t('manager.applicant.skills')}</h2>
              {d.skills.map((s) => (
                <p key={s.testId}>
                  {local(s.title, lang)}: {t('manager.applicant.skillsValue', { c: s.correct, n: s.total, s: seconds(s.totalMs) })}
                </p>
              ))}
            </div>
          ) : null}
        </div>
      </div>

      <div className="m-card" data-testid="answers">
        <h2 className="m-h2">{t('manager.applicant.answers')}</h2>
        <AnswerList detail={d} />
      </div>

      {props.isManager ? (
        <div className="m-card m-danger-zone">
          <h2 className="m-h2">{t('manager.delete.title')}</h2>
          <p className="m-muted">{t('manager.delete.explain')}</p>
          <button type="button" className="btn btn-danger btn-md" onClick={() => setDeleting(true)} data-testid="delete-open">
            {t('manager.delete.button')}
          </button>
        </div>
      ) : null}
      {isDeleting ? <DeleteDialog interviewId={d.interviewId} name={d.profile?.name ?? ''} onCancel={() => setDeleting(false)} onDone={props.onBack} /> : null}
    </section>
  );
}

function DeleteDialog(props: { interviewId: string; name: string; onCancel: () => void; onDone: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [reason, setReason] = useState<'applicant_request' | 'entered_in_error' | 'other'>('applicant_request');
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    try {
      await invoke('manager:deleteApplicant', { interviewId: props.interviewId, reason });
      props.onDone();
    } catch (e) {
      setError(consoleError(lang, e));
    }
  }
  return (
    <Modal title={t('manager.delete.confirmTitle', { name: props.name })} testId="delete-dialog" className="m-modal" onEscape={props.onCancel}>
      <p>{t('manager.delete.confirmText')}</p>
      <label className="m-field">
        {t('manager.delete.reasonLabel')}
        <select className="m-input" value={reason} onChange={(e) => setReason(e.target.value as typeof reason)} data-testid="delete-reason">
          {(['applicant_request', 'entered_in_error', 'other'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`manager.delete.reasons.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {error ? <p className="m-error">{error}</p> : null}
      <div className="m-row">
        <button type="button" className="btn btn-ghost btn-md" onClick={props.onCancel}>
          {t('manager.common.cancel')}
        </button>
        <button type="button" className="btn btn-danger btn-md" onClick={() => void confirm()} data-testid="delete-confirm">
          {t('manager.delete.confirm')}
        </button>
      </div>
    </Modal>
  );
}
