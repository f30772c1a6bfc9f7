import { describe, expect, it } from 'vitest';
import { quoteInContext } from '../../../electron/services/scoring/feedback.js';

const answers = new Map([
  ['q1', '发现分错了，我会马上告诉组长，然后重新扫码核对。'],
  ['q2', 'First I would apologise, then I would check the receipt carefully with the customer and offer an exchange right away if the sole is faulty.'],
]);

describe('feedback quotes the applicant in context', () => {
  it('expands a short Chinese match to its clause', () => {
    expect(quoteInContext({ questionId: 'q1', text: '告诉' }, answers)).toBe('我会马上告诉组长');
  });
  it('cuts a long clause around the match with ellipses', () => {
    const q = quoteInContext({ questionId: 'q2', text: 'check the receipt' }, answers);
    expect(q).toContain('check the receipt');
    expect(q.length).toBeLessThanOrEqual(30);
    expect(q.startsWith('…') || q.endsWith('…')).toBe(true);
  });
  it('falls back to the phrase when the answer is not at hand', () => {
    expect(quoteInContext({ questionId: 'qX', text: '准确' }, answers)).toBe('准确');
  });
});
