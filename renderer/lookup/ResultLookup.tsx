import { useContext, useState } from 'react';
import type { LookupResult } from '../../electron/shared/contract/lookup';
import type { Lang } from '../../core/packs/packSchema';
import { ErrorCode } from '../../core/errors';
import { ApiError, invoke } from '../api/client';
import { Keypad } from '../components/Keypad';
import { LangContext, translate, useT } from '../i18n';
import './lookup.css';

/** Receipt codes never contain 0/O/1/I/L; typing them is forgiven (the kiosk maps them). */
const formatCode = (raw: string): string =>
  raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 12)
    .replace(/(.{4})(?=.)/g, '$1-');

/**
 * "Check my result" for applicants: mobile + receipt code → pending, second interview,
 * passed with next steps, or a kind "not this time". Embedded by the applicant attract screen.
 */
export function ResultLookup(props: { onDone: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [field, setField] = useState<'mobile' | 'code'>('mobile');
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [shownLang, setShownLang] = useState<Lang | null>(null);
  const [isSmsStopped, setSmsStopped] = useState(false);
  const isReady = /^1\d{10}$/.test(mobile) && code.replace(/-/g, '').length === 12;

  async function submit() {
    if (!isReady || isBusy) return;
    setBusy(true);
    setError(null);
    try {
      setShownLang(null);
      setSmsStopped(false);
      setResult(await invoke('lookup:result', { mobile, code }));
    } catch (e) {
      setError((e as ApiError).code === ErrorCode.RateLimited ? t('lookup.rateLimited') : t('lookup.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    // Shown in the language the applicant interviewed in (issue 14, item 15), with a switch.
    const shown: Lang = result.status === 'notFound' ? lang : (shownLang ?? result.lang);
    const other: Lang = shown === 'zh-CN' ? 'en' : 'zh-CN';
    return (
      <LangContext.Provider value={shown}>
        <section className="lk" lang={shown} data-screen="lookup-result" data-testid="lookup-result" data-status={result.status} data-lang={shown}>
          {result.status === 'notFound' ? null : (
            <button type="button" className="btn btn-ghost btn-md lk-lang" lang={other} onClick={() => setShownLang(other)} data-testid="lookup-lang">
              {translate(other, 'lookup.showIn')}
            </button>
          )}
          <ResultView result={result} lang={shown} />
          {result.status !== 'notFound' && (result.smsConsent || isSmsStopped) ? <SmsStop mobile={mobile} code={code} isStopped={isSmsStopped} onStopped={() => setSmsStopped(true)} /> : null}
          <ResultActions status={result.status} onAgain={() => setResult(null)} onDone={props.onDone} />
        </section>
      </LangContext.Provider>
    );
  }

  return (
    <section className="lk" data-screen="lookup-form">
      <h1 className="lk-title">{t('lookup.title')}</h1>
      <p className="lk-lead">{t('lookup.intro')}</p>
      <div className="lk-fields">
        <button type="button" className={`lk-field ${field === 'mobile' ? 'lk-field-on' : ''}`} onClick={() => setField('mobile')} data-testid="lookup-mobile">
          <span className="lk-label">{t('lookup.mobile')}</span>
          <span className="lk-value">{mobile || '\u00a0'}</span>
        </button>
        <button type="button" className={`lk-field ${field === 'code' ? 'lk-field-on' : ''}`} onClick={() => setField('code')} data-testid="lookup-code">
          <span className="lk-label">{t('lookup.code')}</span>
          <span className="lk-value lk-code">{code || '\u00a0'}</span>
        </button>
      </div>
      <p className="lk-hint">{field === 'mobile' ? t('lookup.mobileHint') : t('lookup.codeHint')}</p>
      {field === 'mobile' ? (
        <Keypad
          layout="digits"
          testId="lookup-keypad"
          onKey={(k) => {
            const next = (mobile + k).slice(0, 11);
            setMobile(next);
            if (next.length === 11) setField('code');
          }}
          onBackspace={() => setMobile(mobile.slice(0, -1))}
        />
      ) : (
        <Keypad layout="alnum" testId="lookup-keypad" onKey={(k) => setCode(formatCode(code + k))} onBackspace={() => setCode(formatCode(code.replace(/-/g, '').slice(0, -1)))} />
      )}
      {error ? (
        <p className="lk-error" role="alert" data-testid="lookup-error">
          {error}
        </p>
      ) : null}
      <div className="lk-actions">
        <button type="button" className="btn btn-ghost btn-lg" onClick={props.onDone}>
          <span aria-hidden="true">‹</span> {t('lookup.back')}
        </button>
        <button type="button" className="btn btn-primary btn-lg" disabled={!isReady || isBusy} onClick={() => void submit()} data-testid="lookup-submit">
          {t('lookup.submit')}
        </button>
      </div>
    </section>
  );
}

function ResultView(props: { result: LookupResult; lang: 'zh-CN' | 'en' }) {
  const t = useT();
  const r = props.result;
  switch (r.status) {
    case 'notFound':
      return (
        <div className="lk-card">
          <h1 className="lk-title">{t('lookup.notFound.title')}</h1>
          <p className="lk-lead">{t('lookup.notFound.text')}</p>
        </div>
      );
    case 'pending':
      return (
        <div className="lk-card">
          <h1 className="lk-title">{t('lookup.pending.title')}</h1>
          <p className="lk-lead">{t('lookup.pending.text', { opening: r.opening[props.lang] })}</p>
        </div>
      );
    case 'secondInterview':
      return (
        <div className="lk-card">
          <h1 className="lk-title">{t('lookup.second.title')}</h1>
          {r.booked ? (
            <>
              <p className="lk-lead">{t('lookup.second.textBooked', { opening: r.opening[props.lang], store: r.storeName ?? '' })}</p>
              <p className="lk-lead lk-when" data-testid="lookup-second-booked">
                {r.booked.date} {r.booked.start} · {r.booked.place}
              </p>
              <p className="lk-lead">{t('lookup.second.booked')}</p>
            </>
          ) : r.offered.length ? (
            <>
              <p className="lk-lead">{t('lookup.second.textOffered', { opening: r.opening[props.lang], store: r.storeName ?? '' })}</p>
              <div className="lk-offer">
                <ul className="lk-list" data-testid="lookup-second-offered">
                  {r.offered.map((s, i) => (
                    <li key={i}>
                      {s.date} {s.start} · {s.place}
                    </li>
                  ))}
                </ul>
                {r.qrSvg ? (
                  <div className="lk-scan">
                    <p className="lk-lead">{t('lookup.second.scan')}</p>
                    <img className="lk-qr" alt={t('lookup.second.qrAlt')} src={`data:image/svg+xml;utf8,${encodeURIComponent(r.qrSvg)}`} data-testid="lookup-second-qr" />
                  </div>
                ) : null}
              </div>
            </>
          ) : (
            <p className="lk-lead">{t('lookup.second.text', { opening: r.opening[props.lang], store: r.storeName ?? '' })}</p>
          )}
        </div>
      );
    case 'passed':
      return (
        <div className="lk-card lk-passed">
          <h1 className="lk-title">{t('lookup.passed.title')}</h1>
          <p className="lk-lead">{t('lookup.passed.text', { opening: r.opening[props.lang], store: r.storeName ?? '' })}</p>
          {r.shifts.length ? (
            <>
              <h2 className="lk-h2">{t('lookup.passed.shifts')}</h2>
              <ul className="lk-list" data-testid="lookup-shifts">
                {r.shifts.map((s, i) => (
                  <li key={i}>
                    {t(`common.days.${s.day}`)} {s.start}–{s.end} · {s.role}
                  </li>
                ))}
              </ul>
              {r.startDate ? <p className="lk-lead">{t('lookup.passed.start', { date: r.startDate })}</p> : null}
              {r.whatToBring ? (
                <>
                  <h2 className="lk-h2">{t('lookup.passed.bring')}</h2>
                  <p className="lk-lead">{r.whatToBring}</p>
                </>
              ) : null}
            </>
          ) : (
            <p className="lk-lead">{t('lookup.passed.noShiftYet')}</p>
          )}
        </div>
      );
    case 'notSelected':
      return (
        <div className="lk-card">
          <h1 className="lk-title">{t('lookup.notSelected.title')}</h1>
          <p className="lk-lead">{t('lookup.notSelected.text', { opening: r.opening[props.lang] })}</p>
          <p className="lk-lead">{r.isInPool ? t('lookup.notSelected.pool') : t('lookup.notSelected.encourage')}</p>
        </div>
      );
  }
}

function ResultActions(props: { status: LookupResult['status']; onAgain: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <div className="lk-actions">
      {props.status === 'notFound' ? (
        <button type="button" className="btn btn-secondary btn-lg" onClick={props.onAgain} data-testid="lookup-again">
          {t('lookup.tryAgain')}
        </button>
      ) : null}
      <button type="button" className="btn btn-primary btn-lg" onClick={props.onDone} data-testid="lookup-done">
        {t('lookup.done')}
      </button>
    </div>
  );
}

/** Stops the result SMS chosen at the end of the interview (issue 16); checked like the look-up itself. */
function SmsStop(props: { mobile: string; code: string; isStopped: boolean; onStopped: () => void }) {
  const t = useT();
  const [isFailed, setFailed] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const stop = () => {
    if (isBusy) return;
    setBusy(true);
    invoke('lookup:notify', { mobile: props.mobile, code: props.code, granted: false })
      .then(
        (r) => (r.found && !r.smsConsent ? props.onStopped() : setFailed(true)),
        () => setFailed(true),
      )
      .finally(() => setBusy(false));
  };
  if (props.isStopped) {
    return (
      <div className="lk-card" data-testid="lookup-sms">
        <p className="lk-lead" role="status" data-testid="lookup-sms-stopped">
          {t('lookup.sms.stopped')}
        </p>
      </div>
    );
  }
  return (
    <div className="lk-card" data-testid="lookup-sms">
      <p className="lk-lead">{t('lookup.sms.on')}</p>
      <button type="button" className="btn btn-secondary btn-lg" disabled={isBusy} onClick={stop} data-testid="lookup-sms-stop">
        {t('lookup.sms.stop')}
      </button>
      {isFailed ? (
        <p className="lk-error" role="alert">
          {t('lookup.failed')}
        </p>
      ) : null}
    </div>
  );
}
