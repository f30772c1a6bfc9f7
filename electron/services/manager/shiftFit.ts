import { DAYS, type AvailabilityCell, type Day, type Slot } from '../../../core/packs/packSchema.js';

/**
 * How a shift's clock times map onto the applicant's availability grid (day × slot).
 * Slots: morning 06–12, afternoon 12–18, evening 18–23, night 23–06 (into the next day).
 * A shift fits when every slot it touches is one the applicant ticked.
 */
const SLOT_RANGES: { slot: Slot; from: number; to: number; dayShift: number }[] = [
  { slot: 'night', from: 0, to: 360, dayShift: -1 }, // 00–06 belongs to the previous day's night
  { slot: 'morning', from: 360, to: 720, dayShift: 0 },
  { slot: 'afternoon', from: 720, to: 1080, dayShift: 0 },
  { slot: 'evening', from: 1080, to: 1380, dayShift: 0 },
  { slot: 'night', from: 1380, to: 1440 + 360, dayShift: 0 },
  { slot: 'morning', from: 1440 + 360, to: 1440 + 720, dayShift: 1 },
];

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** [start, end) in minutes from the shift day's midnight; an end at or before the start runs overnight. */
export function shiftSpan(start: string, end: string): [number, number] {
  const s = minutesOf(start);
  let e = minutesOf(end);
  if (e <= s) e += 1440;
  return [s, e];
}

const shiftDay = (day: Day, by: number): Day => DAYS[(DAYS.indexOf(day) + by + 7) % 7]!;

export function cellsForShift(day: Day, start: string, end: string): AvailabilityCell[] {
  const [s, e] = shiftSpan(start, end);
  const out = new Set<AvailabilityCell>();
  for (const r of SLOT_RANGES) {
    if (Math.min(e, r.to) - Math.max(s, r.from) > 0) out.add(`${shiftDay(day, r.dayShift)}-${r.slot}`);
  }
  return [...out];
}

export const fitsAvailability = (availability: readonly AvailabilityCell[], day: Day, start: string, end: string): boolean => {
  const have = new Set(availability);
  return cellsForShift(day, start, end).every((c) => have.has(c));
};

/** True when two weekly shifts overlap in time (overnight shifts spill into the next day). */
export function shiftsOverlap(a: { day: Day; start: string; end: string }, b: { day: Day; start: string; end: string }): boolean {
  const week = 7 * 1440;
  const abs = (x: { day: Day; start: string; end: string }) => {
    const [s, e] = shiftSpan(x.start, x.end);
    const base = DAYS.indexOf(x.day) * 1440;
    return [base + s, base + e] as const;
  };
  const [as, ae] = abs(a);
  const [bs, be] = abs(b);
  // Compare also with b shifted by a week either way: Sunday night runs into Monday.
  return [-week, 0, week].some((k) => Math.min(ae, be + k) - Math.max(as, bs + k) > 0);
}
