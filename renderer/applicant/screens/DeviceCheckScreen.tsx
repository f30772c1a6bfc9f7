import { useEffect } from 'react';
import type { Lang } from '../../../core/packs/packSchema';
import { invoke } from '../../api/client';
import { BigButton } from '../../components/BigButton';
import { MicLevel } from '../../components/MicLevel';
import { useT } from '../../i18n';
import { CameraCheck } from '../../media/face/CameraCheck';
import { DEFAULT_FACE_POLICY } from '../../media/face/faceFrame';

/**
 * Mic and camera check before the first question. Whatever fails here, the applicant can go on
 * and type: nothing on this screen blocks the interview.
 */
export function DeviceCheckScreen(props: { lang: Lang; isCamera: boolean; isSpeechAvailable: boolean; onDone: () => void }) {
  const t = useT();
  const { lang, isSpeechAvailable } = props;
  // Load the speech model while the applicant looks at this screen, so the first answer starts at once.
  useEffect(() => {
    if (isSpeechAvailable) void invoke('speech:prepare', { lang }).catch(() => undefined);
  }, [lang, isSpeechAvailable]);
  return (
    <section className="screen screen-device" data-screen="device">
      <h1 className="title-lg">{t('applicant.device.title')}</h1>
      <p className="lead">{props.isSpeechAvailable ? t('applicant.device.leadSpeech') : t('applicant.device.leadTyping')}</p>
      <div className="device-panels">
        {props.isSpeechAvailable ? (
          <div className="panel">
            <MicLevel label={t('applicant.device.micLabel')} unavailableText={t('applicant.device.micUnavailable')} />
            <p className="muted">{t('applicant.device.micHelp')}</p>
            <p className="muted">{t('applicant.device.typingText')}</p>
          </div>
        ) : (
          <div className="panel" data-testid="typing-note">
            <p className="title-sm">{t('applicant.device.typingTitle')}</p>
            <p>{t('applicant.device.typingText')}</p>
          </div>
        )}
        {props.isCamera ? (
          <div className="panel panel-camera">
            <CameraCheck enabled policy={DEFAULT_FACE_POLICY} />
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
