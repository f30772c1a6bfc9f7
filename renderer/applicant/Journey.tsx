import { useEffect, useRef, useState } from 'react';
import type { InterviewState } from '../../electron/shared/contract/interview';
import type { Lang } from '../../core/packs/packSchema';
import { ErrorCode } from '../../core/errors';
import { ApiError, invoke } from '../api/client';
import { BigButton } from '../components/BigButton';
import { Modal } from '../components/Modal';
import { TopBar } from '../components/TopBar';
import { useDoubleTapGuard } from '../components/useDoubleTapGuard';
import { clearDrafts } from './answerDrafts';
import type { ProfileDraft } from './profileLogic';
import { errorText, useT } from '../i18n';
import { DEFAULT_FACE_POLICY } from '../media/face/faceFrame';
import { useFaceAnalysis } from '../media/face/useFaceAnalysis';
import { AttractScreen } from './screens/AttractScreen';
import { DeviceCheckScreen } from './screens/DeviceCheckScreen';
import { FinishScreen } from './screens/FinishScreen';
import { FollowUpScreen } from './screens/FollowUpScreen';
import { HumanDoneScreen, HumanRequestScreen } from './screens/HumanRequestScreen';
import { DeclinedScreen, KnockoutScreen } from './screens/KnockoutScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { LookupScreen } from './screens/LookupScreen';
import { NOTICE_VERSION, NoticeScreen } from './screens/NoticeScreen';
import { OpeningsScreen, type Opening } from './screens/OpeningsScreen';
import { ProfileScreen } from './screens/ProfileScreen';
import { QuestionScreen, SavedScreen, type AnswerDraft, type QuestionView } from './screens/QuestionScreen';
import { ResumeScreen } from './screens/ResumeScreen';
import { SkillsScreen, type SkillsResponse } from './screens/SkillsScreen';
import { useSpeechAvailable } from './useSpeechAvailable';

type Phase = 'attract' | 'lookup' | 'language' | 'openings' | 'notice' | 'human' | 'humanDone' | 'resume' | 'interview' | 'declined';
export type LiveInfo = { interviewId: string | null; isAttract: boolean };

/**
 * One applicant's visit, from the attract screen to the receipt. The parent mounts a fresh
 * Journey (new React key) for every visitor, so nothing typed here can survive a reset.
 */
