import { ErrorCode } from '../../../core/errors';

/** Microphone failures the applicant can be told about; every one of them offers typing. */
export type MicErrorCode = typeof ErrorCode.DeviceMissing | typeof ErrorCode.DeviceDenied | typeof ErrorCode.ModelMissing | typeof ErrorCode.Internal;
export type MicError = { code: MicErrorCode; i18nKey: string; detail?: string };

const KEYS: Record<MicErrorCode, string> = {
  [ErrorCode.DeviceMissing]: 'speech.error.deviceMissing',
  [ErrorCode.DeviceDenied]: 'speech.error.deviceDenied',
  [ErrorCode.ModelMissing]: 'speech.error.modelMissing',
  [ErrorCode.Internal]: 'speech.error.internal',
};

export const micError = (code: MicErrorCode, detail?: string): MicError => ({ code, i18nKey: KEYS[code], detail });

/** getUserMedia / AudioContext exceptions → codes (DOMException names per the Media Capture spec). */
export function mapMediaError(e: unknown): MicError {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return micError(ErrorCode.DeviceDenied, name);
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'AbortError') return micError(ErrorCode.DeviceMissing, name);
  return micError(ErrorCode.Internal, name || String(e));
}

/** Errors from the speech:* calls (ApiError carries the contract's error code). */
export function mapApiError(e: unknown): MicError {
  const code = (e as { code?: string })?.code;
  if (code === ErrorCode.ModelMissing || code === ErrorCode.ModelInvalid) return micError(ErrorCode.ModelMissing, code);
  if (code === ErrorCode.DeviceMissing || code === ErrorCode.DeviceDenied) return micError(code);
  return micError(ErrorCode.Internal, code);
}
