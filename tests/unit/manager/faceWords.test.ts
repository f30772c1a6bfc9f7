import { describe, expect, it } from 'vitest';
import { faceSummary, type FaceAggregate } from '../../../renderer/manager/faceWords.js';

const f = (o: Partial<FaceAggregate> = {}): FaceAggregate => ({ framesAnalysed: 100, facePresentRatio: 0.96, multiFaceRatio: 0, attentionRatio: 0.9, identityConsistency: 0.98, ...o });

describe('face signals in plain words', () => {
  it('says "camera not used" neutrally when the applicant declined', () => {
    expect(faceSummary(false, [{ index: 0, face: null }])).toEqual([{ key: 'manager.face.cameraNotUsed' }]);
  });

  it('reports presence weighted by frames and names the questions where something happened', () => {
    const out = faceSummary(true, [
      { index: 0, face: f({ framesAnalysed: 300, facePresentRatio: 1 }) },
      { index: 1, face: f({ framesAnalysed: 100, facePresentRatio: 0.8, attentionRatio: 0.3 }) },
      { index: 2, face: f({ multiFaceRatio: 0.2 }) },
      { index: 3, face: f({ facePresentRatio: 0.2 }) },
      { index: 4, face: f({ identityConsistency: 0.5 }) },
    ]);
    // (300·1 + 100·0.8 + 100·0.96 + 100·0.2 + 100·0.96) / 700 = 0.8457…
    expect(out[0]).toEqual({ key: 'manager.face.visible', vars: { pct: 85 } });
    expect(out.slice(1)).toEqual([
      { key: 'manager.face.otherPerson', vars: { qs: '3' } },
      { key: 'manager.face.lookingAway', vars: { qs: '2' } },
      { key: 'manager.face.outOfFrame', vars: { qs: '4' } },
      { key: 'manager.face.faceChanged', vars: { qs: '5' } },
    ]);
  });

  it('says nothing unusual when nothing was, and admits when no frames were analysed', () => {
    expect(faceSummary(true, [{ index: 0, face: f() }])).toEqual([{ key: 'manager.face.visible', vars: { pct: 96 } }, { key: 'manager.face.nothingUnusual' }]);
    expect(faceSummary(true, [{ index: 0, face: null }])).toEqual([{ key: 'manager.face.noFrames' }]);
  });
});
