import { createContext, useContext } from 'react';
import type { Lang } from '../../core/packs/packSchema';

/**
 * UI strings live in renderer/i18n/locales/<lang>/<namespace>.json (never inline).
 * Keys are "<namespace>.<key path>", e.g. t('applicant.attract.title'). Every file is picked
 * up automatically; a test checks that zh-CN and en define the same keys.
 */
const files = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

type Dict = Record<string, string>;
const dicts: Record<Lang, Dict> = { 'zh-CN': {}, en: {} };

function flatten(prefix: string, obj: Record<string, unknown>, into: Dict) {
  for (const [k, v] of Object.entries(obj)) {
    const key = `${prefix}.${k}`;
    if (v && typeof v === 'object') flatten(key, v as Record<string, unknown>, into);
    else into[key] = String(v);
  }
}
for (const [file, content] of Object.entries(files)) {
  const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!m) continue;
  const lang = m[1] as Lang;
  if (lang in dicts) flatten(m[2]!, content, dicts[lang]);
}

export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const s = dicts[lang][key] ?? dicts['en'][key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : s;
}

/**
 * A service error in the reader's language: known codes have their own wording (the service's
 * English message is for logs and staff); unknown codes fall back to the message itself.
 */
export function errorText(lang: Lang, code: string | undefined, message: string): string {
  const key = `common.errors.${code ?? ''}`;
  return dicts[lang][key] ?? message;
}

export const LangContext = createContext<Lang>('zh-CN');
export function useT(): TFunction {
  const lang = useContext(LangContext);
  return (key, vars) => translate(lang, key, vars);
}
export const allKeys = (lang: Lang): string[] => Object.keys(dicts[lang]).sort();
