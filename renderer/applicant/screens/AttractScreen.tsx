import { BigButton } from '../../components/BigButton';
import { useT } from '../../i18n';

/** `isSpeechAvailable`: a speech model for the current language is installed; otherwise only typing is promised. */
export function AttractScreen(props: { isSpeechAvailable: boolean; onStart: () => void; onPractice: () => void; onLookup: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-attract" data-screen="attract">
      <div className="attract-hero">
        <h1 className="title-xl">{t('applicant.attract.title')}</h1>
        <p className="lead" data-testid="attract-lead">
          {t('applicant.attract.lead', { how: t(props.isSpeechAvailable ? 'applicant.attract.howSpeak' : 'applicant.attract.howType') })}
        </p>
      </div>
      <div className="stack stack-wide">
        <BigButton size="xl" onClick={props.onStart} data-testid="start">
          {t('applicant.attract.start')}
        </BigButton>
        <BigButton size="lg" variant="secondary" onClick={props.onPractice} data-testid="practice">
          {t('applicant.attract.practice')}
        </BigButton>
        <BigButton size="lg" variant="secondary" onClick={props.onLookup} data-testid="lookup">
          {t('applicant.attract.lookup')}
        </BigButton>
      </div>
      <p className="muted center">{t('applicant.attract.privacy')}</p>
    </section>
  );
}
