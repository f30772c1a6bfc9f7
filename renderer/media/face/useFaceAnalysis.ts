import { useCallback, useEffect, useRef, useState } from 'react';
import type { FaceAggregates } from '../../../electron/shared/contract/interview';
import { openCamera } from './camera';
import { createFaceAnalyzer, type FaceAnalyzer } from './faceAnalyzer';
import type { FaceBox, FacePolicy } from './faceFrame';
import { meanBox } from './guideOval';
import { framingHint, type FramingHint } from './framingHints';

/**
 * The interview screens' face analysis. `enabled` is the applicant's camera consent; when it
 * is false, or the camera is missing/denied, status is 'off'/'unavailable', stopAnswer()
 * returns null and the screens show "camera not used" — no retries, no nagging, no penalty.
 * Pass `stream` to analyse a stream another component already opened (e.g. CameraPreview).
 * Only stopAnswer()'s aggregates are meant to leave the renderer.
 */
export type CameraStatus = 'off' | 'starting' | 'on' | 'unavailable';

export type FaceAnalysis = {
  status: CameraStatus;
  stream: MediaStream | null;
  /** Whether the face model is loaded (aggregates are produced only then). */
  isAnalysing: boolean;
  hint: FramingHint | null;
  /** The face found in the last few frames (fractions of the camera frame), for the guide oval; null when none. */
  box: FaceBox | null;
  startAnswer: () => void;
  stopAnswer: () => FaceAggregates | null;
  /** Feed the mic's speech flag (for mouth movement while speaking). */
  setSpeaking: (isSpeaking: boolean) => void;
};

export function useFaceAnalysis(opts: { enabled: boolean; policy: FacePolicy; stream?: MediaStream | null }): FaceAnalysis {
  const { enabled, policy } = opts;
  const external = opts.stream;
  const [status, setStatus] = useState<CameraStatus>(enabled ? 'starting' : 'off');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [isAnalysing, setAnalysing] = useState(false);
  const [hint, setHint] = useState<FramingHint | null>(null);
  const [box, setBox] = useState<FaceBox | null>(null);
  const analyzer = useRef<FaceAnalyzer | null>(null);
  const expressionSignals = policy.expressionSignals;

  // Camera: an external stream wins; otherwise open our own and close it on unmount.
  useEffect(() => {
    if (!enabled) {
      setStatus('off');
      setStream(null);
      return undefined;
    }
    if (external !== undefined) {
      setStream(external);
      setStatus(external ? 'on' : 'starting');
      return undefined;
    }
    let isLive = true;
    let own: MediaStream | null = null;
    setStatus('starting');
    void openCamera().then((r) => {
      if (r.status === 'on') {
        if (!isLive) return r.stream.getTracks().forEach((t) => t.stop());
        own = r.stream;
        setStream(r.stream);
        setStatus('on');
      } else if (isLive) setStatus('unavailable');
    });
    return () => {
      isLive = false;
      own?.getTracks().forEach((t) => t.stop());
      setStream(null);
    };
  }, [enabled, external]);

  // Analyser on a hidden <video> of the same stream; torn down with the stream.
  useEffect(() => {
    if (!stream) return undefined;
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    void video.play().catch(() => undefined);
    let lastHint: FramingHint | null = null;
    let lastBox: FaceBox | null = null;
    const a = createFaceAnalyzer({
      policy: { expressionSignals },
      onFrame: () => {
        const recent = a.recentFrames();
        const h = framingHint(recent);
        if (h !== lastHint) setHint((lastHint = h));
        // The guide follows the face: re-render only when it moved noticeably.
        const b = meanBox(recent.slice(-5).flatMap((f) => (f.primary ? [f.primary.box] : [])));
        if (!b !== !lastBox || (b && lastBox && Math.max(Math.abs(b.cx - lastBox.cx), Math.abs(b.cy - lastBox.cy), Math.abs(b.w - lastBox.w), Math.abs(b.h - lastBox.h)) > 0.01)) setBox((lastBox = b));
      },
    });
    analyzer.current = a;
    let isLive = true;
    a.ready().then(
      () => {
        if (!isLive) return;
        setAnalysing(true);
        a.attach(video);
      },
      () => {
        // Model failed to load: keep the preview, report "camera not used" for scoring.
        if (isLive) setAnalysing(false);
      },
    );
    return () => {
      isLive = false;
      a.dispose();
      analyzer.current = null;
      video.srcObject = null;
      setAnalysing(false);
      setHint(null);
    };
  }, [stream, expressionSignals]);

  const startAnswer = useCallback(() => analyzer.current?.startAnswer(), []);
  const stopAnswer = useCallback((): FaceAggregates | null => {
    const r = analyzer.current?.stopAnswer() ?? null;
    return r && r.frames > 0 ? r.aggregates : null;
  }, []);
  const setSpeaking = useCallback((v: boolean) => analyzer.current?.setSpeaking(v), []);
  return { status, stream, isAnalysing, hint, box, startAnswer, stopAnswer, setSpeaking };
}
