import { useContext, useEffect, useState } from 'react';
import { ErrorCode } from '../../core/errors';
import type { Decision } from '../../electron/shared/contract/manager';
import { ApiError, invoke } from '../api/client';
import { LangContext, useT } from '../i18n';
import type { Detail } from './ApplicantPage';
import { dateTime, minutesSeconds } from './format';
import { consoleError } from './consoleError';
import { MIN_OFFER, SecondRoundPicker, type SecondRoundChoice } from './SecondRoundPicker';

/**
 * Pass / hold / fail. The recommendation is shown but never pre-selected; choosing against it
 * asks for a reason. A fresh decision can be undone for a few minutes (countdown shown).
 */
export function DecisionPanel(props: { detail: Detail; isManager: boolean; onChanged: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const d = props.detail;
  const [choice, setChoice] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [keepInPool, setKeepInPool] = useState(false);
  const [slot, setSlot] = useState<SecondRoundChoice>({ mode: 'book', slotId: null });
  const [slotsVersion, setSlotsVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const undoUntil = d.decision?.undoUntil ? Date.parse(d.decision.undoUntil) : null;
  useEffect(() => {
    if (!undoUntil) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [undoUntil]);
  const isOverride = choice !== null && d.recommendation !== null && choice !== d.recommendation;
  const canUndo = props.isManager && undoUntil !== null && undoUntil > now;
  const isHold = choice === 'hold';
  const slotId = isHold && slot.mode === 'book' ? slot.slotId : null;
  const offerSlotIds = isHold && slot.mode === 'offer' ? slot.slotIds : null;
  const isOfferShort = offerSlotIds !== null && offerSlotIds.length < MIN_OFFER;

  async function submit() {
    if (!choice) return;
    try {
      await invoke('manager:decide', {
        interviewId: d.interviewId,
        decision: choice,
        reason: reason.trim() || null,
        keepInPool: choice !== 'pass' && d.consent.talentPool && keepInPool,
        slotId,
        offerSlotIds,
      });
      setChoice(null);
      setReason('');
      setSlot({ mode: 'book', slotId: null });
      setError(null);
      props.onChanged();
    } catch (e) {
      // A slot taken or removed since the list was loaded: say so in the console's language and show the list as it is now.
      const isClash = (slotId !== null || offerSlotIds !== null) && ((e as ApiError).code === ErrorCode.Conflict || (e as ApiError).code === ErrorCode.NotFound);
      setError(isClash ? t('secondRound.pick.clash') : consoleError(lang, e));
      if (isClash) (setSlot(slot.mode === 'book' ? { mode: 'book', slotId: null } : { mode: 'offer', slotIds: [] }), setSlotsVersion((v) => v + 1));
    }
  }
  async function undo() {
    try {
      await invoke('manager:undoDecision', { decisionId: d.decision!.id });
      props.onChanged();
    } catch (e) {
      setError(consoleError(lang, e));
    }
  }

  return (
    <div className="m-card m-decision" data-testid="decision">
      <h2 className="m-h2">{t('manager.decide.title')}</h2>
      <p data-testid="recommendation">{d.recommendation ? t('manager.decide.recommends', { d: t(`manager.decide.options.${d.recommendation}`) }) : t('manager.decide.noRecommendation')}</p>
      {d.decision ? (
        <p className="m-current" data-testid="current-decision">
          {t('manager.decide.current', { d: t(`manager.decide.options.${d.decision.decision}`), who: d.decision.decidedBy, at: dateTime(d.decision.decidedAt, lang) })}
          {d.decision.isOverride ? ` · ${t('manager.decide.override')}: ${d.decision.reason ?? ''}` : ''}
        </p>
      ) : null}
      {d.secondRound ? (
        <p className="m-current" data-testid="second-round-booking">
          {t('secondRound.booked', { when: `${d.secondRound.date} ${d.secondRound.start}`, place: d.secondRound.place })}
          {d.secondRound.bookedBy === 'applicant' ? t('secondRound.pickedByApplicant') : ''}
        </p>
      ) : null}
      {d.secondRoundOffer ? (
        <div className="m-current" data-testid="second-round-offer">
          <p>{t('secondRound.offered', { n: d.secondRoundOffer.slots.length })}</p>
          <ul className="m-offered">
            {d.secondRoundOffer.slots.map((s) => (
              <li key={s.slotId}>
                {s.date} {s.start} · {s.place}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canUndo ? (
        <div className="m-undo" role="status">
          <span>{t('manager.decide.undoLeft', { t: minutesSeconds(Math.ceil((undoUntil! - now) / 1000), lang) })}</span>
          <button type="button" className="btn btn-ghost btn-md" onClick={() => void undo()} data-testid="decision-undo">
            {t('manager.decide.undo')}
          </button>
        </div>
      ) : null}
      {props.isManager && d.interviewStatus === 'finished' ? (
        <>
          <div className="m-choice" role="radiogroup" aria-label={t('manager.decide.title')}>
            {(['pass', 'hold', 'fail'] as const).map((x) => (
              <button
                key={x}
                type="button"
                role="radio"
                aria-checked={choice === x}
                className={`m-choice-btn m-choice-${x} ${choice === x ? 'm-choice-on' : ''}`}
                onClick={() => setChoice(x)}
                data-testid={`decide-${x}`}
              >
                {t(`manager.decide.options.${x}`)}
                {d.recommendation === x ? <small>{t('manager.decide.recommendedTag')}</small> : null}
              </button>
            ))}
          </div>
          {choice ? (
            <>
              <label className="m-field">
                <span>{isOverride ? t('manager.decide.reasonRequired') : t('manager.decide.reasonOptional')}</span>
                <textarea className="m-input" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decide-reason" />
              </label>
              {choice === 'hold' ? <SecondRoundPicker value={slot} onChange={setSlot} version={slotsVersion} /> : null}
              {choice !== 'pass' && d.consent.talentPool ? (
                <label className="m-check">
                  <input type="checkbox" checked={keepInPool} onChange={(e) => setKeepInPool(e.target.checked)} data-testid="decide-pool" /> {t('manager.decide.keepInPool')}
                </label>
              ) : null}
              {/* The pool is the applicant's own choice on the notice screen. */}
              {choice !== 'pass' && !d.consent.talentPool ? (
                <p className="m-muted" data-testid="decide-no-pool">
                  {t('manager.decide.noPoolConsent')}
                </p>
              ) : null}
              <button type="button" className="btn btn-primary btn-md" disabled={(isOverride && reason.trim().length < 3) || isOfferShort} onClick={() => void submit()} data-testid="decide-confirm">
                {t('manager.decide.confirm', { d: t(`manager.decide.options.${choice}`) })}
              </button>
            </>
          ) : null}
        </>
      ) : !props.isManager ? (
        <p className="m-muted">{t('manager.decide.staffViewOnly')}</p>
      ) : null}
      {error ? (
        <p className="m-error" role="alert" data-testid="decide-error">
          {error}
        </p>
      ) : null}
      {d.history.length > 1 ? (
        <details className="m-small">
          <summary>{t('manager.decide.history', { n: d.history.length })}</summary>
          <ul className="m-list">
            {d.history.map((h) => (
              <li key={h.id} className={h.undoneAt ? 'm-struck' : ''}>
                {dateTime(h.decidedAt, lang)} · {h.decidedBy} · {t(`manager.decide.options.${h.decision}`)}
                {h.reason ? ` · ${h.reason}` : ''}
                {h.undoneAt ? ` (${t('manager.decide.undone')})` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
