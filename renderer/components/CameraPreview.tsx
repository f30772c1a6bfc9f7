import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Live self-view with an oval framing guide. Frames stay in this <video>; nothing is recorded.
 * `onStream` hands the stream to an analyser (face module) when one is present.
 */
export function CameraPreview(props: { onStatus?: (s: 'on' | 'unavailable') => void; onStream?: (s: MediaStream | null) => void; children?: ReactNode; unavailableText: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const { onStatus, onStream } = props;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let isLive = true;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: 'user' }, audio: false });
        if (!isLive) return;
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play().catch(() => undefined);
        }
        setStatus('on');
        onStatus?.('on');
        onStream?.(stream);
      } catch {
        if (!isLive) return;
        setStatus('unavailable');
        onStatus?.('unavailable');
      }
    })();
    return () => {
      isLive = false;
      onStream?.(null);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [onStatus, onStream]);
  return (
    <div className={`camera camera-${status}`} data-testid="camera-preview" data-status={status}>
      <video ref={video} muted playsInline className="camera-video" />
      <svg className="camera-guide" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
        <ellipse cx="50" cy="48" rx="22" ry="32" />
      </svg>
      {status === 'unavailable' ? <p className="camera-msg">{props.unavailableText}</p> : null}
      {props.children}
    </div>
  );
}
