import { useRef, useState } from 'react';
import type { Profile } from '../../../electron/shared/contract/interview';
import type { Lang, LocalText } from '../../../core/packs/packSchema';
import { AvailabilityGrid } from '../../components/AvailabilityGrid';
import { BigButton } from '../../components/BigButton';
import { Chips } from '../../components/Chips';
import { DateChooser } from '../../components/DateChooser';
import { OnScreenKeyboard, type KeyboardMode } from '../../components/keyboard/OnScreenKeyboard';
import { useT } from '../../i18n';
import { MobileField } from '../MobileField';
import { emptyDraft, INDUSTRIES, PROFILE_STEPS, stepProblems, toggleIndustry, toProfile, type ProfileDraft, type ProfileStep } from '../profileLogic';

type ConfirmQuestion = { ruleId: string; question: LocalText };
const NAME_KEYBOARD: readonly KeyboardMode[] = ['pinyin', 'english'];

/**
 * The profile, one small page at a time (a long form scares people who rarely use screens).
 * The pack's yes/no knock-out questions come last; nothing is sent until the final page.
 */
export function ProfileScreen(props: {
  lang: Lang;
  confirmQuestions: ConfirmQuestion[];
  /** The opening's "start within N days" rule, said on the date page. */
  startWithinDays?: number | null;
  /** Coming back from the knock-out page to fix a mis-tap: the answers given, on the last page. */
  revising?: ProfileDraft | null;
  /** The answers as sent (kept by the journey for that way back). */
  onDraft?: (draft: ProfileDraft) => void;
  isBusy: boolean;
  onSubmit: (profile: Profile, confirmations: Record<string, boolean>) => void;
}) {
  const t = useT();
  const steps = PROFILE_STEPS.filter((s) => s !== 'confirm' || props.confirmQuestions.length > 0);
  const [stepIndex, setStepIndex] = useState(props.revising ? steps.length - 1 : 0);
  const [draft, setDraft] = useState<ProfileDraft>(props.revising ?? emptyDraft);
  const [isTried, setTried] = useState(false);
  const nameField = useRef<HTMLInputElement | null>(null);
  const step: ProfileStep = steps[stepIndex]!;
  const confirmIds = props.confirmQuestions.map((q) => q.ruleId);
  const problems = stepProblems(step, draft, confirmIds);
  const update = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const isLast = stepIndex === steps.length - 1;

  const next = () => {
    setTried(true);
    if (problems.length > 0) return;
    setTried(false);
    if (isLast) {
      props.onDraft?.(draft);
      props.onSubmit(toProfile(draft), draft.confirmations);
    } else setStepIndex((i) => i + 1);
  };

  return (
    <section className={`screen screen-profile profile-${step}`} data-screen={`profile-${step}`}>
      <p className="step-dots" aria-label={t('applicant.profile.stepOf', { n: stepIndex + 1, total: steps.length })}>
        {t('applicant.profile.stepOf', { n: stepIndex + 1, total: steps.length })}
      </p>
      <h1 className="title-lg">{t(`applicant.profile.${step}.title`)}</h1>
      <p className="lead">{t(`applicant.profile.${step}.lead`)}</p>
      <div className="form scroll">
        {step === 'contact' ? (
          <>
            <div className="field">
              <label className="field-label" htmlFor="name">
                {t('applicant.profile.name')}
              </label>
              <input
                id="name"
                className={`input ${isTried && draft.name.trim() === '' ? 'input-bad' : ''}`}
                autoComplete="off"
                maxLength={60}
                value={draft.name}
                ref={nameField}
                onChange={(e) => update({ name: e.target.value })}
                data-testid="name"
              />
              {isTried && draft.name.trim() === '' ? <p className="field-msg field-msg-bad">{t('applicant.profile.problems.name')}</p> : null}
              <OnScreenKeyboard
                value={draft.name}
                onChange={(name) => update({ name })}
                target={nameField}
                modes={NAME_KEYBOARD}
                initialMode={props.lang === 'zh-CN' ? 'pinyin' : 'english'}
                maxLength={60}
                testId="name-keyboard"
              />
            </div>
            <MobileField value={draft.mobile} onChange={(mobile) => update({ mobile })} isShowingProblems={isTried} />
          </>
        ) : null}
        {step === 'availability' ? <AvailabilityGrid value={draft.availability} onChange={(availability) => update({ availability })} /> : null}
        {step === 'experience' ? (
          <>
            <h2 className="title-sm">{t('applicant.profile.industries')}</h2>
            <Chips
              label={t('applicant.profile.industries')}
              options={INDUSTRIES.map((v) => ({ value: v, label: t(`common.industries.${v}`) }))}
              selected={draft.industries}
              onToggle={(v) => update({ industries: toggleIndustry(draft.industries, v) })}
            />
            <div className="field">
              <label className="field-label" htmlFor="wage">
                {t('applicant.profile.wage')}
              </label>
              <div className="wage-row">
                <span className="wage-unit">¥</span>
                <input id="wage" className="input input-wage" inputMode="decimal" maxLength={7} value={draft.wage} onChange={(e) => update({ wage: e.target.value })} data-testid="wage" />
                <span className="wage-unit">{t('applicant.profile.perHour')}</span>
              </div>
              <p className="field-msg">{t('applicant.profile.wageHelp')}</p>
            </div>
          </>
        ) : null}
        {step === 'start' && props.startWithinDays ? (
          <p className="notice" data-testid="start-within">
            {t('applicant.profile.startWithin', { n: props.startWithinDays })}
          </p>
        ) : null}
        {step === 'start' ? <DateChooser value={draft.earliestStart} onChange={(earliestStart) => update({ earliestStart })} /> : null}
        {step === 'confirm'
          ? props.confirmQuestions.map((q) => (
              <div key={q.ruleId} className="yesno" data-rule={q.ruleId} role="group" aria-labelledby={`yesno-${q.ruleId}`}>
                <p className="yesno-q" id={`yesno-${q.ruleId}`}>
                  {q.question[props.lang]}
                </p>
                <div className="yesno-buttons">
                  {[true, false].map((v) => (
                    <button
                      key={String(v)}
                      type="button"
                      className={`btn btn-lg ${draft.confirmations[q.ruleId] === v ? 'btn-primary' : 'btn-secondary'}`}
                      aria-pressed={draft.confirmations[q.ruleId] === v}
                      onClick={() => update({ confirmations: { ...draft.confirmations, [q.ruleId]: v } })}
                      data-testid={`confirm-${q.ruleId}-${v ? 'yes' : 'no'}`}
                    >
                      {t(v ? 'common.yes' : 'common.no')}
                    </button>
                  ))}
                </div>
              </div>
            ))
          : null}
      </div>
      {isTried && problems.length > 0 && step !== 'contact' ? (
        <p className="field-msg field-msg-bad center" role="alert">
          {problems.map((p) => t(p)).join(' ')}
        </p>
      ) : null}
      <div className="footer-actions">
        {stepIndex > 0 ? (
          <BigButton variant="ghost" onClick={() => setStepIndex((i) => i - 1)}>
            <span aria-hidden="true">‹</span> {t('common.back')}
          </BigButton>
        ) : null}
        <BigButton disabled={props.isBusy} onClick={next} data-testid="next">
          {isLast ? t('applicant.profile.save') : t('common.next')}
        </BigButton>
      </div>
    </section>
  );
}
