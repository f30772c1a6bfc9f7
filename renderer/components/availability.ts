import { DAYS, SLOTS, type AvailabilityCell, type Day, type Slot } from '../../core/packs/packSchema';

/** Pure helpers for the weekly availability grid (7 days × 4 parts of the day). */
export const cellOf = (day: Day, slot: Slot): AvailabilityCell => `${day}-${slot}`;

/** Cells in a stable day-then-slot order, so stored profiles compare and read predictably. */
export function sortCells(cells: Iterable<AvailabilityCell>): AvailabilityCell[] {
  const set = new Set(cells);
  return DAYS.flatMap((d) => SLOTS.map((s) => cellOf(d, s))).filter((c) => set.has(c));
}

export function toggleCell(cells: readonly AvailabilityCell[], cell: AvailabilityCell): AvailabilityCell[] {
  return cells.includes(cell) ? cells.filter((c) => c !== cell) : sortCells([...cells, cell]);
}

/** Tapping a day's name: if the whole day is already ticked, clear it; otherwise tick all of it. */
export function toggleDay(cells: readonly AvailabilityCell[], day: Day): AvailabilityCell[] {
  const dayCells = SLOTS.map((s) => cellOf(day, s));
  const isFull = dayCells.every((c) => cells.includes(c));
  return isFull ? cells.filter((c) => !dayCells.includes(c)) : sortCells([...cells, ...dayCells]);
}
