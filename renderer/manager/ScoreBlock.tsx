import { useContext } from 'react';
import type { OutputOf } from '../../electron/shared/contract/index';
import type { AvailabilityCell } from '../../core/packs/packSchema';
import { DAYS, SLOTS } from '../../core/packs/packSchema';
import { LangContext, useT } from '../i18n';
import { listJoin, local } from './format';
import './explain.css';

type Detail = OutputOf<'manager:applicant'>;
type Competency = Detail['score']['competencies'][number];
type Evidence = Competency['evidence'][number];
type Contribution = Competency['contributions'][number];

const tenth = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);
const signed = (n: number): string => (n > 0 ? '+' : n < 0 ? '−' : '±') + tenth(Math.abs(n));
/** Credited good acts first, then warning signs, then what was ruled out or refused. */
const EVIDENCE_ORDER = (e: Evidence): number => (e.status === 'credited' ? (e.polarity === 'positive' ? 0 : 1) : e.status === 'avoided' ? 2 : 3);

/**
 * The assessment as a store manager reads it in 30 seconds: per competency its score and level,
 * one plain summary line, what the applicant said that counted (or worried), and the exact
 * terms the score adds up from — each answer's term leads to that answer. The printed report
 * uses this same block (without the jumps), so both say exactly the same.
 */
export function ScoreBlock(props: { score: Detail['score']; recommendation: Detail['recommendation']; onShowAnswer?: (questionId: string) => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const s = props.score;
  return (
    <div className="m-card" data-testid="score">
      <h2 className="m-h2">{t('manager.score.title')}</h2>
      {s.status !== 'scored' ? (
        <p className="m-warn" data-testid="not-scored">
          {t('manager.score.notScored')} {s.reason ? `(${s.reason})` : ''}
        </p>
      ) : (
        <>
          <p>
            <span className={`m-band m-band-${s.band ?? 'not_scored'}`}>{t(`manager.band.${s.band ?? 'not_scored'}`)}</span>{' '}
            {s.overall !== null ? t('manager.score.overall', { n: Math.round(s.overall) }) : null}
          </p>
          {s.competencies.map((c) => (
            <section key={c.id} className="m-comp" data-testid="competency" data-competency={c.id}>
              <div className="m-comp-head">
                <strong>{c.name ? local(c.name, lang) : c.id}</strong>
                <span>
                  {t('manager.score.points', { n: tenth(c.score) })}
                  {c.level !== null ? ` · ${t('manager.score.level', { n: c.level })}` : ''}
                </span>
              </div>
              <div className="m-bar">
                <span style={{ width: `${Math.max(0, Math.min(100, c.score))}%` }} />
              </div>
              {c.summary ? <p className="m-summary">{local(c.summary, lang)}</p> : null}
              {c.evidence.length ? (
                <ul className="m-evidence" data-testid="evidence">
                  {[...c.evidence]
                    .sort((a, b) => EVIDENCE_ORDER(a) - EVIDENCE_ORDER(b))
                    .map((e, i) => (
                      <EvidenceLine key={i} e={e} />
                    ))}
                </ul>
              ) : null}
              <p className="m-terms-title m-small">{t('manager.score.howAddsUp')}</p>
              <ul className="m-terms" data-testid="contributions">
                {c.contributions.map((k, i) => (
                  <Term key={i} k={k} onShowAnswer={props.onShowAnswer} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      <p className="m-muted m-small" data-testid="model-version">
        {t('manager.score.model', { v: s.modelVersion ?? '—' })} · {t('manager.score.personDecides')}
      </p>
    </div>
  );
}

/** "label — 「quote」", marked by what it means: a strength, a warning sign, ruled out, refused. */
function EvidenceLine(props: { e: Evidence }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { e } = props;
  const label = local(e.label, lang);
  const quote = t('manager.score.quote', { q: e.quote });
  if (e.status === 'credited') {
    const isGood = e.polarity === 'positive';
    return (
      <li className={isGood ? 'm-ev m-ev-good' : 'm-ev m-ev-warn'} data-kind={isGood ? 'strength' : 'warning'}>
        <span className={isGood ? 'm-tag m-tag-good' : 'm-tag m-tag-warn'}>{isGood ? `✓ ${t('manager.score.strength')}` : `⚠ ${t('manager.score.warning')}`}</span> {label} —{' '}
        <span className="m-quote">{quote}</span>
      </li>
    );
  }
  return (
    <li className="m-ev m-ev-neutral" data-kind={e.status}>
      {t(e.status === 'avoided' ? 'manager.score.avoided' : 'manager.score.negated', { label })} — <span className="m-quote">{quote}</span>
    </li>
  );
}

/** One term with its points; an answer's term leads to that answer on the page. */
function Term(props: { k: Contribution; onShowAnswer?: (questionId: string) => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const { k, onShowAnswer } = props;
  const points = <span className={`m-pts ${k.contribution < 0 ? 'm-pts-neg' : ''}`}>{signed(k.contribution)}</span>;
  const text = (
    <>
      {local(k.label, lang)}
      {k.measured ? <span className="m-muted">{t('manager.score.measured', { m: local(k.measured, lang) })}</span> : null}
      {k.evidence.slice(0, 2).map((e, j) => (
        <span key={j} className="m-quote">
          {' '}
          {t('manager.score.quote', { q: e })}
        </span>
      ))}
    </>
  );
  if (k.kind === 'answer' && k.questionId && onShowAnswer) {
    const qid = k.questionId;
    return (
      <li className={`m-term m-term-${k.kind}`}>
        <button type="button" className="m-term-link" onClick={() => onShowAnswer(qid)} title={t('manager.score.goToAnswer')} data-testid="term-answer" data-question={qid}>
          {text} {points} <span aria-hidden="true">›</span>
        </button>
      </li>
    );
  }
  return (
    <li className={`m-term m-term-${k.kind}`}>
      {text} {points}
    </li>
  );
}

/** "Sat morning, Sun afternoon …" in the console's language. */
export function AvailabilityText(props: { cells: AvailabilityCell[] }) {
  const t = useT();
  const lang = useContext(LangContext);
  const ordered = [...props.cells].sort((a, b) => {
    const [da, sa] = a.split('-') as [string, string];
    const [db, sb] = b.split('-') as [string, string];
    return DAYS.indexOf(da as never) - DAYS.indexOf(db as never) || SLOTS.indexOf(sa as never) - SLOTS.indexOf(sb as never);
  });
  if (!ordered.length) return <>—</>;
  return (
    <>
      {listJoin(
        ordered.map((c) => `${t(`common.days.${c.split('-')[0]}`)} ${t(`common.slots.${c.split('-')[1]}`)}`),
        lang,
      )}
    </>
  );
}
