import { describe, expect, it } from 'vitest';
import { defaultWeights } from '../../../electron/services/scoring/defaultWeights.js';
import { readModelMetadata } from '../../../electron/services/scoring/onnxMetadata.js';
import { CAPS, evaluateWeights, WeightsFile, weightsHash } from '../../../electron/services/scoring/weightsFile.js';
import { buildModel, decodeModel } from '../../../models/scoring/buildModel.js';
import { CREATED, FX_PACK, REAL_PACK_IDS, realPack } from '../../fixtures/scoring/fixtures.js';

describe('weights files', () => {
  const w = defaultWeights(FX_PACK, { created: CREATED });

  it('default weights give every competency 10 baseline + at most 100 points and gate delivery/face/expression', () => {
    for (const c of w.competencies) {
      const positive = w.features.filter((f) => f.competency === c.id && f.weight > 0 && f.group !== 'speech' && f.group !== 'face' && f.group !== 'expression');
      expect(c.intercept + positive.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(100, 2);
    }
    const all = evaluateWeights(w, w.features.map((f) => (f.weight > 0 && f.group !== 'expression' ? 1 : 0)));
    all.scores.forEach((s) => expect(s).toBeCloseTo(100, 3));
  });

  it('rejects face weights above the cap and expression weights above theirs', () => {
    const face = structuredClone(w);
    face.features.find((f) => f.id === 'face:presence')!.weight = CAPS.facePerCompetency;
    expect(WeightsFile.safeParse(face).success).toBe(false);
    const expr = structuredClone(w);
    expr.features.find((f) => f.id === 'expr:smile')!.weight = CAPS.expressionPerFeature + 0.5;
    const r = WeightsFile.safeParse(expr);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('capped');
  });

  it.each(REAL_PACK_IDS)('derives valid default weights from the real pack %s', (id) => {
    const pack = realPack(id);
    const pw = defaultWeights(pack, { created: CREATED });
    expect(pw.competencies.map((c) => c.id)).toEqual(pack.competencies.map((c) => c.id));
    expect(pw.features.filter((f) => f.id.startsWith('ind:')).length).toBe(pack.questions.reduce((s, q) => s + q.rubric.reduce((a, r) => a + r.indicators.length, 0), 0));
  });

  it('metadata round-trips through the builder, onnx-proto and the kiosk reader', () => {
    const bytes = buildModel(w);
    const meta = readModelMetadata(bytes);
    expect(meta.model_version).toBe('1.0.0');
    expect(meta.job).toBe('fx-retail');
    expect(meta.created).toBe(CREATED);
    expect(JSON.parse(meta.features!)).toEqual(w.features.map((f) => f.id));
    expect(meta.weights_sha256).toBe(weightsHash(w));
    expect(WeightsFile.parse(JSON.parse(meta.weights_json!))).toEqual(w);
    const decoded = decodeModel(bytes);
    expect(Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]))).toEqual(meta);
    expect(Number(decoded.opsetImport[0]!.version)).toBe(13);
    expect(Buffer.from(buildModel(w)).equals(Buffer.from(bytes))).toBe(true); // deterministic
  });

  it('the metadata reader refuses truncated files', () => {
    const bytes = buildModel(w);
    expect(() => readModelMetadata(bytes.subarray(0, bytes.length - 7))).toThrow();
  });
});
