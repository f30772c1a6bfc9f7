/**
 * The one error vocabulary of the kiosk, the sync protocol and head office. Every error that
 * crosses the kiosk's contract, and every `{ code, message }` body head office answers over
 * HTTP, carries one of these codes. Messages are written for whoever meets them (applicant,
 * store manager, HR system): what happened, what to do.
 *
 * The values are on the wire — kiosks in the field and HR systems read them (docs/sync.md,
 * headoffice/openapi.ts): never change or reuse one; add a new code instead. Each value is its
 * key in UPPER_SNAKE_CASE (tests/unit/errors/errorCodes.test.ts).
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

  // Head office over HTTP (sync protocol, HR API, outcomes). Head office also answers
  // UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, SIGNATURE_INVALID and INTERNAL above.
  /** A request head office cannot read (wrong shape, missing field, wrong content type). */
  BadRequest: 'BAD_REQUEST',
  /** An HR admin action the state does not allow (the message says why). */
  Refused: 'REFUSED',
  /** An API token past its expiry. */
  TokenExpired: 'TOKEN_EXPIRED',
  /** An API token sent in the URL instead of the Authorization header. */
  TokenInQuery: 'TOKEN_IN_QUERY',
  /** An enrollment code that is unknown, used or expired. */
  EnrollmentRefused: 'ENROLLMENT_REFUSED',
  /** A batch or signed request from a kiosk id head office never enrolled. */
  UnknownKiosk: 'UNKNOWN_KIOSK',
  /** A kiosk revoked at head office: its batches and signed requests are refused. */
  KioskRevoked: 'KIOSK_REVOKED',
  /** A batch whose bytes do not match the checksum it was sent with (damaged in transit; the kiosk retries). */
  BodyIncomplete: 'BODY_INCOMPLETE',
  /** A batch that does not decode, or whose records do not match its headers. */
  BatchInvalid: 'BATCH_INVALID',
  /** A batch number already received with other content (a kiosk database restored from a backup). */
  SeqConflict: 'SEQ_CONFLICT',
  /** A batch holding a record kind or version head office cannot read yet (the kiosk keeps it and retries). */
  RecordVersionUnknown: 'RECORD_VERSION_UNKNOWN',
  /** Outcome rows with problems: nothing was recorded (the body lists the rows). */
  OutcomesInvalid: 'OUTCOMES_INVALID',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The codes head office puts in its HTTP error bodies, as documented in docs/sync.md,
 * docs/fairness.md and headoffice/openapi.ts. Kiosks and HR systems act on them.
 */
export const HEAD_OFFICE_CODES = [
  ErrorCode.BadRequest,
  ErrorCode.Unauthorized,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.Refused,
  ErrorCode.RateLimited,
  ErrorCode.SignatureInvalid,
  ErrorCode.TokenExpired,
  ErrorCode.TokenInQuery,
  ErrorCode.EnrollmentRefused,
  ErrorCode.UnknownKiosk,
  ErrorCode.KioskRevoked,
  ErrorCode.BodyIncomplete,
  ErrorCode.BatchInvalid,
  ErrorCode.SeqConflict,
  ErrorCode.RecordVersionUnknown,
  ErrorCode.OutcomesInvalid,
  ErrorCode.Internal,
] as const satisfies readonly ErrorCode[];

/** Codes only head office answers: a kiosk's screens never meet them as a service error. */
export const HEAD_OFFICE_ONLY_CODES: readonly ErrorCode[] = [
  ErrorCode.BadRequest,
  ErrorCode.Refused,
  ErrorCode.TokenExpired,
  ErrorCode.TokenInQuery,
  ErrorCode.EnrollmentRefused,
  ErrorCode.UnknownKiosk,
  ErrorCode.KioskRevoked,
  ErrorCode.BodyIncomplete,
  ErrorCode.BatchInvalid,
  ErrorCode.SeqConflict,
  ErrorCode.RecordVersionUnknown,
  ErrorCode.OutcomesInvalid,
];

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
