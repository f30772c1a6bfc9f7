import { describe, expect, it } from 'vitest';
import { evaluateKnockouts } from '../../../electron/services/interview/knockouts.js';
import type { KnockoutRule } from '../../../core/packs/packSchema.js';

const explain = { 'zh-CN': '说明', en: 'why' };
const rules: KnockoutRule[] = [
  { id: 'weekend', kind: 'availability', requireDays: ['sat', 'sun'], explain },
  { id: 'evenings', kind: 'availability', requireDays: [], requireSlots: { slot: 'evening', minCount: 2 }, explain },
  { id: 'age', kind: 'confirm', question: explain, explain },
  { id: 'start', kind: 'earliestStart', withinDays: 14, explain },
];
const today = new Date('2026-11-23T10:00:00Z');
const run = (availability: string[], earliestStart: string, confirmations: Record<string, boolean>) =>
  Object.fromEntries(evaluateKnockouts({ knockouts: rules }, { availability: availability as never, earliestStart }, confirmations, today).map((r) => [r.ruleId, r.passed]));

describe('evaluateKnockouts', () => {
  it('passes an applicant who meets every rule', () => {
    expect(run(['sat-morning', 'sun-evening', 'fri-evening'], '2026-12-07', { age: true })).toEqual({ weekend: true, evenings: true, age: true, start: true });
  });
  it('needs every required day and enough slots', () => {
    expect(run(['sat-morning', 'sat-evening', 'mon-evening'], '2026-11-23', { age: true })).toMatchObject({ weekend: false, evenings: true });
    expect(run(['sat-evening', 'sun-morning'], '2026-11-23', { age: true })).toMatchObject({ weekend: true, evenings: false });
  });
  it('treats an unanswered confirm question as no', () => {
    expect(run([], '2026-11-23', {})).toMatchObject({ age: false });
    expect(run([], '2026-11-23', { age: false })).toMatchObject({ age: false });
  });
  it('earliest start: day 14 passes, day 15 does not, garbage does not', () => {
    expect(run([], '2026-12-07', {}).start).toBe(true);
    expect(run([], '2026-12-08', {}).start).toBe(false);
    expect(run([], 'soon', {}).start).toBe(false);
  });
});
