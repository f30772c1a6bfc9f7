import type { LocalText, Lang } from '../../electron/shared/packs/packSchema';

/** Small display helpers shared by the console pages (kiosk local time). */
export const local = (text: LocalText | null | undefined, lang: Lang): string => (text ? text[lang] : '—');

export function time(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function dateTime(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export const seconds = (ms: number): string => `${Math.round(ms / 1000)}`;
/** Lists in running text: 、 in Chinese, a comma in English. */
export const listJoin = (items: string[], lang: Lang): string => items.join(lang === 'en' ? ', ' : '、');
export const pct = (ratio: number): number => Math.round(ratio * 100);

export function todayLocal(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
