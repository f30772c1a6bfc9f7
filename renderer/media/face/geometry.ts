import type { FaceBox, FacePrimary } from './faceFrame.js';

/**
 * Pure geometry over MediaPipe FaceLandmarker output (478-point mesh). Runs inside the worker
 * so that only the small FacePrimary summary crosses to the main thread.
 */
export type Landmark = { x: number; y: number; z: number };
export type MatrixLike = { rows: number; columns: number; data: number[] };

/** Mesh indices used here (MediaPipe canonical face mesh). */
export const LM = {
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeInner: 362,
  leftEyeOuter: 263,
  noseBridge: 168,
  noseTip: 1,
  subnasale: 2,
  noseRight: 98,
  noseLeft: 327,
  upperInnerLip: 13,
  lowerInnerLip: 14,
  rightCheek: 234,
  leftCheek: 454,
  forehead: 10,
} as const;

type P3 = [number, number, number];
const toPx = (l: Landmark, w: number, h: number): P3 => [l.x * w, l.y * h, l.z * w];
const dist = (a: P3, b: P3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * Head pose from the 4×4 facial transformation matrix (canonical face → camera). The face's
 * forward axis is the rotation's third column; yaw is its left/right lean, pitch its up/down
 * lean. MediaPipe's JS API flattens the matrix column-major (translation in data[12..14]);
 * verified with real detections, whose translation z is about -30..-60 (cm in front).
 */
export function headPose(m: MatrixLike): { yawDeg: number; pitchDeg: number } {
  const d = m.data;
  if (d.length < 16) return { yawDeg: NaN, pitchDeg: NaN };
  // Column-major: element (row r, col c) is d[c*4 + r]. Third column = d[8], d[9], d[10].
  const fx = d[8]!;
  const fy = d[9]!;
  const fz = d[10]!;
  const yawDeg = (Math.atan2(fx, fz) * 180) / Math.PI;
  const pitchDeg = (Math.atan2(-fy, Math.hypot(fx, fz)) * 180) / Math.PI;
  return { yawDeg, pitchDeg };
}

/** Bounding box of all landmarks, as fractions of the frame. */
export function faceBox(lms: Landmark[]): FaceBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const l of lms) {
    if (l.x < minX) minX = l.x;
    if (l.x > maxX) maxX = l.x;
    if (l.y < minY) minY = l.y;
    if (l.y > maxY) maxY = l.y;
  }
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  minX = clamp(minX);
  maxX = clamp(maxX);
  minY = clamp(minY);
  maxY = clamp(maxY);
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, w: maxX - minX, h: maxY - minY };
}

/**
 * Scale-free ratios between points that do not move with speech or expression (eye corners,
 * nose, cheek contour), each divided by the outer eye-corner distance. Comparing them over
 * time says "same face geometry or not"; it identifies nobody.
 */
export function geometrySignature(lms: Landmark[], w: number, h: number): number[] {
  const p = (i: number) => toPx(lms[i]!, w, h);
  const iod = dist(p(LM.rightEyeOuter), p(LM.leftEyeOuter));
  if (!(iod > 0)) return [];
  const eyeMid: P3 = p(LM.rightEyeOuter).map((v, i) => (v + p(LM.leftEyeOuter)[i]!) / 2) as P3;
  return [
    dist(p(LM.rightEyeOuter), p(LM.rightEyeInner)) / iod,
    dist(p(LM.leftEyeInner), p(LM.leftEyeOuter)) / iod,
    dist(p(LM.rightEyeInner), p(LM.leftEyeInner)) / iod,
    dist(p(LM.noseBridge), p(LM.subnasale)) / iod,
    dist(p(LM.noseRight), p(LM.noseLeft)) / iod,
    dist(p(LM.rightCheek), p(LM.leftCheek)) / iod,
    dist(eyeMid, p(LM.noseTip)) / iod,
    dist(p(LM.forehead), p(LM.noseBridge)) / iod,
  ];
}

/** Inner-lip gap relative to the outer eye-corner distance: 0 closed, ~0.3+ wide open. */
export function mouthOpening(lms: Landmark[], w: number, h: number): number {
  const p = (i: number) => toPx(lms[i]!, w, h);
  const iod = dist(p(LM.rightEyeOuter), p(LM.leftEyeOuter));
  return iod > 0 ? dist(p(LM.upperInnerLip), p(LM.lowerInnerLip)) / iod : 0;
}

export type Blendshapes = { categories: { categoryName: string; score: number }[] };

export type LandmarkerOutput = {
  faceLandmarks: Landmark[][];
  facialTransformationMatrixes?: MatrixLike[];
  faceBlendshapes?: Blendshapes[];
};

/** Reduces one FaceLandmarker result to the main face's summary (the largest box). */
export function summariseResult(r: LandmarkerOutput, width: number, height: number, wantSmile: boolean): { faceCount: number; primary: FacePrimary | null } {
  const faces = r.faceLandmarks.filter((f) => f.length >= 468);
  if (faces.length === 0) return { faceCount: 0, primary: null };
  let best = 0;
  let bestArea = -1;
  faces.forEach((f, i) => {
    const b = faceBox(f);
    if (b.w * b.h > bestArea) {
      bestArea = b.w * b.h;
      best = i;
    }
  });
  const lms = faces[best]!;
  const matrix = r.facialTransformationMatrixes?.[best];
  const pose = matrix ? headPose(matrix) : { yawDeg: NaN, pitchDeg: NaN };
  let smile: number | null = null;
  if (wantSmile) {
    const cats = r.faceBlendshapes?.[best]?.categories ?? [];
    const score = (n: string) => cats.find((c) => c.categoryName === n)?.score;
    const l = score('mouthSmileLeft');
    const rr = score('mouthSmileRight');
    smile = l !== undefined && rr !== undefined ? (l + rr) / 2 : null;
  }
  return {
    faceCount: faces.length,
    primary: {
      box: faceBox(lms),
      yawDeg: pose.yawDeg,
      pitchDeg: pose.pitchDeg,
      mouthOpen: mouthOpening(lms, width, height),
      signature: geometrySignature(lms, width, height),
      smile,
    },
  };
}
