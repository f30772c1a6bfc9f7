import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, HEAD_OFFICE_ONLY_CODES } from '../../../core/errors';
import { translate } from '../../../renderer/i18n';
import { ApiError } from '../../../renderer/api/client';
import { auditWords, consoleError } from '../../../renderer/manager/consoleError';

const ROOT = path.resolve(__dirname, '../../..');
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
const files = sources(path.join(ROOT, 'electron/services')).map((f) => fs.readFileSync(f, 'utf8'));
/** Every audit action the kiosk writes: quoted dotted names on `action:` lines. */
const actions = [
  ...new Set(
    files.flatMap((s) =>
      s
        .split('\n')
        .filter((l) => /\baction: /.test(l))
        .flatMap((l) => [...l.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]!)),
    ),
  ),
];
/** Every refusal reason the services name. */
const reasons = [...new Set(files.flatMap((s) => [...s.matchAll(/reason: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!)))];

describe('the manager console in its own language (issue 14, item 11)', () => {
  it('finds the actions and reasons it checks', () => {
    expect(actions).toEqual(expect.arrayContaining(['decision.made', 'pin.failed', 'hearback.changed']));
    expect(reasons).toEqual(expect.arrayContaining(['pin.chooseAnother', 'user.sameName', 'hearBack.noSms']));
  });

  it('words every audit action in Chinese and English, never the code', () => {
    for (const a of actions) {
      expect(auditWords('zh-CN', 'action', a), a).not.toBe(a);
      expect(auditWords('zh-CN', 'action', a), a).toMatch(/[\u4e00-\u9fff]/);
      expect(auditWords('en', 'action', a), a).not.toBe(a);
    }
    expect(auditWords('zh-CN', 'actor', 'retention')).toBe('自动清理');
    // A person's name passes through unchanged.
    expect(auditWords('zh-CN', 'actor', '王经理')).toBe('王经理');
  });

  it('words every named refusal and every error code, in Chinese without English', () => {
    for (const r of reasons) {
      const zh = consoleError('zh-CN', new ApiError({ code: 'INVALID_INPUT', message: 'English only', reason: r }));
      expect(zh, r).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, r).not.toMatch(/[A-Za-z]{4,}/);
    }
    for (const code of Object.values(ErrorCode)) {
      if (HEAD_OFFICE_ONLY_CODES.includes(code)) continue; // answered by head office over HTTP, never to a kiosk screen
      if (code === 'UNKNOWN_CHANNEL' || code.startsWith('DATABASE') || code.startsWith('MODEL') || code.startsWith('DEVICE') || code === 'PACK_INVALID' || code === 'SIGNATURE_INVALID') continue;
      expect(translate('zh-CN', `manager.errors.code.${code}`), code).not.toBe(`manager.errors.code.${code}`);
    }
    // No reason: the Chinese console words the code; the English one keeps the service's sentence.
    const e = new ApiError({ code: 'CONFLICT', message: 'There is already a slot on 2026-05-04 at 10:00.' });
    expect(consoleError('zh-CN', e)).toBe(translate('zh-CN', 'manager.errors.code.CONFLICT'));
    expect(consoleError('en', e)).toBe('There is already a slot on 2026-05-04 at 10:00.');
    expect(consoleError('zh-CN', new ApiError({ code: 'INVALID_INPUT', message: 'x', reason: 'pin.chooseAnother' }))).toContain('请换一个密码');
  });
});
