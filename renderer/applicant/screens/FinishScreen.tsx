import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../electron/shared/contract/index';
import type { Lang, LocalText } from '../../../core/packs/packSchema';
import { ApiError, invoke } from '../../api/client';
import { BigButton } from '../../components/BigButton';
import { useCountdown } from '../../components/useCountdown';
import { errorText, useT } from '../../i18n';
import { SelfIdPanel } from '../../selfid/SelfIdPanel';
import { MORE_TIME_SECONDS } from '../AnswerArea';
import { SmsConsent } from '../finish/SmsConsent';
import { useScrollCue } from '../../components/useScrollCue';

type FinishResult = OutputOf<'interview:finish'>;

/**
 * Seconds the receipt stays up before the kiosk clears itself for the next person (privacy: the
 * next person should not find it). Counted down on screen; a tap starts the count again.
 */
export const FINISH_SECONDS = 30;

/** Receipt codes are read aloud and copied by hand: group them so they are easy to read. */
export const groupCode = (code: string): string => (code.includes('-') ? code : code.replace(/(.{4})(?=.)/g, '$1 '));

/** The store's promise, worded for what this kiosk can do (the service already made it true). */
function hearBackText(t: ReturnType<typeof useT>, h: NonNullable<FinishResult['hearBack']>, canSms: boolean, tail: string | null): string {
  if (h.channel === 'call') return tail ? t('applicant.finish.hearBack.call', { days: h.days, tail }) : t('applicant.finish.hearBack.callNoTail', { days: h.days });
  if (h.channel === 'sms' && canSms) return t('applicant.finish.hearBack.sms', { days: h.days });
  return t('applicant.finish.hearBack.kiosk', { days: h.days });
}

