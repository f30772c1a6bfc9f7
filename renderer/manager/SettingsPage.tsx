import { useContext, useEffect, useState } from 'react';
import type { InputOf } from '../../electron/shared/contract/index';
import { ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import { auditWords, consoleError } from './consoleError';
import { dateTime } from './format';
import { SecondRoundSlotsCard } from './SecondRoundSlotsCard';
import { useLoad } from './useLoad';

/** Store details, what new starters bring, retention, staff PINs, sync status and the audit log. */
export function SettingsPage(props: { isManager: boolean }) {
  const t = useT();
  const lang = useContext(LangContext);
  const store = useLoad(() => invoke('manager:storeInfo', {}), []);
  const retention = useLoad(() => invoke('manager:retention', {}), []);
  const users = useLoad(() => (props.isManager ? invoke('auth:users', {}) : Promise.resolve({ users: [] })), [props.isManager]);
  const sync = useLoad(() => invoke('sync:status', {}), []);
  const audit = useLoad(() => invoke('manager:audit', {}), []);
  const [info, setInfo] = useState({ storeName: '', whatToBring: '' });
  const [ret, setRet] = useState<InputOf<'manager:setRetention'> | null>(null);
  const hearBack = useLoad(() => invoke('manager:hearBack', {}), []);
  const [hb, setHb] = useState<InputOf<'manager:setHearBack'> | null>(null);
  const [newUser, setNewUser] = useState<InputOf<'auth:addUser'>>({ name: '', role: 'staff', pin: '' });
  const [myPin, setMyPin] = useState<InputOf<'auth:changePin'>>({ currentPin: '', newPin: '' });
  const [staffPin, setStaffPin] = useState<InputOf<'auth:setStaffPin'>>({ userId: '', newPin: '' });
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    if (store.data) setInfo({ storeName: store.data.storeName, whatToBring: store.data.whatToBring });
  }, [store.data]);
  useEffect(() => {
    if (retention.data) setRet(retention.data.settings);
  }, [retention.data]);
  useEffect(() => {
    if (hearBack.data) setHb(hearBack.data.settings);
  }, [hearBack.data]);

  const act = (p: Promise<unknown>, then?: () => void) =>
    p.then(
      () => (setMsg(t('manager.settings.saved')), then?.()),
      (e: ApiError) => setMsg(consoleError(lang, e)),
    );

  return (
    <section className="m-page m-settings" data-screen="manager-settings">
      <h1 className="m-title">{t('manager.nav.settings')}</h1>
      {msg ? (
        <p className="m-notice" role="status">
          {msg}
        </p>
      ) : null}
      <div className="m-cols">
        <div className="m-col">
          <div className="m-card">
            <h2 className="m-h2">{t('manager.settings.store')}</h2>
            <p className="m-muted">{t('manager.settings.storeId', { id: store.data?.storeId ?? '' })}</p>
            <label className="m-field">
              <span>{t('manager.setup.storeName')}</span>
              <input className="m-input" value={info.storeName} disabled={!props.isManager} onChange={(e) => setInfo({ ...info, storeName: e.target.value })} />
            </label>
            <label className="m-field">
              <span>{t('manager.settings.whatToBring')}</span>
              <textarea
                className="m-input"
                rows={2}
                value={info.whatToBring}
                disabled={!props.isManager}
                placeholder={t('manager.settings.whatToBringHint')}
                onChange={(e) => setInfo({ ...info, whatToBring: e.target.value })}
                data-testid="what-to-bring"
              />
            </label>
            {props.isManager ? (
              <button type="button" className="btn btn-primary btn-md" onClick={() => void act(invoke('manager:setStoreInfo', info))} data-testid="store-save">
                {t('manager.settings.save')}
              </button>
            ) : null}
          </div>
          <SecondRoundSlotsCard isManager={props.isManager} />
          {hb && hearBack.data ? (
            <HearBackCard value={hb} onChange={setHb} ability={hearBack.data.ability} isManager={props.isManager} onSave={() => void act(invoke('manager:setHearBack', hb), hearBack.reload)} />
          ) : null}
          <div className="m-card">
            <h2 className="m-h2">{t('manager.settings.retention')}</h2>
            {ret
              ? (['notSelectedDays', 'poolDays', 'unfinishedDays', 'humanRequestDays'] as const).map((k) => (
                  <label key={k} className="m-field m-inline">
                    <span className="m-inline-label">{t(`manager.settings.ret.${k}`)}</span>
                    <span className="m-num-wrap">
                      <input
                        className="m-input m-num"
                        type="number"
                        min={1}
                        max={3650}
                        value={ret[k]}
                        disabled={!props.isManager}
                        onChange={(e) => setRet({ ...ret, [k]: Number(e.target.value) || 1 })}
                        data-testid={`ret-${k}`}
                      />
                      <span className="m-unit">{t('manager.settings.days')}</span>
                    </span>
                  </label>
                ))
              : null}
            <p className="m-muted m-small">
              {retention.data?.lastRun
                ? t('manager.settings.lastRun', { at: dateTime(retention.data.lastRun.ranAt, lang), n: retention.data.lastRun.deletedInterviews })
                : t('manager.settings.neverRun')}
            </p>
            {props.isManager && ret ? (
              <div className="m-row">
                <button type="button" className="btn btn-primary btn-md" onClick={() => void act(invoke('manager:setRetention', ret), retention.reload)}>
                  {t('manager.settings.save')}
                </button>
                <button type="button" className="btn btn-ghost btn-md" onClick={() => void act(invoke('manager:runRetention', {}), retention.reload)}>
                  {t('manager.settings.runNow')}
                </button>
              </div>
            ) : null}
          </div>
        </div>
        <div className="m-col">
          {props.isManager ? (
            <div className="m-card">
              <h2 className="m-h2">{t('manager.settings.users')}</h2>
              <ul className="m-list">
                {users.data?.users.map((u) => (
                  <li key={u.id} className="m-user">
                    <span>
                      {u.name} · {t(`manager.roles.${u.role}`)}
                    </span>
                    {u.role === 'staff' || (users.data?.users.filter((x) => x.role === 'manager').length ?? 0) > 1 ? (
                      <button type="button" className="btn btn-ghost btn-md" onClick={() => void act(invoke('auth:removeUser', { id: u.id }), users.reload)}>
                        {t('manager.settings.remove')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
              <div className="m-grid2">
                <input
                  className="m-input"
                  aria-label={t('manager.settings.userName')}
                  placeholder={t('manager.settings.userName')}
                  value={newUser.name}
                  onChange={(e) => setNewUser({ ...newUser, name: e.target.value })}
                />
                <select className="m-input" aria-label={t('manager.settings.role')} value={newUser.role} onChange={(e) => setNewUser({ ...newUser, role: e.target.value as 'staff' | 'manager' })}>
                  <option value="staff">{t('manager.roles.staff')}</option>
                  <option value="manager">{t('manager.roles.manager')}</option>
                </select>
                <input
                  className="m-input"
                  type="password"
                  inputMode="numeric"
                  aria-label={t('manager.setup.pin')}
                  placeholder={t('manager.setup.pin')}
                  value={newUser.pin}
                  onChange={(e) => setNewUser({ ...newUser, pin: e.target.value })}
                />
                <button
                  type="button"
                  className="btn btn-secondary btn-md"
                  onClick={() => void act(invoke('auth:addUser', newUser), () => (setNewUser({ name: '', role: 'staff', pin: '' }), users.reload()))}
                >
                  + {t('manager.settings.addUser')}
                </button>
              </div>
              <p className="m-muted m-small">{t('manager.settings.staffNote')}</p>
              <h3 className="m-h3">{t('manager.settings.staffPin')}</h3>
              <div className="m-grid2">
                <select
                  className="m-input"
                  aria-label={t('manager.settings.chooseStaff')}
                  value={staffPin.userId}
                  onChange={(e) => setStaffPin({ ...staffPin, userId: e.target.value })}
                  data-testid="staff-pin-user"
                >
                  <option value="">{t('manager.settings.chooseStaff')}</option>
                  {users.data?.users
                    .filter((u) => u.role === 'staff')
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                </select>
                <input
                  className="m-input"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={t('manager.settings.newPin')}
                  value={staffPin.newPin}
                  onChange={(e) => setStaffPin({ ...staffPin, newPin: e.target.value })}
                  data-testid="staff-pin-new"
                />
                <button
                  type="button"
                  className="btn btn-secondary btn-md"
                  disabled={!staffPin.userId}
                  onClick={() => void act(invoke('auth:setStaffPin', staffPin), () => setStaffPin({ userId: '', newPin: '' }))}
                  data-testid="staff-pin-set"
                >
                  {t('manager.settings.setPin')}
                </button>
              </div>
            </div>
          ) : null}
          <div className="m-card" data-testid="my-pin">
            <h2 className="m-h2">{t('manager.settings.myPin')}</h2>
            <div className="m-grid2">
              <input
                className="m-input"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                placeholder={t('manager.settings.currentPin')}
                value={myPin.currentPin}
                onChange={(e) => setMyPin({ ...myPin, currentPin: e.target.value })}
                data-testid="my-pin-current"
              />
              <input
                className="m-input"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                placeholder={t('manager.settings.newPin')}
                value={myPin.newPin}
                onChange={(e) => setMyPin({ ...myPin, newPin: e.target.value })}
                data-testid="my-pin-new"
              />
              <button
                type="button"
                className="btn btn-secondary btn-md"
                onClick={() => void act(invoke('auth:changePin', myPin), () => setMyPin({ currentPin: '', newPin: '' }))}
                data-testid="my-pin-change"
              >
                {t('manager.settings.changePin')}
              </button>
            </div>
            <p className="m-muted m-small">{t('manager.settings.pinNote')}</p>
          </div>
          <div className="m-card" data-testid="sync-status">
            <h2 className="m-h2">{t('manager.settings.sync')}</h2>
            {sync.error ? <p className="m-muted">{sync.error}</p> : null}
            {sync.data ? (
              <p>
                {sync.data.enrolled ? t('manager.settings.syncEnrolled', { id: sync.data.kioskId ?? '' }) : t('manager.settings.syncNotEnrolled')} ·{' '}
                {t('manager.settings.syncPending', { n: sync.data.pendingRecords })} ·{' '}
                {sync.data.lastSyncAt ? t('manager.settings.syncLast', { at: dateTime(sync.data.lastSyncAt, lang) }) : t('manager.settings.syncNever')}
                {sync.data.lastError ? <span className="m-error"> {sync.data.lastError}</span> : null}
              </p>
            ) : null}
          </div>
          <div className="m-card" data-testid="audit">
            <h2 className="m-h2">{t('manager.settings.audit')}</h2>
            {audit.data ? (
              <>
                <p className={audit.data.isIntact ? '' : 'm-error'}>
                  {audit.data.isIntact ? t('manager.settings.auditOk', { n: audit.data.entries }) : t('manager.settings.auditBroken', { seq: audit.data.firstBrokenSeq ?? 0 })}
                </p>
                <ul className="m-list m-small m-audit" tabIndex={0} aria-label={t('manager.settings.audit')}>
                  {audit.data.recent.slice(0, 12).map((e) => (
                    <li key={e.seq}>
                      #{e.seq} {dateTime(e.at, lang)} · {auditWords(lang, 'actor', e.actor)} · {auditWords(lang, 'action', e.action)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}

/** When and how applicants hear back (shown on the finish screen); SMS only where head office sends it. */
function HearBackCard(props: {
  value: InputOf<'manager:setHearBack'>;
  onChange: (v: InputOf<'manager:setHearBack'>) => void;
  ability: { canSms: boolean; resultUrl: string | null };
  isManager: boolean;
  onSave: () => void;
}) {
  const t = useT();
  const v = props.value;
  return (
    <div className="m-card" data-testid="hear-back-settings">
      <h2 className="m-h2">{t('manager.settings.hearBack')}</h2>
      <label className="m-field m-inline">
        <span className="m-inline-label">{t('manager.settings.hearBackDays')}</span>
        <span className="m-num-wrap">
          <input
            className="m-input m-num"
            type="number"
            min={1}
            max={30}
            value={v.days}
            disabled={!props.isManager}
            onChange={(e) => props.onChange({ ...v, days: Math.min(30, Math.max(1, Number(e.target.value) || 1)) })}
            data-testid="hear-back-days"
          />
          <span className="m-unit">{t('manager.settings.days')}</span>
        </span>
      </label>
      <label className="m-field">
        <span>{t('manager.settings.hearBackChannel')}</span>
        <select
          className="m-input"
          value={v.channel}
          disabled={!props.isManager}
          onChange={(e) => props.onChange({ ...v, channel: e.target.value as typeof v.channel })}
          data-testid="hear-back-channel"
        >
          {(['kiosk', 'call', 'sms'] as const).map((c) => (
            <option key={c} value={c} disabled={c === 'sms' && !props.ability.canSms}>
              {t(`manager.settings.hearBackCh.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="m-muted m-small">{t('manager.settings.hearBackNote')}</p>
      <p className="m-muted m-small" data-testid="hear-back-sms">
        {props.ability.canSms ? t('manager.settings.smsOn') : t('manager.settings.smsOff')}
      </p>
      <p className="m-muted m-small m-break">{props.ability.resultUrl ? t('manager.settings.resultUrl', { url: props.ability.resultUrl }) : t('manager.settings.noResultUrl')}</p>
      {props.isManager ? (
        <button type="button" className="btn btn-primary btn-md" onClick={props.onSave} data-testid="hear-back-save">
          {t('manager.settings.save')}
        </button>
      ) : null}
    </div>
  );
}
