import { FACE_THRESHOLDS, centreOffset } from './aggregate.js';
import type { FaceFrame } from './faceFrame.js';

/**
 * Live framing hints for the camera check and self-view. Keys are i18n keys in face.json.
 * Decided over the last ~second of frames (majority vote) so the hint does not flicker.
 */
export type FramingHint = 'face.hint.noFace' | 'face.hint.onlyOne' | 'face.hint.closer' | 'face.hint.further' | 'face.hint.centre' | 'face.hint.lookAtScreen' | 'face.hint.good';

export const HINT_WINDOW = 10;

export function hintForFrame(f: FaceFrame): FramingHint {
  if (f.faceCount >= 2) return 'face.hint.onlyOne';
  const p = f.primary;
  if (!p) return 'face.hint.noFace';
  if (p.box.h < 0.2) return 'face.hint.closer';
  if (p.box.h > 0.7) return 'face.hint.further';
  if (centreOffset(p.box) > 0.15) return 'face.hint.centre';
  if (Math.abs(p.yawDeg) >= FACE_THRESHOLDS.maxYawDeg || Math.abs(p.pitchDeg) >= FACE_THRESHOLDS.maxPitchDeg) return 'face.hint.lookAtScreen';
  return 'face.hint.good';
}

/** The most frequent hint over the recent frames; null before any frame arrived. */
export function framingHint(recent: readonly FaceFrame[]): FramingHint | null {
  const frames = recent.slice(-HINT_WINDOW);
  if (frames.length === 0) return null;
  const counts = new Map<FramingHint, number>();
  for (const f of frames) {
    const h = hintForFrame(f);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  let best: FramingHint = 'face.hint.good';
  let bestN = -1;
  for (const [h, n] of counts) if (n > bestN) [best, bestN] = [h, n];
  return best;
}
