import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceAggregates } from '../../../electron/shared/contract/interview.js';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import type { HarnessWindow, ImageRun } from '../../../tools/face/harnessTypes.js';
import { openHarness, type HarnessSession } from '../../../tools/face/runHarness.js';
import { FACES_DIR, MODELS_DIR, expectedFaceCounts } from './faceFixtures.js';

/**
 * Real Chromium + real MediaPipe WASM + the real model: the staged images give the face
 * counts listed in ../shared/models/MANIFEST.md.
 */
let h: HarnessSession;
const analyse = (file: string, repeats = 1): Promise<ImageRun> =>
  h.page.evaluate(([u, n]) => (globalThis as unknown as HarnessWindow).faceHarness.analyseImage(u, n), [`/input/${file}`, repeats] as const);

beforeAll(async () => {
  h = await openHarness({ modelsDir: MODELS_DIR, inputDir: FACES_DIR });
}, 180_000);
afterAll(async () => h?.close());

describe('face counts on the staged images (headless Chromium, FaceLandmarker VIDEO mode, numFaces 2)', () => {
  const expected = expectedFaceCounts();
  it('the manifest lists every staged image', () => {
    expect(Object.keys(expected).sort()).toEqual(
      fs
        .readdirSync(FACES_DIR)
        .filter((f) => /\.(png|jpe?g)$/.test(f))
        .sort(),
    );
  });
  for (const [file, count] of Object.entries(expected)) {
    it(`${file}: ${count} face(s)`, async () => {
      const r = await analyse(file, 2);
      expect(r.faceCounts).toEqual([count, count]);
      expect(FaceAggregates.parse(r.aggregates)).toEqual(r.aggregates);
      expect(r.aggregates.facePresentRatio).toBe(count > 0 ? 1 : 0);
      expect(r.aggregates.multiFaceRatio).toBe(count > 1 ? 1 : 0);
      if (count > 0) expect(r.aggregates.attentionRatio).toBe(1); // all staged faces look at the camera
    }, 120_000);
  }
});

describe('expression policy', () => {
  it('smileRatio is absent by default', async () => {
    const r = await analyse('frontal_smiling_woman.png');
    expect('smileRatio' in r.aggregates).toBe(false);
    expect(r.frames[0]!.primary!.smile).toBeNull();
  }, 120_000);
  it('smileRatio appears only with the policy on (blendshapes requested)', async () => {
    const p = await openHarness({ modelsDir: MODELS_DIR, inputDir: FACES_DIR, expressionSignals: true });
    try {
      const smiling = await p.page.evaluate((u) => (globalThis as unknown as HarnessWindow).faceHarness.analyseImage(u, 1), '/input/frontal_smiling_woman.png');
      expect(smiling.aggregates.smileRatio).toBe(1);
      const talking = await p.page.evaluate((u) => (globalThis as unknown as HarnessWindow).faceHarness.analyseImage(u, 1), '/input/frontal_talking_mouth_open.jpg');
      expect(talking.frames[0]!.primary!.smile).not.toBeNull();
    } finally {
      await p.close();
    }
  }, 180_000);
});

describe('kiosk face CLI', () => {
  it('prints one JSON object with frames, per-frame face counts and aggregates', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(APP_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/kiosk.ts', 'face', path.join(FACES_DIR, 'two_people_children.jpg'), '--repeats', '2'],
      {
        cwd: APP_ROOT,
        timeout: 170_000,
        env: { ...process.env, KIOSK_MODELS_DIR: MODELS_DIR },
      },
    );
    const out = JSON.parse(stdout) as { frames: number; faceCounts: number[]; aggregates: unknown; kind: string };
    expect(out.kind).toBe('image');
    expect(out.frames).toBe(2);
    expect(out.faceCounts).toEqual([2, 2]);
    expect(FaceAggregates.parse(out.aggregates)).toMatchObject({ multiFaceRatio: 1 });
  }, 180_000);
});
