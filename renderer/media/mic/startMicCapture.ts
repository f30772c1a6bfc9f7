import { ErrorCode } from '../../../core/errors';
import { mapMediaError, micError, type MicError } from './micErrors';
import workletUrl from './pcmWorklet.ts?worker&url';

export type MicCapture = { stop(): void; readonly sampleRate: number };
export type MicCaptureOptions = {
  /** 100 ms of 16 kHz s16 mono. */
  onFrame(pcm: Int16Array): void;
  /** RMS 0..1 per frame, for the level meter. */
  onLevel?(rms: number): void;
  /** The microphone went away mid-capture (unplugged, permission revoked). */
  onEnded?(err: MicError): void;
};

/**
 * Opens the microphone with Chromium's echo cancellation, noise suppression and gain control,
 * and streams 16 kHz frames from an AudioWorklet. Rejects with a MicError (DEVICE_MISSING /
 * DEVICE_DENIED) the UI turns into a plain message plus the typing option.
 */
export async function startMicCapture(opts: MicCaptureOptions): Promise<MicCapture> {
  if (!navigator.mediaDevices?.getUserMedia) throw micError(ErrorCode.DeviceMissing, 'no mediaDevices');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
  } catch (e) {
    throw mapMediaError(e);
  }
  const ctx = new AudioContext();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stream.getTracks().forEach((t) => t.stop());
    void ctx.close();
  };
  try {
    await ctx.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(ctx, 'kiosk-pcm16k', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = (m: MessageEvent<{ pcm: Int16Array; rms: number }>) => {
      if (stopped) return;
      opts.onFrame(m.data.pcm);
      opts.onLevel?.(m.data.rms);
    };
    ctx.createMediaStreamSource(stream).connect(node);
    if (ctx.state === 'suspended') await ctx.resume();
  } catch (e) {
    stop();
    throw micError(ErrorCode.Internal, (e as Error)?.message);
  }
  for (const track of stream.getAudioTracks()) {
    track.addEventListener('ended', () => {
      if (stopped) return;
      stop();
      opts.onEnded?.(micError(ErrorCode.DeviceMissing, 'track ended'));
    });
  }
  return { stop, sampleRate: ctx.sampleRate };
}

/** s16 PCM → base64 for speech:audio. */
export function pcmToBase64(pcm: Int16Array | Uint8Array): string {
  const bytes = pcm instanceof Uint8Array ? pcm : new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
