import { useEffect, useState } from 'react';

/**
 * Microphone level meter for the device check, from the browser's own analyser. It only
 * measures loudness; no sound is kept or sent anywhere.
 */
export function MicLevel(props: { label: string; unavailableText: string; onStatus?: (s: 'on' | 'unavailable') => void }) {
  const [level, setLevel] = useState(0);
  const [status, setStatus] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const { onStatus } = props;
  useEffect(() => {
    let isLive = true;
    let stream: MediaStream | null = null;
    let ctx: AudioContext | null = null;
    let raf = 0;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no microphone API');
        stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
        if (!isLive) return;
        ctx = new AudioContext();
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 1024;
        ctx.createMediaStreamSource(stream).connect(analyser);
        const buf = new Float32Array(analyser.fftSize);
        const tick = () => {
          analyser.getFloatTimeDomainData(buf);
          let sum = 0;
          for (const v of buf) sum += v * v;
          // RMS → a 0..1 bar that moves visibly for normal speech (about −40 dBFS upwards).
          const db = 20 * Math.log10(Math.sqrt(sum / buf.length) + 1e-9);
          setLevel(Math.max(0, Math.min(1, (db + 60) / 50)));
          raf = requestAnimationFrame(tick);
        };
        tick();
        setStatus('on');
        onStatus?.('on');
      } catch {
        if (!isLive) return;
        setStatus('unavailable');
        onStatus?.('unavailable');
      }
    })();
    return () => {
      isLive = false;
      cancelAnimationFrame(raf);
      stream?.getTracks().forEach((tr) => tr.stop());
      void ctx?.close();
    };
  }, [onStatus]);
  return (
    <div className="mic" data-testid="mic-level" data-status={status}>
      <span className="mic-label">{props.label}</span>
      {status === 'unavailable' ? (
        <span className="mic-msg">{props.unavailableText}</span>
      ) : (
        <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)} aria-label={props.label}>
          <div className="meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
