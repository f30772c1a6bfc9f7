import { useContext, useState } from 'react';
import type { InputOf } from '../../electron/shared/contract/index';
import { type ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { consoleError } from './consoleError';
import { DateField, TimeField } from './DateTimeFields';
import { useLoad } from './useLoad';

type NewSlot = InputOf<'manager:saveSecondRoundSlot'>;

/** Settings card: the store's calendar of second-interview slots (date, start, where, places). */
export function SecondRoundSlotsCard(props: { isManager: boolean }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { data, reload } = useLoad(() => invoke('manager:secondRoundSlots', {}), []);
  const [f, setF] = useState<NewSlot>({ date: '', start: '14:00', place: '', capacity: 1 });
  const [error, setError] = useState<string | null>(null);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    try {
      await invoke('manager:saveSecondRoundSlot', { ...f, place: f.place.trim() });
      setF({ ...f, place: f.place });
      setError(null);
      reload();
    } catch (err) {
      setError(consoleError(lang, err));
    }
  }
  async function remove(slotId: string) {
    await invoke('manager:removeSecondRoundSlot', { slotId }).then(
      () => setError(null),
      (err: ApiError) => setError(consoleError(lang, err)),
    );
    reload();
  }

  return (
    <div className="m-card" data-testid="second-round-slots">
      <h2 className="m-h2">{t('secondRound.settings.title')}</h2>
      <p className="m-muted">{t('secondRound.settings.hint')}</p>
      {props.isManager ? (
        <form className="m-shift-form" onSubmit={(e) => void add(e)}>
          <label className="m-field">
            <span>{t('secondRound.settings.date')}</span>
            <DateField value={f.date || null} onChange={(v) => setF({ ...f, date: v ?? '' })} isRequired testId="slot-date" />
          </label>
          <label className="m-field">
            <span>{t('secondRound.settings.start')}</span>
            <TimeField value={f.start || null} onChange={(v) => setF({ ...f, start: v ?? '' })} isRequired testId="slot-start" />
          </label>
          <label className="m-field">
            <span>{t('secondRound.settings.place')}</span>
            <input
              className="m-input"
              value={f.place}
              maxLength={200}
              placeholder={t('secondRound.settings.placeHint')}
              onChange={(e) => setF({ ...f, place: e.target.value })}
              required
              data-testid="slot-place"
            />
          </label>
          <label className="m-field">
            <span>{t('secondRound.settings.capacity')}</span>
            <input className="m-input" type="number" min={1} max={20} value={f.capacity} onChange={(e) => setF({ ...f, capacity: Number(e.target.value) || 1 })} data-testid="slot-capacity" />
          </label>
          <button type="submit" className="btn btn-primary btn-md" data-testid="slot-add">
            + {t('secondRound.settings.add')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="m-error" role="alert" data-testid="slot-error">
          {error}
        </p>
      ) : null}
      <ul className="m-list m-plain" data-testid="slot-list">
        {data?.slots.map((s) => (
          <li key={s.id} className={s.isPast ? 'm-muted' : ''}>
            <strong>
              {s.date} {s.start}
            </strong>{' '}
            · {s.place} · <span className={s.isFull ? 'm-full' : ''}>{t('secondRound.settings.booked', { b: s.booked, n: s.capacity })}</span>
            {s.held > 0 ? ` · ${t('secondRound.settings.held', { h: s.held })}` : ''}
            {s.isPast ? ` · ${t('secondRound.settings.past')}` : ''}
            {props.isManager && s.booked === 0 && s.held === 0 ? (
              <button type="button" className="btn btn-ghost btn-md" onClick={() => void remove(s.id)}>
                {t('secondRound.settings.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {data && data.slots.length === 0 ? <p className="m-muted">{t('secondRound.settings.empty')}</p> : null}
    </div>
  );
}