export function FinishScreen(props: { lang: Lang; interviewId: string; isPractice: boolean; onDone: () => void; onPracticeAgain: () => void }) {
  const t = useT();
  const [result, setResult] = useState<FinishResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef<Promise<FinishResult> | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    // One finish call per attempt, even if React runs this effect twice.
    started.current ??= invoke('interview:finish', { interviewId: props.interviewId });
    let isLive = true;
    started.current.then(
      (r) => isLive && setResult(r),
      (e: unknown) => {
        started.current = null;
        if (isLive) setFailure(errorText(props.lang, e instanceof ApiError ? e.code : undefined, e instanceof Error ? e.message : String(e)));
      },
    );
    return () => {
      isLive = false;
    };
  }, [props.interviewId, attempt]);
  const [taps, setTaps] = useState(0);
  // "More time", once (a keyboard or switch user cannot tap the screen to restart the count):
  // the count restarts from what was left plus a minute, and a tap restarts it from that total.
  const [seconds, setSeconds] = useState(FINISH_SECONDS);
  const isMoreTime = seconds !== FINISH_SECONDS;
  const left = useCountdown(seconds, result !== null, props.onDone, taps);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const hasMoreFeedback = useScrollCue(feedbackRef, [result]);

  if (!result) {
    return (
      <section className="screen screen-center" data-screen="finishing">
        <h1 className="title-lg">{failure ? t('applicant.finish.failed') : t('applicant.finish.saving')}</h1>
        {failure ? (
          <>
            <p className="muted">{failure}</p>
            <BigButton
              onClick={() => {
                setFailure(null);
                setAttempt((a) => a + 1);
              }}
            >
              {t('common.tryAgain')}
            </BigButton>
          </>
        ) : null}
      </section>
    );
  }
  // Praise only what was credited; with nothing to praise, the kind honest line instead.
  const fb = result.feedback;
  const strengths = fb?.strengths.slice(0, 3) ?? [];
  const note = strengths.length === 0 ? (fb?.note ?? null) : null;
  const skills = fb?.skills ?? [];
  const suggestions = fb?.suggestions.slice(0, 2) ?? [];
  const list = (items: LocalText[], testId: string) => (
    <ul data-testid={testId}>
      {items.map((s, i) => (
        <li key={i}>{s[props.lang]}</li>
      ))}
    </ul>
  );
  return (
    <section className="screen screen-finish" data-screen="finish" onPointerDown={() => setTaps((n) => n + 1)}>
      <h1 className="title-xl">{t('applicant.finish.title')}</h1>
      <p className="lead">{props.isPractice ? t('applicant.finish.practiceText') : t('applicant.finish.managerConfirms')}</p>
      <div className="finish-grid">
        {strengths.length + suggestions.length + skills.length > 0 || note ? (
          <div className="panel feedback" ref={feedbackRef} tabIndex={0} role="region" aria-label={t('applicant.finish.feedbackLabel')} data-testid="feedback">
            {strengths.length > 0 ? (
              <>
                <h2 className="title-sm">{t('applicant.finish.strengths')}</h2>
                {list(strengths, 'feedback-strengths')}
              </>
            ) : null}
            {note ? (
              <p className="feedback-note" data-testid="feedback-note">
                {note[props.lang]}
              </p>
            ) : null}
            {skills.length > 0 ? (
              <>
                <h2 className="title-sm">{t('applicant.finish.skills')}</h2>
                {list(skills, 'feedback-skills')}
              </>
            ) : null}
            {suggestions.length > 0 ? (
              <>
                <h2 className="title-sm">{t('applicant.finish.suggestions')}</h2>
                {list(suggestions, 'feedback-tips')}
              </>
            ) : null}
            {hasMoreFeedback ? (
              <p className="scroll-cue" aria-hidden="true" data-testid="feedback-more">
                {t('applicant.finish.more')} <span className="scroll-cue-arrow">↓</span>
              </p>
            ) : null}
          </div>
        ) : null}
        {result.receiptCode ? (
          <div className="panel receipt" tabIndex={0} role="region" aria-label={t('applicant.finish.receiptTitle')}>
            <h2 className="title-sm">{t('applicant.finish.receiptTitle')}</h2>
            <p className="receipt-code" data-testid="receipt-code" data-code={result.receiptCode}>
              {groupCode(result.receiptCode)}
            </p>
            {result.qrSvg ? <img className="qr" alt={t('applicant.finish.qrAlt')} src={`data:image/svg+xml;utf8,${encodeURIComponent(result.qrSvg)}`} data-testid="receipt-qr" /> : null}
            <p className="muted" data-testid="receipt-help">
              {result.qrSvg ? t('applicant.finish.receiptHelpQr') : t('applicant.finish.receiptHelp')}
            </p>
          </div>
        ) : null}
        {result.hearBack ? (
          <div className="panel hear-back" tabIndex={0} role="region" aria-label={t('applicant.finish.hearBack.title')} data-testid="hear-back" data-channel={result.hearBack.channel}>
            <h2 className="title-sm">{t('applicant.finish.hearBack.title')}</h2>
            <p>{hearBackText(t, result.hearBack, result.canSms, result.mobileTail)}</p>
            {result.hearBack.channel === 'kiosk' ? null : <p className="muted">{t('applicant.finish.lookupHere')}</p>}
            {result.canSms && result.mobileTail ? <SmsConsent interviewId={props.interviewId} mobileTail={result.mobileTail} /> : null}
          </div>
        ) : null}
      </div>
      <div className="footer-actions">
        {result.receiptCode ? <SelfIdPanel lang={props.lang} interviewId={props.interviewId} /> : null}
        {props.isPractice ? (
          <BigButton variant="secondary" onClick={props.onPracticeAgain} data-testid="real-interview">
            {t('applicant.finish.startReal')}
          </BigButton>
        ) : null}
        <BigButton size="xl" onClick={props.onDone} data-testid="done">
          {t('common.finishDone')}
        </BigButton>
      </div>
      <div className="finish-timer">
        <p className="center finish-countdown" role="timer" aria-live="off" data-testid="finish-countdown">
          {t('applicant.finish.autoReturn', { s: left })}
        </p>
        {isMoreTime ? null : (
          <BigButton variant="secondary" size="md" onClick={() => setSeconds(left + MORE_TIME_SECONDS)} data-testid="more-time">
            {t('keyboard.moreTime')}
          </BigButton>
        )}
      </div>
    </section>
  );
}
