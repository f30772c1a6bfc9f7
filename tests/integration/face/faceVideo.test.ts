import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaceAggregates } from '../../../electron/shared/contract/interview.js';
import { analyseFile } from '../../../tools/face/analyseFile.js';
import { FACES_DIR, MODELS_DIR, SPEECH_DIR, VIDEO_DIR, stillClip } from './faceFixtures.js';

/**
 * Clips through Chromium's fake camera and microphone, analysed by the renderer's own
 * analyser. "Is speaking" comes from the clip's audio energy on the fake microphone (the
 * GRID clip's own sound track), so mouth movement is checked against real speech timing.
 * Each clip is watched for 3 loops (9 s) to get enough frames on a busy 2-core machine.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'face-video-test-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const GRID_WAV = path.join(SPEECH_DIR, 'en', 'grid_bbaf2n.wav');

describe('talking-face clip (GRID bbaf2n) through the fake camera', () => {
  it('face present ≈ 1 and the mouth moves while the microphone hears speech', async () => {
    const r = await analyseFile(path.join(VIDEO_DIR, 'grid_bbaf2n.mjpeg'), { modelsDir: MODELS_DIR, audio: GRID_WAV, durationMs: 9000 });
    console.log(`[face] grid clip: ${r.frames} frames, ${r.speakingFrames} speaking, ${r.analysedFps} fps, ${JSON.stringify(r.aggregates)}`);
    expect(FaceAggregates.parse(r.aggregates)).toEqual(r.aggregates);
    expect(r.frames).toBeGreaterThanOrEqual(20);
    expect(r.speakingFrames).toBeGreaterThanOrEqual(5);
    expect(r.aggregates.facePresentRatio).toBeGreaterThanOrEqual(0.95);
    expect(r.aggregates.multiFaceRatio).toBe(0);
    expect(r.aggregates.attentionRatio).toBeGreaterThanOrEqual(0.9);
    expect(r.aggregates.mouthMovementWhileSpeaking).not.toBeNull();
    expect(r.aggregates.mouthMovementWhileSpeaking!).toBeGreaterThanOrEqual(0.5);
    expect(r.aggregates.identityConsistency!).toBeGreaterThanOrEqual(0.9);
  }, 240_000);

  it('negative control: a still face with the same speech gives little mouth movement', async () => {
    const clip = stillClip(path.join(FACES_DIR, 'frontal_talking_mouth_open.jpg'), path.join(work, 'still_face.y4m'));
    const r = await analyseFile(clip, { modelsDir: MODELS_DIR, audio: GRID_WAV, durationMs: 9000 });
    console.log(`[face] still face + speech: ${r.frames} frames, ${r.speakingFrames} speaking, ${JSON.stringify(r.aggregates)}`);
    expect(r.aggregates.facePresentRatio).toBeGreaterThanOrEqual(0.95);
    expect(r.speakingFrames).toBeGreaterThanOrEqual(5);
    expect(r.aggregates.mouthMovementWhileSpeaking!).toBeLessThanOrEqual(0.2);
  }, 240_000);
});

describe('clip made from the no-face image', () => {
  it('face present 0', async () => {
    const clip = stillClip(path.join(FACES_DIR, 'no_face_food.jpg'), path.join(work, 'no_face.y4m'));
    const r = await analyseFile(clip, { modelsDir: MODELS_DIR, speaking: 'all', durationMs: 4000 });
    console.log(`[face] no-face clip: ${r.frames} frames, ${JSON.stringify(r.aggregates)}`);
    expect(r.frames).toBeGreaterThanOrEqual(5);
    expect(r.faceCounts.every((c) => c === 0)).toBe(true);
    expect(r.aggregates).toMatchObject({ facePresentRatio: 0, multiFaceRatio: 0, attentionRatio: 0, framingQuality: 0, mouthMovementWhileSpeaking: null, identityConsistency: null });
  }, 240_000);
});
