/** Microphone failures the applicant can be told about; every one of them offers typing. */
export type MicErrorCode = 'DEVICE_MISSING' | 'DEVICE_DENIED' | 'MODEL_MISSING' | 'INTERNAL';
export type MicError = { code: MicErrorCode; i18nKey: string; detail?: string };

const KEYS: Record<MicErrorCode, string> = {
  DEVICE_MISSING: 'speech.error.deviceMissing',
  DEVICE_DENIED: 'speech.error.deviceDenied',
  MODEL_MISSING: 'speech.error.modelMissing',
  INTERNAL: 'speech.error.internal',
};

export const micError = (code: MicErrorCode, detail?: string): MicError => ({ code, i18nKey: KEYS[code], detail });

/** getUserMedia / AudioContext exceptions → codes (DOMException names per the Media Capture spec). */
export function mapMediaError(e: unknown): MicError {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return micError('DEVICE_DENIED', name);
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'AbortError') return micError('DEVICE_MISSING', name);
  return micError('INTERNAL', name || String(e));
}

/** Errors from the speech:* calls (ApiError carries the contract's error code). */
export function mapApiError(e: unknown): MicError {
  const code = (e as { code?: string })?.code;
  if (code === 'MODEL_MISSING' || code === 'MODEL_INVALID') return micError('MODEL_MISSING', code);
  if (code === 'DEVICE_MISSING' || code === 'DEVICE_DENIED') return micError(code);
  return micError('INTERNAL', code);
}
