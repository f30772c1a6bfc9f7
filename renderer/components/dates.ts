/** Local-calendar date helpers for the start-date chooser (no time zones: the kiosk's own day). */
export const isoDate = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function addDays(d: Date, n: number): Date {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  x.setDate(x.getDate() + n);
  return x;
}

/** `count` consecutive days starting `offset` days after today. */
export const upcomingDays = (today: Date, offset: number, count: number): Date[] => Array.from({ length: count }, (_, i) => addDays(today, offset + i));