export function Journey(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  resumeState: InterviewState | null;
  onLive: (info: LiveInfo) => void;
  onReset: (abandon: 'idle' | 'cancelled' | null) => void;
}) {
  const t = useT();
  const { lang, onLive } = props;
  const [phase, setPhase] = useState<Phase>(props.resumeState ? 'resume' : 'attract');
  const [isPractice, setPractice] = useState(false);
  const [opening, setOpening] = useState<Opening | null>(null);
  const [state, setState] = useState<InterviewState | null>(props.resumeState);
  const [isDeviceChecked, setDeviceChecked] = useState(false);
  const [saved, setSaved] = useState<{ question: QuestionView; canRetake: boolean; isSkipped?: boolean } | null>(null);
  const [retake, setRetake] = useState<QuestionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isConfirmingStop, setConfirmingStop] = useState(false);
  const [isReadAloudOn, setReadAloudOn] = useState(false);
  // The profile as sent, so the knock-out page can offer "back" to fix a mis-tap.
  const [profileDraft, setProfileDraft] = useState<ProfileDraft | null>(null);
  const [isRevising, setRevising] = useState(false);
  // The follow-up a submission is already on its way for: a double tap sends one answer.
  const followUpSent = useRef<string | null>(null);
  const interviewId = state?.interviewId ?? null;
  const isSpeechAvailable = useSpeechAvailable(lang);
  const appRef = useRef<HTMLDivElement | null>(null);
  useDoubleTapGuard(appRef);
  // One camera session for all questions (identity continuity needs it), only with consent,
  // only from the first question until the last answer is saved.
  const isFaceOn =
    phase === 'interview' && state !== null && state.cameraConsent && isDeviceChecked && (state.next.step === 'question' || state.next.step === 'followUp' || saved !== null || retake !== null);
  const face = useFaceAnalysis({ enabled: isFaceOn, policy: DEFAULT_FACE_POLICY });

  useEffect(() => onLive({ interviewId, isAttract: phase === 'attract' }), [interviewId, phase, onLive]);

  // A fresh visitor never inherits a half-typed answer; a resumed interview keeps its own.
  useEffect(() => {
    if (!props.resumeState) clearDrafts();
  }, [props.resumeState]);
  // On resume the opening (for its title and yes/no questions) is looked up again.
  useEffect(() => {
    if (!props.resumeState) return;
    invoke('packs:list', {})
      .then((r) => setOpening(r.openings.find((o) => o.packId === props.resumeState!.packId) ?? null))
      .catch(() => undefined);
  }, [props.resumeState]);

  async function call<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      return await fn();
    } catch (e) {
      // The service says which step is open; a conflict means the screen is behind, so catch up.
      if (e instanceof ApiError && e.code === ErrorCode.Conflict && interviewId) {
        const fresh = await invoke('interview:state', { interviewId }).catch(() => null);
        if (fresh) {
          setSaved(null);
          setRetake(null);
          setState(fresh);
        }
      }
      setError(errorText(lang, e instanceof ApiError ? e.code : undefined, e instanceof Error ? e.message : String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  // One interview per "Start", however fast the taps come.
  const isStarting = useRef(false);
  const begin = async (camera: boolean, talentPool: boolean, picked: Opening | null = opening) => {
    if (!picked || isStarting.current) return;
    isStarting.current = true;
    const s = await call(() => invoke('interview:start', { packId: picked.packId, lang, isPractice, consent: { data: true, camera, talentPool, noticeVersion: NOTICE_VERSION } })).finally(() => {
      isStarting.current = false;
    });
    if (s) {
      setState(s);
      setPhase('interview');
    }
  };
  /** Declined at a knock-out: the list of openings again, in the same language (nothing carried over). */
  const toOtherJobs = () => {
    setState(null);
    setOpening(null);
    setSaved(null);
    setRetake(null);
    setDeviceChecked(false);
    setProfileDraft(null);
    followUpSent.current = null;
    setPhase('openings');
  };
  /** From the practice receipt to the real interview for the same opening: its notice and consent. */
  const startReal = () => {
    setPractice(false);
    setState(null);
    setSaved(null);
    setRetake(null);
    setDeviceChecked(false);
    followUpSent.current = null;
    setPhase('notice');
  };
  const submitAnswer = async (q: QuestionView, isRetake: boolean, a: AnswerDraft) => {
    if (!state) return;
    const faceAggregates = face.stopAnswer();
    const s = await call(() => invoke('interview:answer', { interviewId: state.interviewId, questionId: q.id, isRetake, ...a, face: faceAggregates }));
    if (s) {
      setState(s);
      setRetake(null);
      setSaved({ question: q, canRetake: !isRetake, isSkipped: a.text.trim() === '' });
    }
  };
  const submitFollowUp = async (questionId: string, a: AnswerDraft) => {
    if (!state || followUpSent.current === questionId) return;
    followUpSent.current = questionId;
    const s = await call(() => invoke('interview:followUp', { interviewId: state.interviewId, questionId, mode: a.mode, text: a.text, durationMs: a.durationMs }));
    if (s) setState(s);
    // Failed: the applicant may try again (a conflict has already brought the screen up to date).
    else followUpSent.current = null;
  };
  const submitSkills = async (testId: string, responses: SkillsResponse[]) => {
    if (!state) return;
    const s = await call(() => invoke('interview:skills', { interviewId: state.interviewId, testId, responses }));
    if (s) setState(s);
  };
  const requestHuman = async (name: string, mobile: string) => {
    const r = await call(() => invoke('interview:humanRequest', { interviewId, packId: opening?.packId ?? state?.packId ?? null, name, mobile, lang }));
    if (r) setPhase('humanDone');
  };
  const startOver = async () => {
    clearDrafts();
    if (state) await call(() => invoke('interview:abandon', { interviewId: state.interviewId, reason: 'cancelled' }));
    props.onReset(null);
  };

  const isInInterview = phase === 'interview' && state !== null;
  // The receipt screen has its own "Done"; a second way out would only confuse.
  const isOnReceipt = isInInterview && state.next.step === 'finish' && saved === null;
  const progress = progressText();
  function progressText(): string | undefined {
    if (!isInInterview || !state) return undefined;
    const shown = retake ?? saved?.question;
    const next = shown ? ({ step: 'question', question: shown } as const) : state.next;
    if (next.step === 'question' && (isDeviceChecked || retake)) return t('applicant.progress.question', { n: next.question.index + 1, total: next.question.total });
    if (next.step === 'followUp' && isDeviceChecked) return t('applicant.progress.question', { n: next.followUp.index + 1, total: next.followUp.total });
    if (next.step === 'skills') return t('applicant.progress.skills');
    return undefined;
  }

  return (
    <div className={`app ${state?.isPractice || isPractice ? 'is-practice' : ''}`} lang={lang} ref={appRef}>
      <TopBar
        lang={lang}
        onLang={props.setLang}
        isPractice={state?.isPractice ?? isPractice}
        progress={progress}
        onStop={phase === 'attract' || isOnReceipt ? undefined : () => (isInInterview ? setConfirmingStop(true) : props.onReset(null))}
      />
      <main className="main">{renderPhase()}</main>
      {error ? (
        <Modal title={t('common.error.title')} testId="error" onEscape={() => setError(null)}>
          <p className="lead">{t('common.error.text')}</p>
          <p className="muted">{error}</p>
          <BigButton onClick={() => setError(null)}>{t('common.ok')}</BigButton>
        </Modal>
      ) : null}
      {isConfirmingStop ? (
        <Modal title={t('applicant.stop.title')} testId="confirm-stop" onEscape={() => setConfirmingStop(false)}>
          <p className="lead">{t('applicant.stop.text')}</p>
          <div className="stack">
            <BigButton onClick={() => setConfirmingStop(false)} data-testid="stop-no">
              {t('applicant.stop.keepGoing')}
            </BigButton>
            <BigButton variant="danger" onClick={() => props.onReset('cancelled')} data-testid="stop-yes">
              {t('applicant.stop.confirm')}
            </BigButton>
          </div>
        </Modal>
      ) : null}
    </div>
  );

  function renderPhase() {
    switch (phase) {
      case 'attract':
        return (
          <AttractScreen
            isSpeechAvailable={isSpeechAvailable}
            onStart={() => setPhase('language')}
            onPractice={() => {
              setPractice(true);
              setPhase('language');
            }}
            onLookup={() => setPhase('lookup')}
          />
        );
      case 'lookup':
        return <LookupScreen onBack={() => props.onReset(null)} />;
      case 'language':
        return (
          <LanguageScreen
            onPick={(l) => {
              props.setLang(l);
              setPhase('openings');
            }}
            onBack={() => props.onReset(null)}
          />
        );
      case 'openings':
        return (
          <OpeningsScreen
            lang={lang}
            onPick={(o) => {
              setOpening(o);
              // Practice stores nothing, so it has nothing to consent to: straight to the questions.
              if (isPractice) void begin(false, false, o);
              else setPhase('notice');
            }}
            onBack={() => setPhase('language')}
          />
        );
      case 'notice':
        return <NoticeScreen title={opening?.title[lang] ?? ''} isBusy={isBusy} onStart={(c, pool) => void begin(c, pool)} onHuman={() => setPhase('human')} onBack={() => setPhase('openings')} />;
      case 'human':
        return <HumanRequestScreen isBusy={isBusy} onSubmit={(n, m) => void requestHuman(n, m)} onBack={() => setPhase(state ? 'declined' : 'notice')} />;
      case 'humanDone':
        return <HumanDoneScreen onDone={() => props.onReset(null)} />;
      case 'declined':
        return <DeclinedScreen onHuman={() => setPhase('human')} onOtherJobs={toOtherJobs} onDone={() => props.onReset(null)} />;
      case 'resume':
        return state ? <ResumeScreen state={state} openingTitle={opening?.title[lang] ?? null} isBusy={isBusy} onContinue={() => setPhase('interview')} onStartOver={() => void startOver()} /> : null;
      case 'interview':
        return state ? renderInterview(state) : null;
    }
  }

  function renderInterview(s: InterviewState) {
    if (saved) {
      return (
        <SavedScreen
          canRetake={saved.canRetake}
          isSkipped={saved.isSkipped}
          nextStep={s.next.step}
          onNext={() => setSaved(null)}
          onRetake={() => {
            setRetake({ ...saved.question, retakesLeft: 0 });
            setSaved(null);
          }}
        />
      );
    }
    const media = { isSpeechAvailable, selfView: face.stream, faceState: face.isAnalysing ? 'analysing' : face.status, onAnswerStart: face.startAnswer, onSpeaking: face.setSpeaking };
    if (retake)
      return (
        <QuestionScreen
          key={`${retake.id}-retake`}
          lang={lang}
          interviewId={s.interviewId}
          question={retake}
          isRetake
          isBusy={isBusy}
          {...media}
          onReadAloud={() => setReadAloudOn(true)}
          onSubmit={(a) => void submitAnswer(retake, true, a)}
        />
      );
    const next = s.next;
    switch (next.step) {
      case 'profile':
        return (
          <ProfileScreen
            lang={lang}
            confirmQuestions={opening?.confirmQuestions ?? []}
            startWithinDays={opening?.startWithinDays ?? null}
            onDraft={setProfileDraft}
            isBusy={isBusy}
            onSubmit={(profile, confirmations) => void call(() => invoke('interview:profile', { interviewId: s.interviewId, profile, confirmations })).then((r) => r && setState(r))}
          />
        );
      case 'knockout':
        if (isRevising && profileDraft) {
          return (
            <ProfileScreen
              key="revise"
              lang={lang}
              confirmQuestions={opening?.confirmQuestions ?? []}
              startWithinDays={opening?.startWithinDays ?? null}
              revising={profileDraft}
              onDraft={setProfileDraft}
              isBusy={isBusy}
              onSubmit={(profile, confirmations) =>
                void call(() => invoke('interview:profile', { interviewId: s.interviewId, profile, confirmations })).then((r) => {
                  if (!r) return;
                  setRevising(false);
                  setState(r);
                })
              }
            />
          );
        }
        return (
          <KnockoutScreen
            onBack={profileDraft ? () => setRevising(true) : undefined}
            lang={lang}
            checks={next.checks}
            isBusy={isBusy}
            onChoice={(proceed) =>
              void call(() => invoke('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed })).then((r) => {
                if (!r) return;
                setState(r);
                if (!proceed) setPhase('declined');
              })
            }
          />
        );
      case 'question':
        if (!isDeviceChecked) return <DeviceCheckScreen lang={lang} isCamera={s.cameraConsent} isSpeechAvailable={isSpeechAvailable} onDone={() => setDeviceChecked(true)} />;
        return (
          <QuestionScreen
            key={next.question.id}
            lang={lang}
            interviewId={s.interviewId}
            question={next.question}
            isRetake={false}
            isBusy={isBusy}
            {...media}
            onReadAloud={() => setReadAloudOn(true)}
            onSubmit={(a) => void submitAnswer(next.question, false, a)}
          />
        );
      case 'followUp':
        if (!isDeviceChecked) return <DeviceCheckScreen lang={lang} isCamera={s.cameraConsent} isSpeechAvailable={isSpeechAvailable} onDone={() => setDeviceChecked(true)} />;
        return (
          <FollowUpScreen
            key={`${next.followUp.questionId}-followup`}
            lang={lang}
            interviewId={s.interviewId}
            followUp={next.followUp}
            isBusy={isBusy}
            isSpeechAvailable={isSpeechAvailable}
            isReadAloudOn={isReadAloudOn}
            selfView={face.stream}
            faceState={media.faceState}
            onSpeaking={face.setSpeaking}
            onSubmit={(a) => void submitFollowUp(next.followUp.questionId, a)}
          />
        );
      case 'skills':
        return <SkillsScreen key={next.test.id} lang={lang} test={next.test} isBusy={isBusy} onSubmit={(r) => void submitSkills(next.test.id, r)} />;
      case 'finish':
        return <FinishScreen lang={lang} interviewId={s.interviewId} isPractice={s.isPractice} onDone={() => props.onReset(null)} onPracticeAgain={startReal} />;
      case 'ended':
        return next.reason === 'declined' ? <DeclinedScreen onHuman={() => setPhase('human')} onOtherJobs={toOtherJobs} onDone={() => props.onReset(null)} /> : null;
    }
  }
}
