import { describe, expect, it } from 'vitest';
import { firstWorkDay } from '../../../renderer/manager/firstWorkDay';

// Tuesday 1 December 2026, local time.
const TODAY = new Date(2026, 11, 1, 15, 0);

describe('first work day offered for a shift', () => {
  it('is the first date on the shift weekday from tomorrow when the applicant can start at once', () => {
    expect(firstWorkDay(null, 'wed', TODAY)).toBe('2026-12-02');
    expect(firstWorkDay('2026-12-01', 'sat', TODAY)).toBe('2026-12-05');
    expect(firstWorkDay(null, 'tue', TODAY)).toBe('2026-12-08'); // not today
  });
  it('is never before the earliest start, and falls on the shift weekday', () => {
    expect(firstWorkDay('2026-12-10', 'sat', TODAY)).toBe('2026-12-12');
    expect(firstWorkDay('2026-12-12', 'sat', TODAY)).toBe('2026-12-12');
    expect(firstWorkDay('2026-12-31', 'fri', TODAY)).toBe('2027-01-01');
  });
});
