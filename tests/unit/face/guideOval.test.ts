import { describe, expect, it } from 'vitest';
import { meanBox, ovalOnView } from '../../../renderer/media/face/guideOval.js';

describe('the face guide oval sits on the detected face (issue 14, item 9)', () => {
  it('centres on the face in a mirrored preview the same shape as the camera frame', () => {
    // A face left of centre in the camera frame shows right of centre in the mirrored preview.
    const o = ovalOnView({ cx: 0.3, cy: 0.4, w: 0.2, h: 0.3 }, { w: 640, h: 480 }, { w: 320, h: 240 }, true);
    expect(o.cx).toBeCloseTo(0.7);
    expect(o.cy).toBeCloseTo(0.4 - 0.3 * 0.06); // raised a little over the forehead
    expect(o.rx).toBeCloseTo(0.1 * 1.2);
    expect(o.ry).toBeCloseTo(0.15 * 1.25);
    expect(ovalOnView({ cx: 0.3, cy: 0.4, w: 0.2, h: 0.3 }, { w: 640, h: 480 }, { w: 320, h: 240 }, false).cx).toBeCloseTo(0.3);
  });

  it('follows the crop of a preview that covers a box of another shape', () => {
    // 4:3 camera in a 1:1 box: the sides are cut, so the picture is shown 4/3 wider than the box.
    const o = ovalOnView({ cx: 0.5, cy: 0.5, w: 0.3, h: 0.3 }, { w: 640, h: 480 }, { w: 300, h: 300 }, true);
    expect(o.cx).toBeCloseTo(0.5);
    expect(o.rx).toBeCloseTo(((0.3 * 400) / 2 / 300) * 1.2);
    expect(o.ry).toBeCloseTo(0.15 * 1.25);
    // Off-centre faces move by the shown (wider) picture, not by the box.
    const right = ovalOnView({ cx: 0.25, cy: 0.5, w: 0.2, h: 0.3 }, { w: 640, h: 480 }, { w: 300, h: 300 }, true);
    expect(right.cx).toBeCloseTo((-50 + 0.75 * 400) / 300);
  });

  it('smooths over recent boxes', () => {
    expect(meanBox([])).toBeNull();
    const m = meanBox([
      { cx: 0.4, cy: 0.5, w: 0.2, h: 0.3 },
      { cx: 0.6, cy: 0.5, w: 0.4, h: 0.3 },
    ])!;
    expect([m.cx, m.cy, m.w, m.h].map((v) => Math.round(v * 1000) / 1000)).toEqual([0.5, 0.5, 0.3, 0.3]);
  });
});
