import { useContext } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import type { AvailabilityCell } from '../../electron/shared/packs/packSchema';
import { DAYS, SLOTS } from '../../electron/shared/packs/packSchema';
import { LangContext, useT } from '../i18n';
import { local } from './format';

type Detail = OutputOf<'manager:applicant'>;

/** Competency scores with the contributions (and the applicant's own words) behind each. */
export function ScoreBlock(props: { score: Detail['score']; recommendation: Detail['recommendation'] }) {
  const t = useT();
  const lang = useContext(LangContext);
  const s = props.score;
  return (
    <div className="m-card" data-testid="score">
      <h2 className="m-h2">{t('manager.score.title')}</h2>
      {s.status !== 'scored' ? (
        <p className="m-warn" data-testid="not-scored">
          {t('manager.score.notScored')} {s.reason ? `(${s.reason})` : ''}
        </p>
      ) : (
        <>
          <p>
            <span className={`m-band m-band-${s.band ?? 'not_scored'}`}>{t(`manager.band.${s.band ?? 'not_scored'}`)}</span>{' '}
            {s.overall !== null ? t('manager.score.overall', { n: Math.round(s.overall) }) : null}
          </p>
          {s.competencies.map((c) => (
            <div key={c.id} className="m-comp">
              <div className="m-comp-head">
                <strong>{c.name ? local(c.name, lang) : c.id}</strong>
                <span>{Math.round(c.score)}</span>
              </div>
              <div className="m-bar">
                <span style={{ width: `${Math.max(0, Math.min(100, c.score))}%` }} />
              </div>
              <ul className="m-list m-small">
                {c.contributions.slice(0, 6).map((k, i) => (
                  <li key={i}>
                    {k.contribution >= 0 ? '+' : ''}
                    {k.contribution.toFixed(1)} {local(k.label, lang)}
                    {k.evidence.slice(0, 2).map((e, j) => (
                      <q key={j} className="m-quote">
                        {e}
                      </q>
                    ))}
                    {k.measured ? <span className="m-muted"> ({local(k.measured, lang)})</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <p className="m-muted m-small">
        {t('manager.score.model', { v: s.modelVersion ?? '—' })} · {t('manager.score.personDecides')}
      </p>
    </div>
  );
}

/** "Sat morning, Sun afternoon …" in the console's language. */
export function AvailabilityText(props: { cells: AvailabilityCell[] }) {
  const t = useT();
  const ordered = [...props.cells].sort((a, b) => {
    const [da, sa] = a.split('-') as [string, string];
    const [db, sb] = b.split('-') as [string, string];
    return DAYS.indexOf(da as never) - DAYS.indexOf(db as never) || SLOTS.indexOf(sa as never) - SLOTS.indexOf(sb as never);
  });
  if (!ordered.length) return <>—</>;
  return <>{ordered.map((c) => `${t(`common.days.${c.split('-')[0]}`)} ${t(`common.slots.${c.split('-')[1]}`)}`).join('、')}</>;
}
