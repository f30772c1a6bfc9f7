import { describe, expect, it } from 'vitest';
import { FaceAggregates } from '../../../electron/shared/contract/interview.js';
import { aggregateAnswer, compareSignatures, framingScore, isAttentive, mouthMovement } from '../../../renderer/media/face/aggregate.js';
import type { FaceFrame, FacePrimary } from '../../../renderer/media/face/faceFrame.js';

const SIG = [0.3, 0.31, 0.4, 0.59, 0.49, 1.62, 0.75, 0.59];
const face = (over: Partial<FacePrimary> = {}): FacePrimary => ({
  box: { cx: 0.5, cy: 0.5, w: 0.3, h: 0.4 },
  yawDeg: 2,
  pitchDeg: 1,
  mouthOpen: 0.01,
  signature: SIG,
  smile: null,
  ...over,
});
const frame = (i: number, primary: FacePrimary | null, faceCount = primary ? 1 : 0, isSpeaking = false): FaceFrame => ({ t: i * 100, faceCount, primary, isSpeaking });
const policyOff = { expressionSignals: false };

describe('aggregateAnswer', () => {
  it('computes ratios that a manager can read off the frames', () => {
    const frames = [
      frame(0, face()),
      frame(1, face()),
      frame(2, face({ yawDeg: 40 })), // looking away
      frame(3, face(), 2), // someone else in view
      frame(4, null),
    ];
    const { aggregates } = aggregateAnswer(frames, policyOff);
    expect(FaceAggregates.parse(aggregates)).toEqual(aggregates);
    expect(aggregates.framesAnalysed).toBe(5);
    expect(aggregates.facePresentRatio).toBeCloseTo(0.8);
    expect(aggregates.multiFaceRatio).toBeCloseTo(0.2);
    expect(aggregates.attentionRatio).toBeCloseTo(3 / 4);
    expect(aggregates.framingQuality).toBeCloseTo(1);
    expect(aggregates.mouthMovementWhileSpeaking).toBeNull();
    expect('smileRatio' in aggregates).toBe(false);
  });

  it('gives zeros (not NaN) and nulls for an answer with no face', () => {
    const { aggregates } = aggregateAnswer([frame(0, null), frame(1, null)], policyOff);
    expect(aggregates).toMatchObject({ facePresentRatio: 0, attentionRatio: 0, framingQuality: 0, mouthMovementWhileSpeaking: null, identityConsistency: null });
    expect(FaceAggregates.safeParse(aggregates).success).toBe(true);
    expect(aggregateAnswer([], policyOff).aggregates.framesAnalysed).toBe(0);
  });

  it('adds smileRatio only when the policy enables expression signals', () => {
    const frames = [frame(0, face({ smile: 0.8 })), frame(1, face({ smile: 0.1 })), frame(2, face({ smile: 0.6 })), frame(3, face({ smile: 0.2 }))];
    expect('smileRatio' in aggregateAnswer(frames, policyOff).aggregates).toBe(false);
    expect(aggregateAnswer(frames, { expressionSignals: true }).aggregates.smileRatio).toBeCloseTo(0.5);
  });
});

describe('attention and framing thresholds', () => {
  it('counts |yaw| < 25° and |pitch| < 20° as facing the screen', () => {
    expect(isAttentive(24, 19)).toBe(true);
    expect(isAttentive(-25, 0)).toBe(false);
    expect(isAttentive(0, -21)).toBe(false);
  });
  it('scores face size and centring', () => {
    expect(framingScore({ cx: 0.5, cy: 0.5, w: 0.3, h: 0.4 })).toBe(1);
    expect(framingScore({ cx: 0.5, cy: 0.5, w: 0.05, h: 0.1 })).toBe(0); // too far
    expect(framingScore({ cx: 0.9, cy: 0.5, w: 0.3, h: 0.4 })).toBe(0); // at the edge
    const half = framingScore({ cx: 0.5, cy: 0.5, w: 0.15, h: 0.185 });
    expect(half).toBeGreaterThan(0.3);
    expect(half).toBeLessThan(0.8);
  });
});

describe('mouthMovementWhileSpeaking', () => {
  const speaking = (gaps: number[]) => gaps.map((g, i) => frame(i, face({ mouthOpen: g }), 1, true));
  it('is high when the lips move during speech and low for a still mouth', () => {
    expect(mouthMovement(speaking([0.01, 0.12, 0.03, 0.1, 0.02, 0.01, 0.09, 0.01, 0.14, 0.05]))).toBe(1);
    expect(mouthMovement(speaking([0.2, 0.201, 0.199, 0.2, 0.202, 0.2, 0.2, 0.201, 0.2, 0.2]))).toBe(0);
  });
  it('ignores frames where nobody speaks and is null without enough speech', () => {
    const silentMoving = [0.01, 0.12, 0.03, 0.1, 0.02].map((g, i) => frame(i, face({ mouthOpen: g }), 1, false));
    expect(mouthMovement(silentMoving)).toBeNull();
    expect(mouthMovement(speaking([0.01, 0.12]))).toBeNull();
  });
});

describe('identityConsistency', () => {
  const other = SIG.map((v, i) => v * (i % 2 === 0 ? 1.25 : 0.8));
  const run = (sig: number[], n = 10) => Array.from({ length: n }, (_, i) => frame(i, face({ signature: sig })));
  it('is 1 for the same geometry across answers and drops when it changes', () => {
    const first = aggregateAnswer(run(SIG), policyOff);
    expect(first.aggregates.identityConsistency).toBeCloseTo(1);
    const same = aggregateAnswer(run(SIG.map((v) => v * 1.01)), policyOff, first.reference);
    expect(same.aggregates.identityConsistency!).toBeGreaterThan(0.9);
    const swapped = aggregateAnswer(run(other), policyOff, first.reference);
    expect(swapped.aggregates.identityConsistency!).toBeLessThan(0.1);
    // The reference stays with the first answer's face, not the newcomer's.
    expect(swapped.reference).toEqual(first.reference);
  });
  it('catches a swap in the middle of the first answer', () => {
    const frames = [...run(SIG, 6), ...run(other, 6)].map((f, i) => ({ ...f, t: i * 100 }));
    expect(aggregateAnswer(frames, policyOff).aggregates.identityConsistency!).toBeLessThan(0.1);
  });
  it('uses only near-frontal frames and is null without them', () => {
    const turned = Array.from({ length: 10 }, (_, i) => frame(i, face({ yawDeg: 30 })));
    expect(aggregateAnswer(turned, policyOff).aggregates.identityConsistency).toBeNull();
    expect(compareSignatures(SIG, [])).toBe(0);
  });
});
