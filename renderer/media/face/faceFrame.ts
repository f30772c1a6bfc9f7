/**
 * What the face worker reports per analysed frame: a handful of numbers about the main face,
 * never the landmarks themselves. These summaries live only in renderer memory for the
 * current answer and are reduced to FaceAggregates (see aggregate.ts) when it ends.
 */
export type FaceBox = {
  /** Centre and size as fractions of the frame (0..1). */
  cx: number;
  cy: number;
  w: number;
  h: number;
};

export type FacePrimary = {
  box: FaceBox;
  /** Head pose from the facial transformation matrix; 0/0 = facing the camera. */
  yawDeg: number;
  pitchDeg: number;
  /** Inner-lip gap divided by the outer eye-corner distance (scale-free). */
  mouthOpen: number;
  /** Rigid landmark-distance ratios for identity continuity (not recognition). */
  signature: number[];
  /** Mean of the two mouth-smile blendshapes; null unless the store policy enables expressions. */
  smile: number | null;
};

export type FaceFrame = {
  /** Capture time in ms (main-thread clock). */
  t: number;
  faceCount: number;
  /** The largest face, or null when none was found. */
  primary: FacePrimary | null;
  /** Whether the microphone heard speech when this frame was captured. */
  isSpeaking: boolean;
};

export type FacePolicy = {
  /** Expression-derived signals (smiling). Off unless the store's jurisdiction policy enables them. */
  expressionSignals: boolean;
};

export const DEFAULT_FACE_POLICY: FacePolicy = { expressionSignals: false };
