import { useState } from 'react';
import type { InputOf, OutputOf } from '../../electron/shared/contract/index';
import { invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { useContext } from 'react';
import { local, time, todayLocal } from './format';
import { useLoad } from './useLoad';
import { DateField } from './DateTimeFields';

type Row = OutputOf<'manager:dashboard'>['rows'][number];
const STATUSES = ['awaiting', 'passed', 'scheduled', 'hold', 'not_selected', 'pool', 'in_progress', 'abandoned'] as const;
const BANDS = ['recommend', 'borderline', 'not_recommended', 'not_scored'] as const;

/** Today at a glance, who is still here, and every applicant with filters and search. */
export function DashboardPage(props: { onOpen: (interviewId: string) => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [filter, setFilter] = useState<InputOf<'manager:dashboard'>>({ date: todayLocal() });
  const [query, setQuery] = useState('');
  const { data, error } = useLoad(() => invoke('manager:dashboard', filter), [JSON.stringify(filter)]);
  const set = (patch: Partial<InputOf<'manager:dashboard'>>) => setFilter({ ...filter, ...patch });

  return (
    <section className="m-page" data-screen="manager-dashboard">
      {error ? (
        <p className="m-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="m-stats">
        <Stat label={t('manager.dash.today')} value={data?.today.applicants} testId="stat-today" />
        <Stat label={t('manager.dash.awaiting')} value={data?.today.awaitingReview} testId="stat-awaiting" />
        <Stat label={t('manager.dash.inStore')} value={data?.today.stillInStore} testId="stat-in-store" />
        <Stat label={t('manager.dash.humanRequests')} value={data?.today.openHumanRequests} testId="stat-human" />
      </div>
      {data && (data.today.leftEarly > 0 || data.today.notYetNamed > 0) ? (
        <p className="m-muted m-unnamed" data-testid="dash-unnamed">
          {data.today.leftEarly > 0 ? t('manager.dash.leftEarly', { n: data.today.leftEarly }) : null}{' '}
          {data.today.notYetNamed > 0 ? t('manager.dash.notYetNamed', { n: data.today.notYetNamed }) : null}
        </p>
      ) : null}
      {data && data.stillInStore.length > 0 ? (
        <div className="m-card m-instore" data-testid="in-store">
          <h2 className="m-h2">{t('manager.dash.inStoreTitle')}</h2>
          <div className="m-chips">
            {data.stillInStore.map((r) => (
              <button type="button" key={r.interviewId} className="m-chip" onClick={() => props.onOpen(r.interviewId)}>
                <strong>{r.name ?? '—'}</strong> · {local(r.opening, lang)} · {t('manager.dash.finishedAt', { t: time(r.finishedAt, lang) })} · {t(`manager.status.${r.status}`)}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <form
        className="m-filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ query: query.trim() || null });
        }}
      >
        <input className="m-input m-search" placeholder={t('manager.dash.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="dash-search" />
        <button type="submit" className="btn btn-primary btn-md" data-testid="dash-search-go">
          {t('manager.dash.search')}
        </button>
        <DateField value={filter.date ?? null} onChange={(v) => set({ date: v })} label={t('manager.dash.date')} testId="dash-date" />
        <select className="m-input" value={filter.packId ?? ''} onChange={(e) => set({ packId: e.target.value || null })} aria-label={t('manager.dash.opening')}>
          <option value="">{t('manager.dash.allOpenings')}</option>
          {data?.openings.map((o) => (
            <option key={o.packId} value={o.packId}>
              {local(o.title, lang)}
            </option>
          ))}
        </select>
        <select
          className="m-input"
          value={filter.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || null) as Row['status'] | null })}
          aria-label={t('manager.dash.status')}
          data-testid="dash-status"
        >
          <option value="">{t('manager.dash.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`manager.status.${s}`)}
            </option>
          ))}
        </select>
        <select className="m-input" value={filter.band ?? ''} onChange={(e) => set({ band: (e.target.value || null) as (typeof BANDS)[number] | null })} aria-label={t('manager.dash.band')}>
          <option value="">{t('manager.dash.allBands')}</option>
          {BANDS.map((b) => (
            <option key={b} value={b}>
              {t(`manager.band.${b}`)}
            </option>
          ))}
        </select>
        {filter.query || filter.date !== todayLocal() || filter.packId || filter.status || filter.band ? (
          <button type="button" className="btn btn-ghost btn-md" onClick={() => (setQuery(''), setFilter({ date: todayLocal() }))}>
            {t('manager.dash.reset')}
          </button>
        ) : null}
      </form>
      <div className="m-table-wrap">
        <table className="m-table" data-testid="dash-table">
          <thead>
            <tr>
              <th>{t('manager.dash.col.name')}</th>
              <th>{t('manager.dash.col.opening')}</th>
              <th>{t('manager.dash.col.time')}</th>
              <th>{t('manager.dash.col.band')}</th>
              <th>{t('manager.dash.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((r) => (
              <tr key={r.interviewId} onClick={() => props.onOpen(r.interviewId)} className="m-row-link" data-testid="dash-row" data-interview={r.interviewId}>
                <td>
                  {/* The row opens on a tap anywhere; the name is the real button for keyboards and screen readers. */}
                  <button
                    type="button"
                    className="m-row-open"
                    onClick={(e) => {
                      e.stopPropagation();
                      props.onOpen(r.interviewId);
                    }}
                    data-testid="dash-open"
                  >
                    <strong>{r.name ?? t('manager.dash.noName')}</strong>
                    {r.mobileTail ? <span className="m-muted"> ·{r.mobileTail}</span> : null}
                  </button>
                </td>
                <td>{local(r.opening, lang)}</td>
                <td>{time(r.finishedAt ?? r.startedAt, lang)}</td>
                <td>
                  {r.band ? (
                    <span className={`m-band m-band-${r.band}`}>
                      {t(`manager.band.${r.band}`)}
                      {r.overall !== null ? ` ${Math.round(r.overall)}` : ''}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <span className={`m-status m-status-${r.status}`}>{t(`manager.status.${r.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.rows.length === 0 ? <p className="m-muted m-empty">{t('manager.dash.empty')}</p> : null}
      </div>
    </section>
  );
}

function Stat(props: { label: string; value: number | undefined; testId: string }) {
  return (
    <div className="m-stat" data-testid={props.testId}>
      <span className="m-stat-n">{props.value ?? '–'}</span>
      <span className="m-stat-l">{props.label}</span>
    </div>
  );
}
