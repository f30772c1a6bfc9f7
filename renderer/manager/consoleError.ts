import { ErrorCode } from '../../core/errors';
import type { Lang } from '../../core/packs/packSchema';
import { ApiError } from '../api/client';
import { translate } from '../i18n';

/**
 * A service refusal in the console's language (issue 14, item 11): the refusal's own wording
 * when the service named it (`reason`), else the wording for its error code. The English
 * console may show the service's own sentence when neither is known (it is written for
 * managers); the Chinese console never shows English.
 */
export function consoleError(lang: Lang, e: unknown): string {
  const err = e instanceof ApiError ? e : null;
  const known = (key: string): string | null => {
    const s = translate(lang, key);
    return s === key ? null : s;
  };
  if (err?.reason) {
    const r = known(`manager.errors.reason.${err.reason}`);
    if (r) return r;
  }
  if (lang === 'en' && err?.message) return err.message;
  return known(`manager.errors.code.${err?.code ?? ErrorCode.Internal}`) ?? translate(lang, `manager.errors.code.${ErrorCode.Internal}`);
}

/** An audit action ('decision.made') or system actor ('retention') as words in the console's language. */
export function auditWords(lang: Lang, kind: 'action' | 'actor', value: string): string {
  const key = `manager.auditWords.${kind}.${value.replace(/\./g, '_')}`;
  const s = translate(lang, key);
  return s === key ? value : s;
}
