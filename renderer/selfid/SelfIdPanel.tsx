import { useEffect, useState } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';
import { BigButton } from '../components/BigButton';
import { Modal } from '../components/Modal';
import { useT } from '../i18n';
import './selfid.css';

type Questions = OutputOf<'selfid:questions'>;

/**
 * Optional self-identification after the interview. Plainly separate from the assessment:
 * the interview is already finished and stored before this panel appears, skipping costs
 * nothing, and the answers are used only in totals for fairness checks (never for scoring).
 */
export function SelfIdPanel(props: { lang: Lang; interviewId: string }) {
  const t = useT();
  const [qs, setQs] = useState<Questions | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [state, setState] = useState<'closed' | 'open' | 'saving' | 'done' | 'skipped' | 'failed'>('closed');
  useEffect(() => {
    invoke('selfid:questions', {}).then(setQs, () => setState('skipped'));
  }, []);
  if (!qs || state === 'skipped') return null;
  if (state === 'done')
    return (
      <p className="selfid-done muted" data-testid="selfid-done">
        {t('selfid.thanks')}
      </p>
    );
  if (state === 'closed') {
    return (
      <BigButton size="md" variant="secondary" className="selfid-offer" onClick={() => setState('open')} data-testid="selfid-open">
        {t('selfid.offer')}
      </BigButton>
    );
  }
  const submit = async () => {
    setState('saving');
    try {
      await invoke('selfid:submit', { interviewId: props.interviewId, answers: answers as Partial<Record<'gender' | 'ageBand', string>> });
      setState('done');
    } catch {
      setState('failed');
    }
  };
  return (
    <Modal title={t('selfid.title')} testId="selfid" onEscape={() => setState('skipped')}>
      <div className="selfid">
        <p className="muted">{qs.explain[props.lang]}</p>
        {qs.questions.map((q) => (
          <fieldset key={q.id} className="selfid-question">
            <legend>{q.label[props.lang]}</legend>
            <div className="chips">
              {q.options.map((o) => (
                <button
                  key={o.id}
                  type="button"
                  className={`chip ${answers[q.id] === o.id ? 'chip-on' : ''}`}
                  aria-pressed={answers[q.id] === o.id}
                  onClick={() => setAnswers((a) => ({ ...a, [q.id]: o.id }))}
                >
                  {o.label[props.lang]}
                </button>
              ))}
            </div>
          </fieldset>
        ))}
        {state === 'failed' ? <p className="error">{t('selfid.failed')}</p> : null}
        <div className="row">
          <BigButton size="md" onClick={submit} disabled={state === 'saving' || Object.keys(answers).length === 0}>
            {t('selfid.submit')}
          </BigButton>
          <BigButton size="md" variant="ghost" onClick={() => setState('skipped')}>
            {t('selfid.skip')}
          </BigButton>
        </div>
      </div>
    </Modal>
  );
}
