import { describe, expect, it } from 'vitest';
import { LM, faceBox, geometrySignature, headPose, mouthOpening, summariseResult, type Landmark } from '../../../renderer/media/face/geometry.js';

/** Column-major 4×4 (MediaPipe's layout) for a head turned by yaw about y, then pitch about x. */
function matrix(yawDeg: number, pitchDeg: number): { rows: number; columns: number; data: number[] } {
  const y = (yawDeg * Math.PI) / 180;
  const p = (pitchDeg * Math.PI) / 180;
  // R = Ry(y) · Rx(p); third column = R · (0,0,1).
  const r = [
    [Math.cos(y), Math.sin(y) * Math.sin(p), Math.sin(y) * Math.cos(p)],
    [0, Math.cos(p), -Math.sin(p)],
    [-Math.sin(y), Math.cos(y) * Math.sin(p), Math.cos(y) * Math.cos(p)],
  ];
  const data: number[] = [];
  for (let c = 0; c < 4; c++) for (let row = 0; row < 4; row++) data.push(c < 3 && row < 3 ? r[row]![c]! : c === 3 ? [2, 19, -60, 1][row]! : 0);
  return { rows: 4, columns: 4, data };
}

/** A synthetic 478-point face: all points at the centre except the ones the code reads. */
function mesh(over: Partial<Record<keyof typeof LM, [number, number]>> = {}): Landmark[] {
  const pts: Landmark[] = Array.from({ length: 478 }, () => ({ x: 0.5, y: 0.5, z: 0 }));
  const base: Record<keyof typeof LM, [number, number]> = {
    rightEyeOuter: [0.4, 0.4],
    rightEyeInner: [0.46, 0.4],
    leftEyeInner: [0.54, 0.4],
    leftEyeOuter: [0.6, 0.4],
    noseBridge: [0.5, 0.4],
    noseTip: [0.5, 0.5],
    subnasale: [0.5, 0.52],
    noseRight: [0.47, 0.51],
    noseLeft: [0.53, 0.51],
    upperInnerLip: [0.5, 0.58],
    lowerInnerLip: [0.5, 0.6],
    rightCheek: [0.35, 0.5],
    leftCheek: [0.65, 0.5],
    forehead: [0.5, 0.25],
  };
  for (const [k, idx] of Object.entries(LM) as [keyof typeof LM, number][]) {
    const [x, y] = over[k] ?? base[k];
    pts[idx] = { x, y, z: 0 };
  }
  return pts;
}

describe('headPose', () => {
  it('reads yaw and pitch from the column-major transformation matrix', () => {
    const a = headPose(matrix(0, 0));
    expect(a.yawDeg).toBeCloseTo(0);
    expect(a.pitchDeg).toBeCloseTo(0);
    const b = headPose(matrix(30, 0));
    expect(Math.abs(b.yawDeg)).toBeCloseTo(30, 5);
    expect(b.pitchDeg).toBeCloseTo(0, 5);
    const c = headPose(matrix(0, -15));
    expect(Math.abs(c.pitchDeg)).toBeCloseTo(15, 5);
    expect(c.yawDeg).toBeCloseTo(0, 5);
  });
  it('matches a real detection (frontal portrait) as near-frontal', () => {
    // facialTransformationMatrixes[0].data for frontal_smiling_official_portrait.jpg
    const real = [1, 0.018, -0.018, 0, -0.017, 0.998, 0.062, 0, 0.019, -0.062, 0.998, 0, 2.384, 18.954, -59.694, 1];
    const p = headPose({ rows: 4, columns: 4, data: real });
    expect(Math.abs(p.yawDeg)).toBeLessThan(5);
    expect(Math.abs(p.pitchDeg)).toBeLessThan(5);
  });
});

describe('landmark geometry', () => {
  it('box, mouth gap and signature are scale-free', () => {
    const m = mesh();
    expect(faceBox(m)).toMatchObject({ cx: 0.5 });
    expect(mouthOpening(m, 640, 480)).toBeGreaterThan(0);
    const open = mesh({ lowerInnerLip: [0.5, 0.66] });
    expect(mouthOpening(open, 640, 480)).toBeGreaterThan(mouthOpening(m, 640, 480) * 3);
    // Signature ignores the mouth (a talking face keeps its signature) …
    expect(geometrySignature(open, 640, 480)).toEqual(geometrySignature(m, 640, 480));
    // … and does not change with image resolution.
    const a = geometrySignature(m, 640, 480);
    const b = geometrySignature(m, 1280, 960);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 9));
  });
  it('summarises the largest of two faces and counts both', () => {
    const small = mesh().map((l) => ({ x: 0.1 + (l.x - 0.5) * 0.3, y: 0.1 + (l.y - 0.5) * 0.3, z: 0 }));
    const s = summariseResult({ faceLandmarks: [small, mesh()], facialTransformationMatrixes: [matrix(40, 0), matrix(0, 0)] }, 640, 480, false);
    expect(s.faceCount).toBe(2);
    expect(s.primary!.box.cx).toBeCloseTo(0.5);
    expect(Math.abs(s.primary!.yawDeg)).toBeLessThan(1);
    expect(s.primary!.smile).toBeNull();
    expect(summariseResult({ faceLandmarks: [] }, 640, 480, false)).toEqual({ faceCount: 0, primary: null });
  });
  it('reads smile blendshapes only when asked', () => {
    const bs = [
      {
        categories: [
          { categoryName: 'mouthSmileLeft', score: 0.8 },
          { categoryName: 'mouthSmileRight', score: 0.6 },
        ],
      },
    ];
    expect(summariseResult({ faceLandmarks: [mesh()], faceBlendshapes: bs }, 640, 480, true).primary!.smile).toBeCloseTo(0.7);
    expect(summariseResult({ faceLandmarks: [mesh()], faceBlendshapes: bs }, 640, 480, false).primary!.smile).toBeNull();
  });
});
