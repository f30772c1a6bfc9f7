import { describe, expect, it } from 'vitest';
import { cellsForShift, fitsAvailability, shiftsOverlap } from '../../../electron/services/manager/shiftFit.js';

describe('shift ↔ availability grid', () => {
  it('maps clock times onto the slots they touch', () => {
    expect(cellsForShift('sat', '08:00', '12:00')).toEqual(['sat-morning']);
    expect(cellsForShift('sat', '10:00', '14:00')).toEqual(['sat-morning', 'sat-afternoon']);
    expect(cellsForShift('fri', '18:00', '23:00')).toEqual(['fri-evening']);
    // Overnight: 22:00–02:00 touches the evening and that day's night.
    expect(cellsForShift('fri', '22:00', '02:00')).toEqual(['fri-evening', 'fri-night']);
    // Before 06:00 is the previous day's night.
    expect(cellsForShift('mon', '04:00', '08:00')).toEqual(['sun-night', 'mon-morning']);
  });

  it('fits only when every touched slot was ticked', () => {
    expect(fitsAvailability(['sat-morning', 'sat-afternoon'], 'sat', '10:00', '14:00')).toBe(true);
    expect(fitsAvailability(['sat-morning'], 'sat', '10:00', '14:00')).toBe(false);
    expect(fitsAvailability([], 'sat', '10:00', '11:00')).toBe(false);
  });

  it('detects overlapping shifts, including across midnight and the week boundary', () => {
    expect(shiftsOverlap({ day: 'sat', start: '08:00', end: '14:00' }, { day: 'sat', start: '12:00', end: '18:00' })).toBe(true);
    expect(shiftsOverlap({ day: 'sat', start: '08:00', end: '12:00' }, { day: 'sat', start: '12:00', end: '18:00' })).toBe(false);
    expect(shiftsOverlap({ day: 'sat', start: '08:00', end: '12:00' }, { day: 'sun', start: '08:00', end: '12:00' })).toBe(false);
    expect(shiftsOverlap({ day: 'fri', start: '22:00', end: '06:00' }, { day: 'sat', start: '05:00', end: '09:00' })).toBe(true);
    expect(shiftsOverlap({ day: 'sun', start: '22:00', end: '06:00' }, { day: 'mon', start: '05:00', end: '09:00' })).toBe(true);
  });
});
