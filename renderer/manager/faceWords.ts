/**
 * Face signals in plain words for the manager. Pure: turns per-answer aggregates into
 * i18n keys + values; the page and the printed report render them. Thresholds are set so a
 * sentence appears only for something a person would want to know; the absence of the camera
 * is stated neutrally (it never counts against anyone).
 */
export type FaceAggregate = {
  framesAnalysed: number;
  facePresentRatio: number;
  multiFaceRatio: number;
  attentionRatio: number;
  identityConsistency: number | null;
};
export type FaceAnswer = { index: number; face: FaceAggregate | null };
export type Phrase = { key: string; vars?: Record<string, string | number> };

const MULTI_FACE = 0.05;
const LOW_ATTENTION = 0.5;
const LOW_PRESENCE = 0.6;
const IDENTITY_DOUBT = 0.8;

export function faceSummary(cameraConsent: boolean, answers: FaceAnswer[]): Phrase[] {
  if (!cameraConsent) return [{ key: 'manager.face.cameraNotUsed' }];
  const withFace = answers.filter((a) => a.face && a.face.framesAnalysed > 0);
  if (withFace.length === 0) return [{ key: 'manager.face.noFrames' }];
  const frames = withFace.reduce((s, a) => s + a.face!.framesAnalysed, 0);
  const present = withFace.reduce((s, a) => s + a.face!.facePresentRatio * a.face!.framesAnalysed, 0) / frames;
  const out: Phrase[] = [{ key: 'manager.face.visible', vars: { pct: Math.round(present * 100) } }];
  const qs = (pred: (f: FaceAggregate) => boolean) => withFace.filter((a) => pred(a.face!)).map((a) => a.index + 1);
  const multi = qs((f) => f.multiFaceRatio >= MULTI_FACE);
  if (multi.length) out.push({ key: 'manager.face.otherPerson', vars: { qs: multi.join(', ') } });
  const away = qs((f) => f.facePresentRatio >= LOW_PRESENCE && f.attentionRatio < LOW_ATTENTION);
  if (away.length) out.push({ key: 'manager.face.lookingAway', vars: { qs: away.join(', ') } });
  const absent = qs((f) => f.facePresentRatio < LOW_PRESENCE);
  if (absent.length) out.push({ key: 'manager.face.outOfFrame', vars: { qs: absent.join(', ') } });
  const changed = qs((f) => f.identityConsistency !== null && f.identityConsistency < IDENTITY_DOUBT);
  if (changed.length) out.push({ key: 'manager.face.faceChanged', vars: { qs: changed.join(', ') } });
  if (out.length === 1) out.push({ key: 'manager.face.nothingUnusual' });
  return out;
}
