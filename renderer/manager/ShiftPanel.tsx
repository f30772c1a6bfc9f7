import { useState } from 'react';
import { ApiError, invoke } from '../api/client';
import { useT } from '../i18n';
import type { Detail } from './ApplicantPage';
import { todayLocal } from './format';
import { useLoad } from './useLoad';

/** For a passed applicant: open shifts that fit their availability first; full and clashing ones flagged. */
export function ShiftPanel(props: { detail: Detail; isManager: boolean; onChanged: () => void }) {
  const t = useT();
  const d = props.detail;
  const { data, reload } = useLoad(() => invoke('manager:shiftMatches', { interviewId: d.interviewId }), [d.interviewId, d.assignments.length]);
  const [startDate, setStartDate] = useState(todayLocal(new Date(Date.now() + 86_400_000)));
  const [error, setError] = useState<string | null>(null);

  async function assign(shiftId: string) {
    try {
      await invoke('manager:assignShift', { interviewId: d.interviewId, shiftId, startDate });
      setError(null);
      props.onChanged();
      reload();
    } catch (e) {
      setError((e as ApiError).message);
    }
  }
  async function unassign(shiftId: string) {
    await invoke('manager:unassignShift', { interviewId: d.interviewId, shiftId }).catch((e: ApiError) => setError(e.message));
    props.onChanged();
    reload();
  }

  return (
    <div className="m-card" data-testid="shift-panel">
      <h2 className="m-h2">{t('manager.shifts.matchTitle')}</h2>
      {props.isManager ? (
        <label className="m-field m-inline">
          <span>{t('manager.shifts.startDate')}</span>
          <input className="m-input" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} data-testid="shift-start-date" />
        </label>
      ) : null}
      {data && data.matches.length === 0 ? <p className="m-muted">{t('manager.shifts.none')}</p> : null}
      <ul className="m-shifts">
        {data?.matches.map((s) => (
          <li key={s.id} className={`m-shift ${s.fitsAvailability ? 'm-shift-fit' : ''}`} data-testid="shift-match">
            <div>
              <strong>
                {t(`common.days.${s.day}`)} {s.start}–{s.end}
              </strong>{' '}
              · {s.role} · {t('manager.shifts.filled', { f: s.filled, n: s.headcount })}
              <div className="m-flags">
                {s.isAssigned ? <span className="m-flag m-flag-ok">{t('manager.shifts.assigned')}</span> : null}
                {s.fitsAvailability ? <span className="m-flag m-flag-ok">{t('manager.shifts.fits')}</span> : <span className="m-flag m-flag-warn">{t('manager.shifts.notAvailable')}</span>}
                {s.isFull ? <span className="m-flag m-flag-bad">{t('manager.shifts.full')}</span> : null}
                {s.conflictsWith ? <span className="m-flag m-flag-bad">{t('manager.shifts.conflict', { s: s.conflictsWith })}</span> : null}
              </div>
            </div>
            {props.isManager ? (
              s.isAssigned ? (
                <button type="button" className="btn btn-ghost btn-md" onClick={() => void unassign(s.id)}>
                  {t('manager.shifts.unassign')}
                </button>
              ) : (
                <button type="button" className="btn btn-primary btn-md" disabled={s.isFull || !!s.conflictsWith} onClick={() => void assign(s.id)} data-testid="shift-assign">
                  {t('manager.shifts.assign')}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {error ? <p className="m-error" role="alert">{error}</p> : null}
    </div>
  );
}
