import type { FaceAggregates } from '../../../electron/shared/contract/interview.js';
import type { FaceBox, FaceFrame, FacePolicy } from './faceFrame.js';

/**
 * Per-frame summaries → one answer's FaceAggregates. Pure: no DOM, no clock.
 *
 * Definitions (what a store manager sees):
 * - facePresentRatio: analysed frames with at least one face / all analysed frames.
 * - multiFaceRatio: frames with two or more faces / all analysed frames.
 * - attentionRatio: of the frames with a face, those where the main face points at the screen:
 *   |yaw| < 25° and |pitch| < 20° (head pose from the facial transformation matrix).
 * - framingQuality: mean per-frame framing score over frames with a face (0 when none):
 *   size score (face-box height 25–60 % of the frame = 1, ramps to 0 at 12 % and 85 %)
 *   × centring score (box centre within 10 % of the frame centre = 1, 0 beyond 35 %).
 * - mouthMovementWhileSpeaking: the speaking frames (mic heard speech, face present) are cut
 *   into windows of 5 consecutive frames (~0.5 s at 10 fps); a window counts as moving when
 *   the inner-lip gap varies by more than 0.04 outer-eye-distances. Ratio of moving windows;
 *   null with fewer than 5 such frames. Low values mean the voice may not be the person on
 *   camera; it is a prompt for a human to look, never a verdict.
 * - identityConsistency: see compareSignatures(); null without enough frontal frames.
 * - smileRatio (only when the policy enables expression signals): frames with a face whose
 *   mouth-smile blendshapes average ≥ 0.5. Never interpreted or labelled as an emotion.
 */
export const FACE_THRESHOLDS = {
  maxYawDeg: 25,
  maxPitchDeg: 20,
  sizeIdealMin: 0.25,
  sizeIdealMax: 0.6,
  sizeZeroBelow: 0.12,
  sizeZeroAbove: 0.85,
  centreIdeal: 0.1,
  centreZero: 0.35,
  mouthWindow: 5,
  mouthMoveDelta: 0.04,
  smileScore: 0.5,
  /** Signatures use only near-frontal frames: pose skews 2-D ratios. */
  signatureMaxYawDeg: 15,
  signatureMaxPitchDeg: 15,
  signatureMinFrames: 3,
  /** Mean relative difference between two signatures at which consistency reaches 0. */
  identityTolerance: 0.2,
} as const;

const T = FACE_THRESHOLDS;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : Number.isFinite(v) ? v : 0);
const ramp = (v: number, zero: number, one: number) => clamp01((v - zero) / (one - zero));

export const isAttentive = (yawDeg: number, pitchDeg: number): boolean => Math.abs(yawDeg) < T.maxYawDeg && Math.abs(pitchDeg) < T.maxPitchDeg;

export function sizeScore(box: FaceBox): number {
  if (box.h < T.sizeIdealMin) return ramp(box.h, T.sizeZeroBelow, T.sizeIdealMin);
  if (box.h > T.sizeIdealMax) return ramp(box.h, T.sizeZeroAbove, T.sizeIdealMax);
  return 1;
}

export const centreOffset = (box: FaceBox): number => Math.max(Math.abs(box.cx - 0.5), Math.abs(box.cy - 0.5));

export function framingScore(box: FaceBox): number {
  return sizeScore(box) * ramp(centreOffset(box), T.centreZero, T.centreIdeal);
}

export function mouthMovement(frames: FaceFrame[]): number | null {
  const openings = frames.filter((f) => f.isSpeaking && f.primary).map((f) => f.primary!.mouthOpen);
  const windows = Math.floor(openings.length / T.mouthWindow);
  if (windows === 0) return null;
  let moving = 0;
  for (let w = 0; w < windows; w++) {
    const slice = openings.slice(w * T.mouthWindow, (w + 1) * T.mouthWindow);
    if (Math.max(...slice) - Math.min(...slice) > T.mouthMoveDelta) moving++;
  }
  return moving / windows;
}

/** Component-wise median of the signatures of near-frontal frames, or null if too few. */
export function signatureOf(frames: FaceFrame[]): number[] | null {
  const sigs = frames
    .filter((f) => f.primary && f.primary.signature.length > 0 && Math.abs(f.primary.yawDeg) < T.signatureMaxYawDeg && Math.abs(f.primary.pitchDeg) < T.signatureMaxPitchDeg)
    .map((f) => f.primary!.signature);
  if (sigs.length < T.signatureMinFrames) return null;
  const n = sigs[0]!.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const col = sigs.map((s) => s[i]!).sort((a, b) => a - b);
    out.push(col[Math.floor(col.length / 2)]!);
  }
  return out;
}

/** 1 = same landmark geometry, 0 = differs by ≥ identityTolerance on average. */
export function compareSignatures(a: number[], b: number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!) / Math.max(1e-6, (a[i]! + b[i]!) / 2);
  return clamp01(1 - sum / a.length / T.identityTolerance);
}

/**
 * Identity continuity for one answer. The reference is the signature of the first answer (or,
 * for the first answer, its own first half): each half of this answer is compared with it and
 * the lower similarity wins, so a swap mid-answer shows up too.
 */
export function identityFor(frames: FaceFrame[], reference: number[] | null): { consistency: number | null; reference: number[] | null } {
  const whole = signatureOf(frames);
  if (!whole) return { consistency: null, reference };
  const mid = Math.floor(frames.length / 2);
  const halves = [signatureOf(frames.slice(0, mid)), signatureOf(frames.slice(mid))].filter((s): s is number[] => s !== null);
  const ref = reference ?? halves[0] ?? whole;
  const compared = halves.length > 0 ? halves : [whole];
  const consistency = Math.min(...compared.map((s) => compareSignatures(ref, s)));
  return { consistency, reference: reference ?? whole };
}

export type AnswerResult = { aggregates: FaceAggregates; reference: number[] | null };

/**
 * One answer's aggregates. `reference` carries identity across answers of one interview;
 * pass the returned reference into the next call. Nothing else is kept.
 */
export function aggregateAnswer(frames: FaceFrame[], policy: FacePolicy, reference: number[] | null = null): AnswerResult {
  const n = frames.length;
  const present = frames.filter((f) => f.faceCount >= 1 && f.primary);
  const ratio = (k: number, of: number) => (of > 0 ? clamp01(k / of) : 0);
  const attentive = present.filter((f) => isAttentive(f.primary!.yawDeg, f.primary!.pitchDeg)).length;
  const framing = present.length > 0 ? present.reduce((s, f) => s + framingScore(f.primary!.box), 0) / present.length : 0;
  const id = identityFor(frames, reference);
  const aggregates: FaceAggregates = {
    framesAnalysed: n,
    facePresentRatio: ratio(present.length, n),
    multiFaceRatio: ratio(frames.filter((f) => f.faceCount >= 2).length, n),
    attentionRatio: ratio(attentive, present.length),
    framingQuality: clamp01(framing),
    mouthMovementWhileSpeaking: mouthMovement(frames),
    identityConsistency: id.consistency,
  };
  if (policy.expressionSignals) {
    const scored = present.filter((f) => f.primary!.smile !== null);
    aggregates.smileRatio = scored.length > 0 ? ratio(scored.filter((f) => f.primary!.smile! >= T.smileScore).length, scored.length) : null;
  }
  return { aggregates, reference: id.reference };
}
