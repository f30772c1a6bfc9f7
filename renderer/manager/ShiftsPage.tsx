import { useContext, useState } from 'react';
import type { InputOf } from '../../electron/shared/contract/index';
import { DAYS } from '../../core/packs/packSchema';
import { ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { consoleError } from './consoleError';
import { TimeField } from './DateTimeFields';
import { local } from './format';
import { useLoad } from './useLoad';

type NewShift = InputOf<'manager:saveShift'>;
const EMPTY: NewShift = { day: 'sat', start: '09:00', end: '15:00', role: '', packId: null, headcount: 1, note: null };

/** The store's open shifts (weekly): day, time, role, headcount, and how many are filled. */
export function ShiftsPage(props: { isManager: boolean }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { data, error, reload } = useLoad(() => invoke('manager:shifts', {}), []);
  const openings = useLoad(() => invoke('packs:list', {}), []);
  const [f, setF] = useState<NewShift>(EMPTY);
  const [formError, setFormError] = useState<string | null>(null);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    try {
      await invoke('manager:saveShift', { ...f, role: f.role.trim() });
      setF({ ...EMPTY, day: f.day });
      setFormError(null);
      reload();
    } catch (err) {
      setFormError(consoleError(lang, err));
    }
  }
  async function remove(id: string) {
    await invoke('manager:removeShift', { shiftId: id }).catch((err: ApiError) => setFormError(consoleError(lang, err)));
    reload();
  }

  return (
    <section className="m-page" data-screen="manager-shifts">
      <h1 className="m-title">{t('manager.shifts.title')}</h1>
      {error ? <p className="m-error">{error}</p> : null}
      {props.isManager ? (
        <form className="m-card m-shift-form" onSubmit={(e) => void add(e)}>
          <label className="m-field">
            <span>{t('manager.shifts.day')}</span>
            <select className="m-input" value={f.day} onChange={(e) => setF({ ...f, day: e.target.value as NewShift['day'] })} data-testid="shift-day">
              {DAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`common.days.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="m-field">
            <span>{t('manager.shifts.start')}</span>
            <TimeField value={f.start || null} onChange={(v) => setF({ ...f, start: v ?? '' })} isRequired testId="shift-start" />
          </label>
          <label className="m-field">
            <span>{t('manager.shifts.end')}</span>
            <TimeField value={f.end || null} onChange={(v) => setF({ ...f, end: v ?? '' })} isRequired testId="shift-end" />
          </label>
          <label className="m-field">
            <span>{t('manager.shifts.role')}</span>
            <input className="m-input" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })} required maxLength={40} data-testid="shift-role" />
          </label>
          <label className="m-field">
            <span>{t('manager.shifts.opening')}</span>
            <select className="m-input" value={f.packId ?? ''} onChange={(e) => setF({ ...f, packId: e.target.value || null })}>
              <option value="">{t('manager.shifts.anyOpening')}</option>
              {openings.data?.openings.map((o) => (
                <option key={o.packId} value={o.packId}>
                  {local(o.title, lang)}
                </option>
              ))}
            </select>
          </label>
          <label className="m-field">
            <span>{t('manager.shifts.headcount')}</span>
            <input className="m-input" type="number" min={1} max={50} value={f.headcount} onChange={(e) => setF({ ...f, headcount: Number(e.target.value) || 1 })} data-testid="shift-headcount" />
          </label>
          <button type="submit" className="btn btn-primary btn-md" data-testid="shift-add">
            + {t('manager.shifts.add')}
          </button>
          {formError ? (
            <p className="m-error m-span" role="alert">
              {formError}
            </p>
          ) : null}
        </form>
      ) : null}
      <div className="m-table-wrap">
        <table className="m-table" data-testid="shift-table">
          <thead>
            <tr>
              <th>{t('manager.shifts.day')}</th>
              <th>{t('manager.shifts.time')}</th>
              <th>{t('manager.shifts.role')}</th>
              <th>{t('manager.shifts.headcount')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.shifts.map((s) => (
              <tr key={s.id}>
                <td>{t(`common.days.${s.day}`)}</td>
                <td>
                  {s.start}–{s.end}
                </td>
                <td>{s.role}</td>
                <td className={s.filled >= s.headcount ? 'm-full' : ''}>{t('manager.shifts.filled', { f: s.filled, n: s.headcount })}</td>
                <td>
                  {props.isManager && s.filled === 0 ? (
                    <button type="button" className="btn btn-ghost btn-md" onClick={() => void remove(s.id)}>
                      {t('manager.shifts.remove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.shifts.length === 0 ? <p className="m-muted m-empty">{t('manager.shifts.empty')}</p> : null}
      </div>
    </section>
  );
}
