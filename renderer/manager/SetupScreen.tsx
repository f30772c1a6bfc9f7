import { useContext, useState } from 'react';
import { ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { consoleError } from './consoleError';
import type { AuthState } from './ManagerApp';

/** First run: store name and id, the manager's name and PIN. There is no default PIN. */
export function SetupScreen(props: { onDone: (a: AuthState) => void; onCancel: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [f, setF] = useState({ storeName: '', storeId: '', managerName: '', pin: '', pin2: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!/^\d{6,12}$/.test(f.pin)) return setError(t('manager.setup.pinRule'));
    if (f.pin !== f.pin2) return setError(t('manager.setup.pinMismatch'));
    try {
      props.onDone(await invoke('auth:setup', { storeName: f.storeName, storeId: f.storeId, managerName: f.managerName, pin: f.pin }));
    } catch (err) {
      setError(consoleError(lang, err as ApiError));
    }
  }

  return (
    <form className="m-setup m-card" onSubmit={(e) => void submit(e)} data-screen="manager-setup">
      <h1 className="m-title">{t('manager.setup.title')}</h1>
      <p className="m-muted">{t('manager.setup.intro')}</p>
      <label className="m-field">
        <span>{t('manager.setup.storeName')}</span>
        <input className="m-input" value={f.storeName} onChange={set('storeName')} required maxLength={60} data-testid="setup-store-name" />
      </label>
      <label className="m-field">
        <span>{t('manager.setup.storeId')}</span>
        <input className="m-input" value={f.storeId} onChange={set('storeId')} required maxLength={32} pattern="[A-Za-z0-9-]+" data-testid="setup-store-id" />
      </label>
      <label className="m-field">
        <span>{t('manager.setup.managerName')}</span>
        <input className="m-input" value={f.managerName} onChange={set('managerName')} required maxLength={40} data-testid="setup-manager-name" />
      </label>
      <div className="m-grid2">
        <label className="m-field">
          <span>{t('manager.setup.pin')}</span>
          <input className="m-input" type="password" inputMode="numeric" autoComplete="new-password" value={f.pin} onChange={set('pin')} required data-testid="setup-pin" />
        </label>
        <label className="m-field">
          <span>{t('manager.setup.pin2')}</span>
          <input className="m-input" type="password" inputMode="numeric" autoComplete="new-password" value={f.pin2} onChange={set('pin2')} required data-testid="setup-pin2" />
        </label>
      </div>
      <p className="m-muted">{t('manager.setup.pinRule')}</p>
      {error ? (
        <p className="m-error" role="alert" data-testid="setup-error">
          {error}
        </p>
      ) : null}
      <div className="m-row">
        <button type="button" className="btn btn-ghost btn-lg" onClick={props.onCancel}>
          {t('manager.pin.cancel')}
        </button>
        <button type="submit" className="btn btn-primary btn-lg" data-testid="setup-submit">
          {t('manager.setup.submit')}
        </button>
      </div>
    </form>
  );
}
