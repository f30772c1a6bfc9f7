import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TABLES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Looks a message up and fills {placeholders}; an unknown placeholder stays visible. */
export function translator(lang: Lang): T {
  const table = TABLES[lang];
  return (key, vars) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** A string a caller built from data (a stage name etc.) if it is one of our keys. */
export const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(en, k);
