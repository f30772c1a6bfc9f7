import { useT } from '../i18n';
import { invoke } from '../api/client';
import { useLoad } from './useLoad';

/** With "second interview": which of the store's upcoming slots to book (or none: the store calls). Full slots cannot be chosen. */
export function SecondRoundPicker(props: { value: string | null; onChange: (slotId: string | null) => void; version: number }) {
  const t = useT();
  const { data } = useLoad(() => invoke('manager:secondRoundSlots', {}), [props.version]);
  const upcoming = data?.slots.filter((s) => !s.isPast) ?? [];
  return (
    <label className="m-field">
      <span>{t('secondRound.pick.label')}</span>
      <select className="m-input" value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)} data-testid="decide-slot">
        <option value="">{t('secondRound.pick.none')}</option>
        {upcoming.map((s) => (
          <option key={s.id} value={s.id} disabled={s.isFull}>
            {s.date} {s.start} · {s.place}
            {s.isFull ? ` (${t('secondRound.pick.full')})` : ''}
          </option>
        ))}
      </select>
      {data && upcoming.length === 0 ? <small className="m-muted">{t('secondRound.pick.noSlots')}</small> : null}
    </label>
  );
}
