import { describe, expect, it } from 'vitest';
import { hashPin, isWeakPin, verifyPin } from '../../../core/auth/pinHash.js';
import { recommendationFor, reviewStatus } from '../../../electron/services/manager/reviewState.js';

const cheap = { logN: 10, r: 8, p: 1 };

describe('PIN hashing', () => {
  it('verifies the right PIN only, with a fresh salt each time', () => {
    const a = hashPin('246810', cheap);
    const b = hashPin('246810', cheap);
    expect(a).not.toBe(b);
    expect(verifyPin('246810', a)).toBe(true);
    expect(verifyPin('246811', a)).toBe(false);
    const i = a.length - 6;
    expect(verifyPin('246810', a.slice(0, i) + (a[i] === 'A' ? 'B' : 'A') + a.slice(i + 1))).toBe(false);
    expect(verifyPin('246810', 'plain:246810')).toBe(false);
  });

  it('treats repeated and consecutive digits as weak', () => {
    for (const p of ['000000', '123456', '987654', '1111111']) expect(isWeakPin(p), p).toBe(true);
    for (const p of ['246810', '975318', '120394']) expect(isWeakPin(p), p).toBe(false);
  });
});

describe('review status', () => {
  it('follows decision, schedule and pool', () => {
    expect(reviewStatus('in_progress', null, false, false)).toBe('in_progress');
    expect(reviewStatus('finished', null, false, false)).toBe('awaiting');
    expect(reviewStatus('finished', 'pass', false, false)).toBe('passed');
    expect(reviewStatus('finished', 'pass', true, false)).toBe('scheduled');
    expect(reviewStatus('finished', 'fail', false, true)).toBe('pool');
    expect(reviewStatus('finished', 'fail', false, false)).toBe('not_selected');
    expect(reviewStatus('finished', 'hold', false, false)).toBe('hold');
    expect(reviewStatus('abandoned', null, false, false)).toBe('abandoned');
  });
  it('maps bands to recommendations; no score means no recommendation', () => {
    expect([recommendationFor('recommend'), recommendationFor('borderline'), recommendationFor('not_recommended'), recommendationFor(null)]).toEqual(['pass', 'hold', 'fail', null]);
  });
});
