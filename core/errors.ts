/**
 * Every error that crosses the contract carries one of these codes. Messages are written for
 * the person in front of the kiosk (applicant or store manager): what happened, what to do.
 */
export const ErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  Unauthorized: 'UNAUTHORIZED',
  LockedOut: 'LOCKED_OUT',
  RateLimited: 'RATE_LIMITED',
  PackInvalid: 'PACK_INVALID',
  DatabaseNewer: 'DATABASE_NEWER',
  DatabaseCorrupt: 'DATABASE_CORRUPT',
  DatabaseKey: 'DATABASE_KEY',
  DatabaseMissing: 'DATABASE_MISSING',
  ModelMissing: 'MODEL_MISSING',
  ModelInvalid: 'MODEL_INVALID',
  DeviceMissing: 'DEVICE_MISSING',
  DeviceDenied: 'DEVICE_DENIED',
  SyncFailed: 'SYNC_FAILED',
  SignatureInvalid: 'SIGNATURE_INVALID',
  /** The store's head office does not send results by SMS (or the kiosk is not enrolled). */
  SmsUnavailable: 'SMS_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * `reason` names one specific refusal (e.g. 'pin.chooseAnother') so a screen can word it in its
 * own language; the English message stays for logs, the CLI and screens without that wording.
 */
export class KioskError extends Error {
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; reason?: string }) {
    super(message, options);
    this.code = code;
    this.reason = options?.reason;
    this.name = 'KioskError';
  }
}

export const isKioskError = (e: unknown): e is KioskError => e instanceof KioskError;

export type ErrorPayload = { code: ErrorCode; message: string; reason?: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
