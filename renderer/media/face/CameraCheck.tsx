import { useEffect, useRef, useState, type RefObject } from 'react';
import { useT } from '../../i18n';
import type { FaceBox, FacePolicy } from './faceFrame';
import { ovalOnView, TARGET_OVAL } from './guideOval';
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
    <figure className="face-check" data-testid="camera-check" data-hint={face.hint ?? ''} style={{ margin: 0 }}>
      <GuideOverVideo stream={face.stream} label={t('face.check.guide')} box={face.isAnalysing ? face.box : null} isGood={face.hint === 'face.hint.good'} />
      <figcaption role="status" aria-live="polite" style={{ textAlign: 'center', fontSize: '1.4em' }}>
        {t(hintKey)}
      </figcaption>
    </figure>
  );
}

/**
 * The preview with the guide drawn over the picture only (not over the caption): around the
 * face it found, or as the target in the middle while there is none.
 */
function GuideOverVideo(props: { stream: MediaStream | null; label: string; box: FaceBox | null; isGood: boolean }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [view, setView] = useState<{ w: number; h: number; vw: number; vh: number } | null>(null);
  useEffect(() => {
    const v = videoRef.current;
    if (!v) return undefined;
    const measure = () => (v.videoWidth && v.clientWidth ? setView({ w: v.clientWidth, h: v.clientHeight, vw: v.videoWidth, vh: v.videoHeight }) : undefined);
    measure();
    v.addEventListener('loadedmetadata', measure);
    v.addEventListener('resize', measure);
    const ro = new ResizeObserver(measure);
    ro.observe(v);
    return () => {
      v.removeEventListener('loadedmetadata', measure);
      v.removeEventListener('resize', measure);
      ro.disconnect();
    };
  }, []);
  const oval = props.box && view ? ovalOnView(props.box, { w: view.vw, h: view.vh }, { w: view.w, h: view.h }, true) : TARGET_OVAL;
  const isOnFace = props.box !== null && view !== null;
  return (
    <div style={{ position: 'relative' }}>
      <StreamVideo stream={props.stream} label={props.label} videoRef={videoRef} />
      <svg
        viewBox="0 0 100 100"
        preserveAspectRatio="none"
        aria-hidden="true"
        style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
        data-testid="face-guide"
        data-on-face={isOnFace ? 'yes' : 'no'}
      >
        <ellipse
          cx={oval.cx * 100}
          cy={oval.cy * 100}
          rx={oval.rx * 100}
          ry={oval.ry * 100}
          fill="none"
          stroke={isOnFace && props.isGood ? '#2e7d32' : '#ffffff'}
          strokeWidth="4"
          strokeDasharray={isOnFace ? undefined : '12 8'}
          vectorEffect="non-scaling-stroke"
          data-testid="face-oval"
        />
      </svg>
    </div>
  );
}

/** A <video> showing a stream; mirrored so moving left moves the picture left. */
export function StreamVideo(props: { stream: MediaStream | null; label: string; className?: string; videoRef?: RefObject<HTMLVideoElement | null> }) {
  const own = useRef<HTMLVideoElement>(null);
  const ref = props.videoRef ?? own;
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = props.stream;
    if (props.stream) void v.play().catch(() => undefined);
  }, [props.stream]);
  return <video ref={ref} muted playsInline aria-label={props.label} className={props.className} style={{ width: '100%', transform: 'scaleX(-1)', display: 'block' }} />;
}
