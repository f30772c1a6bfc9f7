import type { LocalText, Lang } from '../../core/packs/packSchema';

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
/** A countdown in minutes and seconds (5分04秒 / 5:04), not "304 s". */
export function minutesSeconds(totalSeconds: number, lang: Lang): string {
  const m = Math.floor(Math.max(0, totalSeconds) / 60);
  const ss = String(Math.max(0, totalSeconds) % 60).padStart(2, '0');
  return lang === 'zh-CN' ? (m > 0 ? `${m}分${ss}秒` : `${Number(ss)}秒`) : `${m}:${ss}`;
}
/** Lists in running text: 、 in Chinese, a comma in English. */
export const listJoin = (items: string[], lang: Lang): string => items.join(lang === 'en' ? ', ' : '、');
export const pct = (ratio: number): number => Math.round(ratio * 100);

/** A local date (YYYY-MM-DD) as people say it: 12月5日周六 / Sat 5 December. */
export function dayLabel(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { month: 'long', day: 'numeric', weekday: 'short' });
}

export function todayLocal(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
