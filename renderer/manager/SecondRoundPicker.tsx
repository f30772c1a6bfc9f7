import { useT } from '../i18n';
import { invoke } from '../api/client';
import { useLoad } from './useLoad';
import './secondRound.css';

/** Book one slot, or offer several for the applicant to choose on head office's phone page. */
export type SecondRoundChoice = { mode: 'book'; slotId: string | null } | { mode: 'offer'; slotIds: string[] };
export const MIN_OFFER = 2;
export const MAX_OFFER = 6;

/**
 * With "second interview": which of the store's upcoming slots to book (or none: the store calls),
 * or — where head office has a result page for this store — several slots the applicant chooses
 * from on their phone (each holds a place until they choose). Full slots cannot be chosen.
 */
export function SecondRoundPicker(props: { value: SecondRoundChoice; onChange: (v: SecondRoundChoice) => void; version: number }) {
  const t = useT();
  const { data } = useLoad(() => invoke('manager:secondRoundSlots', {}), [props.version]);
  const upcoming = data?.slots.filter((s) => !s.isPast) ?? [];
  const canOffer = data?.canOffer === true && upcoming.filter((s) => !s.isFull).length >= MIN_OFFER;
  const v = props.value;
  const label = (s: (typeof upcoming)[number]) => `${s.date} ${s.start} · ${s.place}${s.isFull ? ` (${t('secondRound.pick.full')})` : ''}`;
  return (
    <div className="m-field" data-testid="second-round-picker">
      <span>{t('secondRound.pick.label')}</span>
      {canOffer ? (
        <div className="m-choice m-choice-two" role="radiogroup" aria-label={t('secondRound.pick.label')}>
          {(['book', 'offer'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={v.mode === m}
              className={`m-choice-btn ${v.mode === m ? 'm-choice-on' : ''}`}
              onClick={() => props.onChange(m === 'book' ? { mode: 'book', slotId: null } : { mode: 'offer', slotIds: [] })}
              data-testid={`slot-mode-${m}`}
            >
              {t(`secondRound.pick.mode.${m}`)}
            </button>
          ))}
        </div>
      ) : null}
      {v.mode === 'book' ? (
        <select
          className="m-input"
          value={v.slotId ?? ''}
          onChange={(e) => props.onChange({ mode: 'book', slotId: e.target.value || null })}
          aria-label={t('secondRound.pick.label')}
          data-testid="decide-slot"
        >
          <option value="">{t('secondRound.pick.none')}</option>
          {upcoming.map((s) => (
            <option key={s.id} value={s.id} disabled={s.isFull}>
              {label(s)}
            </option>
          ))}
        </select>
      ) : (
        <fieldset className="m-offer" data-testid="offer-slots">
          <legend className="m-muted m-small">{t('secondRound.pick.offerHint', { min: MIN_OFFER, max: MAX_OFFER })}</legend>
          {upcoming.map((s) => {
            const on = v.slotIds.includes(s.id);
            return (
              <label key={s.id} className="m-check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={s.isFull || (!on && v.slotIds.length >= MAX_OFFER)}
                  onChange={() => props.onChange({ mode: 'offer', slotIds: on ? v.slotIds.filter((x) => x !== s.id) : [...v.slotIds, s.id] })}
                  data-testid={`offer-slot-${s.id}`}
                />{' '}
                {label(s)}
              </label>
            );
          })}
          <small className="m-muted" aria-live="polite">
            {t('secondRound.pick.offerCount', { n: v.slotIds.length })}
          </small>
        </fieldset>
      )}
      {data && upcoming.length === 0 ? <small className="m-muted">{t('secondRound.pick.noSlots')}</small> : null}
      {data && !data.canOffer && upcoming.length >= MIN_OFFER ? <small className="m-muted">{t('secondRound.pick.noPhonePage')}</small> : null}
    </div>
  );
}
