import { DAYS, SLOTS, type AvailabilityCell } from '../../core/packs/packSchema';
import { useT } from '../i18n';
import { cellOf, toggleCell, toggleDay } from './availability';
import { CheckIcon } from './icons';

/**
 * Week of big toggle buttons, one labelled group per day, so a screen reader hears "周一, 上午,
 * 切换按钮, 已按下" (state and place) rather than 28 unlabelled cells; the day's own button
 * ticks (or clears) the whole day. The column headings are visual only: every button names its slot.
 */
export function AvailabilityGrid(props: { value: readonly AvailabilityCell[]; onChange: (v: AvailabilityCell[]) => void }) {
  const t = useT();
  return (
    <div className="avail" role="group" aria-label={t('common.availability.label')}>
      <div className="avail-row avail-head" aria-hidden="true">
        <span className="avail-corner" />
        {SLOTS.map((s) => (
          <span key={s} className="avail-slot">
            {t(`common.slots.${s}`)}
          </span>
        ))}
      </div>
      {DAYS.map((d) => {
        const day = t(`common.days.${d}`);
        const isWholeDay = SLOTS.every((s) => props.value.includes(cellOf(d, s)));
        return (
          <div key={d} className="avail-row" role="group" aria-label={day}>
            <button type="button" className="avail-day" aria-pressed={isWholeDay} aria-label={t('common.availability.wholeDay', { day })} onClick={() => props.onChange(toggleDay(props.value, d))}>
              {day}
            </button>
            {SLOTS.map((s) => {
              const cell = cellOf(d, s);
              const isOn = props.value.includes(cell);
              return (
                <button
                  key={s}
                  type="button"
                  className={`avail-cell ${isOn ? 'avail-on' : ''}`}
                  aria-pressed={isOn}
                  aria-label={`${day} ${t(`common.slots.${s}`)}`}
                  data-cell={cell}
                  onClick={() => props.onChange(toggleCell(props.value, cell))}
                >
                  {isOn ? <CheckIcon /> : null}
                </button>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
