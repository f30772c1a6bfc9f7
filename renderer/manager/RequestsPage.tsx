import { useContext, useState } from 'react';
import { invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { dateTime, local } from './format';
import { useLoad } from './useLoad';

/** Applicants who asked for an interview with a person instead: call them back, then tick off. */
export function RequestsPage() {
  const t = useT();
  const lang = useContext(LangContext);
  const [includeHandled, setIncludeHandled] = useState(false);
  const { data, error, reload } = useLoad(() => invoke('manager:humanRequests', { includeHandled }), [includeHandled]);
  return (
    <section className="m-page" data-screen="manager-requests">
      <h1 className="m-title">{t('manager.requests.title')}</h1>
      <label className="m-check">
        <input type="checkbox" checked={includeHandled} onChange={(e) => setIncludeHandled(e.target.checked)} /> {t('manager.requests.showHandled')}
      </label>
      {error ? <p className="m-error">{error}</p> : null}
      <ul className="m-cards">
        {data?.requests.map((r) => (
          <li key={r.id} className="m-card m-request" data-testid="human-request">
            <div>
              <strong>{r.name}</strong> · <span className="m-mono">{r.mobile}</span>
              <div className="m-muted m-small">
                {local(r.opening, lang)} · {r.lang === 'en' ? 'English' : '中文'} · {dateTime(r.createdAt, lang)}
              </div>
            </div>
            {r.handledAt ? (
              <span className="m-flag m-flag-ok">{t('manager.requests.handled', { at: dateTime(r.handledAt, lang) })}</span>
            ) : (
              <button type="button" className="btn btn-secondary btn-md" onClick={() => void invoke('manager:handleHumanRequest', { id: r.id }).then(reload)}>
                ✓ {t('manager.requests.markHandled')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {data && data.requests.length === 0 ? <p className="m-muted m-empty">{t('manager.requests.empty')}</p> : null}
    </section>
  );
}
