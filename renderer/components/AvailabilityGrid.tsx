import { DAYS, SLOTS, type AvailabilityCell } from '../../electron/shared/packs/packSchema';
import { useT } from '../i18n';
import { cellOf, toggleCell, toggleDay } from './availability';
import { CheckIcon } from './icons';

/** Week grid with big toggles; tapping a day's name ticks (or clears) the whole day. */
export function AvailabilityGrid(props: { value: readonly AvailabilityCell[]; onChange: (v: AvailabilityCell[]) => void }) {
  const t = useT();
  return (
    <div className="avail" role="grid" aria-label={t('common.availability.label')}>
      <div className="avail-row avail-head" role="row">
        <span className="avail-corner" />
        {SLOTS.map((s) => (
          <span key={s} className="avail-slot" role="columnheader">
            {t(`common.slots.${s}`)}
          </span>
        ))}
      </div>
      {DAYS.map((d) => (
        <div key={d} className="avail-row" role="row">
          <button type="button" className="avail-day" onClick={() => props.onChange(toggleDay(props.value, d))}>
            {t(`common.days.${d}`)}
          </button>
          {SLOTS.map((s) => {
            const cell = cellOf(d, s);
            const isOn = props.value.includes(cell);
            return (
              <button
                key={s}
                type="button"
                role="gridcell"
                className={`avail-cell ${isOn ? 'avail-on' : ''}`}
                aria-pressed={isOn}
                aria-label={`${t(`common.days.${d}`)} ${t(`common.slots.${s}`)}`}
                data-cell={cell}
                onClick={() => props.onChange(toggleCell(props.value, cell))}
              >
                {isOn ? <CheckIcon /> : null}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
