import { describe, expect, it } from 'vitest';
import { gradeSkills, parseYuanToFen } from '../../../electron/services/interview/skillsGrading.js';
import type { SkillsTest } from '../../../core/packs/packSchema.js';

const t = { 'zh-CN': '测试', en: 'test' };
describe('skills grading', () => {
  it('parcel numbers: case, spaces and full-width dashes forgiven, wrong digits not', () => {
    const test: SkillsTest = { id: 'p', kind: 'parcelNumbers', title: t, instructions: t, timeLimitSeconds: 60, items: ['SF1234567890', 'JD0012345678-1-1', 'ZTO12345'] };
    const g = gradeSkills(test, [
      { answer: 'sf 1234 5678 90', ms: 3000 },
      { answer: 'JD0012345678－1－1', ms: 4000 },
      { answer: 'ZTO12354', ms: 1000 },
    ]);
    expect(g.items.map((i) => i.isCorrect)).toEqual([true, true, false]);
    expect(g).toMatchObject({ correct: 2, total: 3, totalMs: 8000 });
  });
  it('missing responses count as wrong, not as a crash', () => {
    const test: SkillsTest = { id: 'p', kind: 'parcelNumbers', title: t, instructions: t, timeLimitSeconds: 60, items: ['AAAA1', 'BBBB2', 'CCCC3'] };
    expect(gradeSkills(test, [])).toMatchObject({ correct: 0, total: 3 });
  });
  it('make change: yuan typed in several forms', () => {
    expect(parseYuanToFen('12.5')).toBe(1250);
    expect(parseYuanToFen('12.50元')).toBe(1250);
    expect(parseYuanToFen('１２．５')).toBe(1250);
    expect(parseYuanToFen('¥3')).toBe(300);
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('1.234')).toBeNull();
    const test: SkillsTest = {
      id: 'c',
      kind: 'makeChange',
      title: t,
      instructions: t,
      timeLimitSeconds: 60,
      items: [
        { priceFen: 1750, paidFen: 2000 },
        { priceFen: 8830, paidFen: 10000 },
        { priceFen: 100, paidFen: 100 },
      ],
    };
    expect(
      gradeSkills(test, [
        { answer: '2.5', ms: 1 },
        { answer: '11.70', ms: 1 },
        { answer: '1', ms: 1 },
      ]).items.map((i) => i.isCorrect),
    ).toEqual([true, true, false]);
  });
});
