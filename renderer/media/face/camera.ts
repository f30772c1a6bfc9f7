/**
 * Opens the kiosk camera. Missing, denied or failing cameras all resolve to 'unavailable':
 * the interview carries on without face features ("camera not used"), never as an error.
 */
export type CameraResult = { status: 'on'; stream: MediaStream } | { status: 'unavailable'; reason: 'missing' | 'denied' | 'failed' };

export async function openCamera(): Promise<CameraResult> {
  if (!navigator.mediaDevices?.getUserMedia) return { status: 'unavailable', reason: 'missing' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: 'user' }, audio: false });
    return { status: 'on', stream };
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return { status: 'unavailable', reason: 'denied' };
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return { status: 'unavailable', reason: 'missing' };
    return { status: 'unavailable', reason: 'failed' };
  }
}
