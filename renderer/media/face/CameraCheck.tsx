import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import type { FacePolicy } from './faceFrame';
import { useFaceAnalysis } from './useFaceAnalysis';

/**
 * Device-check preview: live picture, an oval framing guide and one plain hint at a time
 * ("move a little closer"). Camera missing/declined shows "camera not used" and nothing else.
 */
export function CameraCheck(props: { enabled: boolean; policy: FacePolicy; onStatus?: (s: string) => void }) {
  const t = useT();
  const face = useFaceAnalysis({ enabled: props.enabled, policy: props.policy });
  const { onStatus } = props;
  useEffect(() => onStatus?.(face.status), [face.status, onStatus]);
  if (face.status === 'off' || face.status === 'unavailable') {
    return (
      <p className="face-not-used" data-testid="camera-not-used">
        {t('face.status.notUsed')}
      </p>
    );
  }
  const hintKey = face.status === 'starting' ? 'face.status.starting' : face.isAnalysing ? (face.hint ?? 'face.status.loadingModel') : 'face.status.loadingModel';
  return (
    <figure className="face-check" data-testid="camera-check" data-hint={face.hint ?? ''} style={{ position: 'relative', margin: 0 }}>
      <StreamVideo stream={face.stream} label={t('face.check.guide')} />
      <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}>
        <ellipse cx="50" cy="48" rx="22" ry="32" fill="none" stroke={face.hint === 'face.hint.good' ? '#2e7d32' : '#ffffff'} strokeWidth="1.2" strokeDasharray="3 2" />
      </svg>
      <figcaption role="status" aria-live="polite" style={{ textAlign: 'center', fontSize: '1.4em' }}>
        {t(hintKey)}
      </figcaption>
    </figure>
  );
}

/** A <video> showing a stream; mirrored so moving left moves the picture left. */
export function StreamVideo(props: { stream: MediaStream | null; label: string; className?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = props.stream;
    if (props.stream) void v.play().catch(() => undefined);
  }, [props.stream]);
  return <video ref={ref} muted playsInline aria-label={props.label} className={props.className} style={{ width: '100%', transform: 'scaleX(-1)', display: 'block' }} />;
}
