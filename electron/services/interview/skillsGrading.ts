import type { SkillsTest } from '../../../core/packs/packSchema.js';

export type SkillsResponse = { answer: string; ms: number };
export type GradedItem = { item: string; answer: string; isCorrect: boolean; ms: number };
export type SkillsGrade = { items: GradedItem[]; correct: number; total: number; totalMs: number };

/** The string form of each item as shown on screen (makeChange: "price|paid" in fen). */
export const skillsItemsForView = (test: SkillsTest): string[] => (test.kind === 'parcelNumbers' ? [...test.items] : test.items.map((i) => `${i.priceFen}|${i.paidFen}`));

const normalizeParcel = (s: string) =>
  s
    .toUpperCase()
    .replace(/[\s\u3000]/g, '')
    .replace(/[－—–]/g, '-');

/** Yuan typed by the applicant ("12.5", "12.50", "１２．５") → fen, or null if unreadable. */
export function parseYuanToFen(s: string): number | null {
  const ascii = s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[元¥￥\s]/g, '');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(ascii)) return null;
  const [yuan, fen = ''] = ascii.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

export function gradeSkills(test: SkillsTest, responses: SkillsResponse[]): SkillsGrade {
  const items: GradedItem[] = skillsItemsForView(test).map((item, i) => {
    const r = responses[i];
    const answer = r?.answer ?? '';
    let isCorrect = false;
    if (test.kind === 'parcelNumbers') isCorrect = answer !== '' && normalizeParcel(answer) === item;
    else {
      const { priceFen, paidFen } = test.items[i]!;
      isCorrect = parseYuanToFen(answer) === paidFen - priceFen;
    }
    return { item, answer, isCorrect, ms: r?.ms ?? 0 };
  });
  return { items, correct: items.filter((i) => i.isCorrect).length, total: items.length, totalMs: items.reduce((a, i) => a + i.ms, 0) };
}
