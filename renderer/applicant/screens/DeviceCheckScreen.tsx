import { BigButton } from '../../components/BigButton';
import { CameraPreview } from '../../components/CameraPreview';
import { MicLevel } from '../../components/MicLevel';
import { useT } from '../../i18n';

/**
 * Mic and camera check before the first question. Whatever fails here, the applicant can go on
 * and type: nothing on this screen blocks the interview.
 */
export function DeviceCheckScreen(props: { isCamera: boolean; isSpeechAvailable: boolean; onDone: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-device" data-screen="device">
      <h1 className="title-lg">{t('applicant.device.title')}</h1>
      <p className="lead">{props.isSpeechAvailable ? t('applicant.device.leadSpeech') : t('applicant.device.leadTyping')}</p>
      <div className="device-panels">
        {props.isSpeechAvailable ? (
          <div className="panel">
            <MicLevel label={t('applicant.device.micLabel')} unavailableText={t('applicant.device.micUnavailable')} />
            <p className="muted">{t('applicant.device.micHelp')}</p>
          </div>
        ) : (
          <div className="panel" data-testid="typing-note">
            <p className="title-sm">{t('applicant.device.typingTitle')}</p>
            <p>{t('applicant.device.typingText')}</p>
          </div>
        )}
        {props.isCamera ? (
          <div className="panel">
            <CameraPreview unavailableText={t('applicant.device.cameraUnavailable')} />
            <p className="muted">{t('applicant.device.cameraHelp')}</p>
          </div>
        ) : (
          <div className="panel" data-testid="camera-off-note">
            <p className="title-sm">{t('applicant.device.cameraOffTitle')}</p>
            <p>{t('applicant.device.cameraOffText')}</p>
          </div>
        )}
      </div>
      <div className="footer-actions">
        <BigButton size="xl" onClick={props.onDone} data-testid="device-done">
          {t('applicant.device.ready')}
        </BigButton>
      </div>
    </section>
  );
}
