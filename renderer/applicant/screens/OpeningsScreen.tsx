import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../electron/shared/contract/index';
import type { Lang } from '../../../core/packs/packSchema';
import { invoke } from '../../api/client';
import { BigButton } from '../../components/BigButton';
import { useT } from '../../i18n';
import { fenToYuan } from '../profileLogic';

export type Opening = OutputOf<'packs:list'>['openings'][number];

export function OpeningsScreen(props: { lang: Lang; onPick: (o: Opening) => void; onBack: () => void }) {
  const t = useT();
  const [openings, setOpenings] = useState<Opening[] | null>(null);
  const [isFailed, setFailed] = useState(false);
  useEffect(() => {
    let isLive = true;
    invoke('packs:list', {})
      .then((r) => isLive && setOpenings(r.openings))
      .catch(() => isLive && setFailed(true));
    return () => {
      isLive = false;
    };
  }, []);
  return (
    <section className="screen screen-openings" data-screen="openings">
      <h1 className="title-lg">{t('applicant.openings.title')}</h1>
      <p className="lead">{t('applicant.openings.lead')}</p>
      {isFailed ? <p className="notice notice-warn">{t('applicant.openings.failed')}</p> : null}
      {openings && openings.length === 0 ? <p className="notice notice-warn">{t('applicant.openings.none')}</p> : null}
      {openings === null && !isFailed ? <p className="muted">{t('common.loading')}</p> : null}
      <div className="cards">
        {openings?.map((o) => (
          <button key={o.packId} type="button" className="card opening" onClick={() => props.onPick(o)} data-testid={`opening-${o.packId}`}>
            <span className="opening-title">{o.title[props.lang]}</span>
            <span className="opening-desc">{o.description[props.lang]}</span>
            <span className="opening-facts">
              {o.hourlyWageFen ? <span className="fact">{t('applicant.openings.wage', { min: fenToYuan(o.hourlyWageFen.min), max: fenToYuan(o.hourlyWageFen.max) })}</span> : null}
              <span className="fact">{t('applicant.openings.minutes', { n: o.estimatedMinutes })}</span>
              <span className="fact">{t('applicant.openings.questions', { n: o.questionCount })}</span>
              {o.hasSkillsTest ? <span className="badge badge-skills">{t('applicant.openings.skillsBadge')}</span> : null}
            </span>
          </button>
        ))}
      </div>
      <div className="footer-actions">
        <BigButton variant="ghost" onClick={props.onBack}>
          <span aria-hidden="true">‹</span> {t('common.back')}
        </BigButton>
      </div>
    </section>
  );
}
