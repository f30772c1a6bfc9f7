import { describe, expect, it } from 'vitest';
import type { FaceFrame } from '../../../renderer/media/face/faceFrame.js';
import { framingHint, hintForFrame } from '../../../renderer/media/face/framingHints.js';
import en from '../../../renderer/i18n/locales/en/face.json' with { type: 'json' };
import zh from '../../../renderer/i18n/locales/zh-CN/face.json' with { type: 'json' };

const f = (box: { cx: number; cy: number; w: number; h: number } | null, faceCount = box ? 1 : 0, yawDeg = 0): FaceFrame => ({
  t: 0,
  faceCount,
  isSpeaking: false,
  primary: box ? { box, yawDeg, pitchDeg: 0, mouthOpen: 0, signature: [], smile: null } : null,
});
const good = { cx: 0.5, cy: 0.5, w: 0.3, h: 0.4 };

describe('framing hints', () => {
  it('asks for the one change that matters most', () => {
    expect(hintForFrame(f(null))).toBe('face.hint.noFace');
    expect(hintForFrame(f(good, 2))).toBe('face.hint.onlyOne');
    expect(hintForFrame(f({ ...good, h: 0.12 }))).toBe('face.hint.closer');
    expect(hintForFrame(f({ ...good, h: 0.8 }))).toBe('face.hint.further');
    expect(hintForFrame(f({ ...good, cx: 0.8 }))).toBe('face.hint.centre');
    expect(hintForFrame(f(good, 1, 35))).toBe('face.hint.lookAtScreen');
    expect(hintForFrame(f(good))).toBe('face.hint.good');
  });
  it('does not flicker on one odd frame', () => {
    const frames = [...Array.from({ length: 9 }, () => f(good)), f(null)];
    expect(framingHint(frames)).toBe('face.hint.good');
    expect(framingHint([])).toBeNull();
  });
  it('has every hint in both languages', () => {
    const keys = ['noFace', 'onlyOne', 'closer', 'further', 'centre', 'lookAtScreen', 'good'] as const;
    for (const k of keys) {
      expect(en.hint[k]).toBeTruthy();
      expect(zh.hint[k]).toBeTruthy();
    }
    const flat = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v as object, `${p}${k}.`) : [`${p}${k}`]));
    expect(flat(zh).sort()).toEqual(flat(en).sort());
  });
});
