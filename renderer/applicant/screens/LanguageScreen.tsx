import type { Lang } from '../../../core/packs/packSchema';
import { BigButton } from '../../components/BigButton';
import { translate, useT } from '../../i18n';

/** Both languages on one screen, each in its own words, so nobody has to read the other one first. */
export function LanguageScreen(props: { onPick: (l: Lang) => void; onBack: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-language" data-screen="language">
      <h1 className="title-lg" lang="zh-CN">
        {translate('zh-CN', 'applicant.language.title')}
      </h1>
      <h1 className="title-lg" lang="en">
        {translate('en', 'applicant.language.title')}
      </h1>
      <div className="stack stack-wide">
        <BigButton size="xl" lang="zh-CN" onClick={() => props.onPick('zh-CN')} data-testid="lang-zh">
          {translate('zh-CN', 'applicant.language.name')}
        </BigButton>
        <BigButton size="xl" lang="en" onClick={() => props.onPick('en')} data-testid="lang-en">
          {translate('en', 'applicant.language.name')}
        </BigButton>
      </div>
      <div className="footer-actions">
        <BigButton variant="ghost" onClick={props.onBack}>
          <span aria-hidden="true">‹</span> {t('common.back')}
        </BigButton>
      </div>
    </section>
  );
}
