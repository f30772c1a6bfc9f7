import type { Lang } from '../../core/packs/packSchema';
import { useT } from '../i18n';

/**
 * The strip at the top of every applicant screen: practice label, progress, the language
 * switch one tap away, and a way to stop. The manager's long-press corner sits over its left end.
 */
export function TopBar(props: { lang: Lang; onLang: (l: Lang) => void; isPractice: boolean; progress?: string; onStop?: () => void }) {
  const t = useT();
  const other: Lang = props.lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <header className="topbar">
      <div className="topbar-left">
        {props.isPractice ? (
          <span className="badge badge-practice" data-testid="practice-badge">
            {t('common.practiceBadge')}
          </span>
        ) : null}
        {props.progress ? <span className="topbar-progress">{props.progress}</span> : null}
      </div>
      <div className="topbar-right">
        <button type="button" className="btn btn-ghost btn-md lang-toggle" lang={other} onClick={() => props.onLang(other)} data-testid="lang-toggle">
          {t(`common.langSwitch.${other}`)}
        </button>
        {props.onStop ? (
          <button type="button" className="btn btn-ghost btn-md" onClick={props.onStop} data-testid="stop">
            {t('common.stop')}
          </button>
        ) : null}
      </div>
    </header>
  );
}
