import { useContext, useState } from 'react';
import type { InputOf } from '../../electron/shared/contract/index';
import { DAYS, SLOTS } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { dateTime, local } from './format';
import { AvailabilityText } from './ScoreBlock';
import { useLoad } from './useLoad';

/** "Not now" applicants kept for future openings, searchable by opening and availability. */
export function PoolPage(props: { onOpen: (interviewId: string) => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [f, setF] = useState<InputOf<'manager:pool'>>({});
  const { data, error } = useLoad(() => invoke('manager:pool', f), [JSON.stringify(f)]);
  const openings = useLoad(() => invoke('packs:list', {}), []);
  return (
    <section className="m-page" data-screen="manager-pool">
      <h1 className="m-title">{t('manager.pool.title')}</h1>
      <p className="m-muted">{t('manager.pool.explain')}</p>
      <div className="m-filters">
        <select className="m-input" value={f.packId ?? ''} onChange={(e) => setF({ ...f, packId: e.target.value || null })} aria-label={t('manager.dash.opening')}>
          <option value="">{t('manager.dash.allOpenings')}</option>
          {openings.data?.openings.map((o) => (
            <option key={o.packId} value={o.packId}>
              {local(o.title, lang)}
            </option>
          ))}
        </select>
        <select className="m-input" value={f.day ?? ''} onChange={(e) => setF({ ...f, day: (e.target.value || null) as never })} aria-label={t('manager.pool.day')} data-testid="pool-day">
          <option value="">{t('manager.pool.anyDay')}</option>
          {DAYS.map((d) => (
            <option key={d} value={d}>
              {t(`common.days.${d}`)}
            </option>
          ))}
        </select>
        <select className="m-input" value={f.slot ?? ''} onChange={(e) => setF({ ...f, slot: (e.target.value || null) as never })} aria-label={t('manager.pool.slot')}>
          <option value="">{t('manager.pool.anySlot')}</option>
          {SLOTS.map((s) => (
            <option key={s} value={s}>
              {t(`common.slots.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {error ? <p className="m-error">{error}</p> : null}
      <div className="m-table-wrap">
        <table className="m-table" data-testid="pool-table">
          <thead>
            <tr>
              <th>{t('manager.dash.col.name')}</th>
              <th>{t('manager.dash.col.opening')}</th>
              <th>{t('manager.applicant.availability')}</th>
              <th>{t('manager.pool.added')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.entries.map((e) => (
              <tr key={e.interviewId} className="m-row-link" onClick={() => props.onOpen(e.interviewId)}>
                <td>
                  <strong>{e.name ?? '—'}</strong> {e.mobileTail ? <span className="m-muted">·{e.mobileTail}</span> : null}
                  {e.note ? <div className="m-muted m-small">{e.note}</div> : null}
                </td>
                <td>{local(e.opening, lang)}</td>
                <td className="m-small">
                  <AvailabilityText cells={e.availability} />
                </td>
                <td>{dateTime(e.addedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.entries.length === 0 ? <p className="m-muted m-empty">{t('manager.pool.empty')}</p> : null}
      </div>
    </section>
  );
}
