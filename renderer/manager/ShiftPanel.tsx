import { useContext, useState } from 'react';
import { ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { consoleError } from './consoleError';
import { DateField } from './DateTimeFields';
import type { Detail } from './ApplicantPage';
import { firstWorkDay } from './firstWorkDay';
import { dayLabel } from './format';
import { useLoad } from './useLoad';

/** For a passed applicant: open shifts that fit their availability first; full and clashing ones flagged. */
export function ShiftPanel(props: { detail: Detail; isManager: boolean; onChanged: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const d = props.detail;
  const { data, reload } = useLoad(() => invoke('manager:shiftMatches', { interviewId: d.interviewId }), [d.interviewId, d.assignments.length]);
  // By default each shift starts on its own first day that suits the applicant (not before their
  // earliest start, on that shift's weekday); a date the manager picks applies to any shift.
  const [override, setOverride] = useState<string | null>(null);
  const earliest = d.profile?.earliestStart ?? null;
  const best = data?.matches.find((s) => s.fitsAvailability && !s.isAssigned) ?? data?.matches[0];
  const shown = override ?? (best ? firstWorkDay(earliest, best.day) : '');
  const [error, setError] = useState<string | null>(null);

  async function assign(shiftId: string, day: Parameters<typeof firstWorkDay>[1]) {
    try {
      await invoke('manager:assignShift', { interviewId: d.interviewId, shiftId, startDate: override ?? firstWorkDay(earliest, day) });
      setError(null);
      props.onChanged();
      reload();
    } catch (e) {
      setError(consoleError(lang, e));
    }
  }
  async function unassign(shiftId: string) {
    await invoke('manager:unassignShift', { interviewId: d.interviewId, shiftId }).catch((e: ApiError) => setError(consoleError(lang, e)));
    props.onChanged();
    reload();
  }

  return (
    <div className="m-card" data-testid="shift-panel">
      <h2 className="m-h2">{t('manager.shifts.matchTitle')}</h2>
      {props.isManager ? (
        <label className="m-field m-inline">
          <span>{t('manager.shifts.startDate')}</span>
          <DateField value={shown} onChange={setOverride} testId="shift-start-date" />
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
              {!s.isAssigned && props.isManager ? (
                <span className="m-muted" data-testid="shift-first-day">
                  {' '}
                  · {t('manager.shifts.firstDay', { date: dayLabel(override ?? firstWorkDay(earliest, s.day), lang) })}
                </span>
              ) : null}
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
                <button type="button" className="btn btn-primary btn-md" disabled={s.isFull || !!s.conflictsWith} onClick={() => void assign(s.id, s.day)} data-testid="shift-assign">
                  {t('manager.shifts.assign')}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="m-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
