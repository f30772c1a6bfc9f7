import { todayLocal } from './format';

const WEEKDAY = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;
export type ShiftDay = keyof typeof WEEKDAY;

/**
 * The first work day to offer for a shift: the first date that is no earlier than tomorrow and
 * the applicant's earliest start, and falls on the shift's weekday (local dates, YYYY-MM-DD).
 */
export function firstWorkDay(earliestStart: string | null, day: ShiftDay, today: Date = new Date()): string {
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const m = earliestStart ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(earliestStart) : null;
  const earliest = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : tomorrow;
  const d = earliest > tomorrow ? earliest : tomorrow;
  const ahead = (WEEKDAY[day] - d.getDay() + 7) % 7;
  return todayLocal(new Date(d.getFullYear(), d.getMonth(), d.getDate() + ahead));
}
