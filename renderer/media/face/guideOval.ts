import type { FaceBox } from './faceFrame.js';

export type Oval = { cx: number; cy: number; rx: number; ry: number };

/** Where the oval goes before a face is found: the centre, as tall as a face at a good distance. */
export const TARGET_OVAL: Oval = { cx: 0.5, cy: 0.48, rx: 0.22, ry: 0.32 };

/**
 * The detected face box (fractions of the camera frame) as an oval on the preview, so the guide
 * sits on the face it talks about (issue 14, item 9: it sat still while saying "position good").
 * The preview is mirrored and fills its box like CSS `object-fit: cover` (cropped, centred); the
 * result is in fractions of the preview box. A small margin keeps the outline off the face, and
 * the oval is raised a little: the landmarks stop at the brow, the head goes on above it.
 */
const RAISE = 0.06;

export function ovalOnView(box: FaceBox, src: { w: number; h: number }, view: { w: number; h: number }, isMirrored: boolean): Oval {
  const scale = Math.max(view.w / src.w, view.h / src.h);
  const shownW = src.w * scale;
  const shownH = src.h * scale;
  const offX = (view.w - shownW) / 2;
  const offY = (view.h - shownH) / 2;
  const cx = isMirrored ? 1 - box.cx : box.cx;
  return {
    cx: (offX + cx * shownW) / view.w,
    cy: (offY + (box.cy - box.h * RAISE) * shownH) / view.h,
    rx: ((box.w * shownW) / 2 / view.w) * 1.2,
    ry: ((box.h * shownH) / 2 / view.h) * 1.25,
  };
}

/** Mean of the recent boxes (steadier than the last frame alone); null without any. */
export function meanBox(boxes: readonly FaceBox[]): FaceBox | null {
  if (boxes.length === 0) return null;
  const sum = boxes.reduce((a, b) => ({ cx: a.cx + b.cx, cy: a.cy + b.cy, w: a.w + b.w, h: a.h + b.h }), { cx: 0, cy: 0, w: 0, h: 0 });
  return { cx: sum.cx / boxes.length, cy: sum.cy / boxes.length, w: sum.w / boxes.length, h: sum.h / boxes.length };
}
