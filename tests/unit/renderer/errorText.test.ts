import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors';
import { errorText } from '../../../renderer/i18n';

describe("service errors in the applicant's language", () => {
  it('known codes get their own wording in both languages', () => {
    expect(errorText('zh-CN', 'INTERNAL', 'Something went wrong on the kiosk.')).toContain('回答都已保存');
    expect(errorText('en', 'RATE_LIMITED', 'x')).toContain('wait a few minutes');
  });
  it('every code an applicant can meet has wording in zh-CN and en', () => {
    for (const code of [
      ErrorCode.Conflict,
      ErrorCode.NotFound,
      ErrorCode.InvalidInput,
      ErrorCode.Internal,
      ErrorCode.RateLimited,
      ErrorCode.ModelMissing,
      ErrorCode.DeviceMissing,
      ErrorCode.DeviceDenied,
    ]) {
      for (const lang of ['zh-CN', 'en'] as const) expect(errorText(lang, code, '__fallback__'), `${lang} ${code}`).not.toBe('__fallback__');
    }
  });
  it('unknown codes fall back to the service message', () => {
    expect(errorText('zh-CN', 'SOMETHING_NEW', 'plain message')).toBe('plain message');
    expect(errorText('en', undefined, 'plain message')).toBe('plain message');
  });
});
