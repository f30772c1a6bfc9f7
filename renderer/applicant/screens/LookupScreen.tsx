import { BigButton } from '../../components/BigButton';
import { useT } from '../../i18n';

/** "Check my result": hosts the result look-up from renderer/lookup/. */
export function LookupScreen(props: { onBack: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-center" data-screen="lookup">
      <h1 className="title-lg">{t('applicant.lookup.title')}</h1>
      <p className="lead">{t('applicant.lookup.unavailable')}</p>
      <BigButton size="xl" onClick={props.onBack} data-testid="back">
        ‹ {t('common.back')}
      </BigButton>
    </section>
  );
}
