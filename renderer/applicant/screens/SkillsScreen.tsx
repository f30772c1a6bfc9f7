import { useRef, useState } from 'react';
import type { InterviewStep } from '../../../electron/shared/contract/interview';
import type { Lang } from '../../../core/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { CountdownRing } from '../../components/CountdownRing';
import { Keypad } from '../../components/Keypad';
import { useCountdown } from '../../components/useCountdown';
import { useT } from '../../i18n';
import { MORE_TIME_OFFER_AT, MORE_TIME_SECONDS } from '../AnswerArea';
import { fenToYuan } from '../profileLogic';

type SkillsTest = Extract<InterviewStep, { step: 'skills' }>['test'];
export type SkillsResponse = { answer: string; ms: number };

const MAX_INPUT = 24;

/**
 * The job's short practical test, typed on big on-screen keys. When time runs out, what was
 * answered so far is sent; the rest counts as unanswered (never a crash, never a redo). Near the
 * end the applicant may ask once for MORE_TIME_SECONDS more, as for typed answers.
 */
export function SkillsScreen(props: { lang: Lang; test: SkillsTest; isBusy: boolean; onSubmit: (responses: SkillsResponse[]) => void }) {
  const t = useT();
  const test = props.test;
  const [phase, setPhase] = useState<'intro' | 'run'>('intro');
  const [index, setIndex] = useState(0);
  const [input, setInput] = useState('');
  const responses = useRef<SkillsResponse[]>([]);
  const itemStart = useRef(0);
  const isSent = useRef(false);

  const send = () => {
    if (isSent.current) return;
    isSent.current = true;
    const all = test.items.map((_, i) => responses.current[i] ?? { answer: '', ms: 0 });
    props.onSubmit(all);
  };
  // "More time", once: the countdown restarts from what was left plus a minute (so nothing is lost).
  const [runSeconds, setRunSeconds] = useState(test.timeLimitSeconds);
  const isMoreTime = runSeconds !== test.timeLimitSeconds;
  const left = useCountdown(runSeconds, phase === 'run', send);
  const isMoreTimeOffered = !isMoreTime && left > 0 && left <= MORE_TIME_OFFER_AT;

  const begin = () => {
    itemStart.current = Date.now();
    setPhase('run');
  };
  const nextItem = () => {
    responses.current[index] = { answer: input.trim(), ms: Math.max(0, Date.now() - itemStart.current) };
    setInput('');
    itemStart.current = Date.now();
    if (index + 1 >= test.items.length) send();
    else setIndex(index + 1);
  };

  if (phase === 'intro') {
    return (
      <section className="screen screen-skills" data-screen="skills-intro">
        <h1 className="title-lg">{test.title[props.lang]}</h1>
        <p className="lead">{test.instructions[props.lang]}</p>
        <p className="notice">{t('applicant.skills.intro', { n: test.items.length, s: test.timeLimitSeconds })}</p>
        <div className="footer-actions">
          <BigButton size="xl" onClick={begin} data-testid="skills-start">
            {t('applicant.skills.start')}
          </BigButton>
        </div>
      </section>
    );
  }

  const item = test.items[index] ?? '';
  const [priceFen, paidFen] = item.split('|').map(Number);
  const isParcel = test.kind === 'parcelNumbers';
  return (
    <section className={`screen screen-skills skills-${test.kind}`} data-screen="skills" data-item={index}>
      <div className="skills-top">
        <p className="muted">{t('applicant.skills.itemOf', { n: index + 1, total: test.items.length })}</p>
        <CountdownRing total={Math.max(test.timeLimitSeconds, runSeconds)} left={left} label={t('applicant.skills.timeLeft')} size={140} testId="skills-ring" />
        {isMoreTimeOffered ? (
          <BigButton variant="secondary" size="md" onClick={() => setRunSeconds(left + MORE_TIME_SECONDS)} data-testid="more-time">
            {t('keyboard.moreTime')}
          </BigButton>
        ) : null}
      </div>
      {isParcel ? (
        <div className="skills-prompt">
          <p className="lead">{t('applicant.skills.parcelPrompt')}</p>
          <p className="parcel-label" data-testid="skills-item">
            {item}
          </p>
        </div>
      ) : (
        <div className="skills-prompt">
          <p className="change-line">{t('applicant.skills.price', { yuan: fenToYuan(priceFen ?? 0) })}</p>
          <p className="change-line">{t('applicant.skills.paid', { yuan: fenToYuan(paidFen ?? 0) })}</p>
          <p className="lead">{t('applicant.skills.changePrompt')}</p>
        </div>
      )}
      <div className="skills-input" data-testid="skills-input" aria-live="polite">
        {isParcel ? '' : '¥ '}
        {input || <span className="placeholder">{t('applicant.skills.inputPlaceholder')}</span>}
      </div>
      <Keypad
        layout={isParcel ? 'alnum' : 'decimal'}
        onKey={(k) => setInput((v) => (v.length < MAX_INPUT ? v + k : v))}
        onBackspace={() => setInput((v) => v.slice(0, -1))}
        testId="skills-keypad"
        acceptTyping
        onEnter={props.isBusy || input.trim() === '' ? undefined : nextItem}
      />
      <div className="footer-actions">
        {/* Not knowing is allowed, but said out loud: an empty answer is never sent by accident. */}
        <BigButton variant="ghost" disabled={props.isBusy} onClick={nextItem} data-testid="skills-skip">
          {t('applicant.skills.skip')}
        </BigButton>
        <BigButton size="xl" disabled={props.isBusy || input.trim() === ''} onClick={nextItem} data-testid="skills-next">
          {index + 1 >= test.items.length ? t('applicant.skills.done') : t('common.next')}
        </BigButton>
      </div>
    </section>
  );
}
