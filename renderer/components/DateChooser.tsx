import { useContext, useState } from 'react';
import { LangContext, useT } from '../i18n';
import { isoDate, upcomingDays } from './dates';

const PAGE = 14;
const MAX_PAGES = 6;

/** Two weeks of big day buttons at a time instead of a tiny calendar widget. */
export function DateChooser(props: { value: string | null; onChange: (iso: string) => void }) {
  const t = useT();
  // Month names come from the browser's own calendar data for the current language.
  const monthName = new Intl.DateTimeFormat(useContext(LangContext), { month: 'short' });
  const [page, setPage] = useState(0);
  const today = new Date();
  const days = upcomingDays(today, page * PAGE, PAGE);
  const todayIso = isoDate(today);
  const tomorrowIso = isoDate(upcomingDays(today, 1, 1)[0]!);
  return (
    <div className="dates">
      <div className="dates-grid" role="group" aria-label={t('common.dates.label')}>
        {days.map((d) => {
          const iso = isoDate(d);
          const isOn = props.value === iso;
          const special = iso === todayIso ? t('common.dates.today') : iso === tomorrowIso ? t('common.dates.tomorrow') : t(`common.weekdays.${d.getDay()}`);
          return (
            <button key={iso} type="button" className={`date ${isOn ? 'date-on' : ''}`} aria-pressed={isOn} data-date={iso} onClick={() => props.onChange(iso)}>
              <span className="date-month">{monthName.format(d)}</span>
              <span className="date-main">{d.getDate()}</span>
              <span className="date-sub">{special}</span>
            </button>
          );
        })}
      </div>
      <div className="dates-nav">
        <button type="button" className="btn btn-secondary btn-md" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          <span aria-hidden="true">‹</span> {t('common.dates.earlier')}
        </button>
        <button type="button" className="btn btn-secondary btn-md" disabled={page >= MAX_PAGES - 1} onClick={() => setPage((p) => p + 1)}>
          {t('common.dates.later')} <span aria-hidden="true">›</span>
        </button>
      </div>
    </div>
  );
}
