import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelMetadata } from '../../../core/scoring/onnxMetadata.js';
import { ANSWER_FEATURES, CAPS, evaluateWeights, WeightsFile, weightsHash } from '../../../core/scoring/weightsFile.js';
import { AnswerBank } from '../../../core/packs/bankSchema.js';
import { buildModel, decodeModel } from '../../../core/scoring/buildModel.js';
import { REAL_PACK_IDS, ROOT, realPack } from '../../fixtures/scoring/fixtures.js';

/** The committed weights, fitted on each pack's graded bank by models/scoring/fit.ts. */
const fitted = (id: string): WeightsFile => WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models', 'scoring', 'weights', `${id}.weights.json`), 'utf8')));
const bankText = (id: string): string => fs.readFileSync(path.join(ROOT, 'resources', 'packs', 'banks', `${id}.bank.json`), 'utf8');

describe('weights files', () => {
  const w = fitted('cashier');

  it.each(REAL_PACK_IDS)('fitted weights of %s: 0–100 scale (a best case reaches 100, an empty interview 0); absent delivery/face never lowers a score', (id) => {
    const pw = fitted(id);
    expect(pw.formatVersion).toBe(2);
    expect(Object.keys(pw.answerModel!.weights).sort()).toEqual([...ANSWER_FEATURES].sort());
    const gated = (g: string) => g === 'speech' || g === 'face' || g === 'expression';
    // Every good text/skills feature at its best, no red flag, no delivery/face/expression data.
    evaluateWeights(
      pw,
      pw.features.map((f) => (!gated(f.group) && f.weight > 0 ? 1 : 0)),
    ).scores.forEach((v) => expect(v).toBe(100));
    evaluateWeights(
      pw,
      pw.features.map(() => 0),
    ).scores.forEach((v) => expect(v).toBe(0));
    // Delivery and face values lie in [-1, 0] (0 = absent or fine): with non-negative weights, absence never costs points.
    for (const f of pw.features.filter((x) => x.group === 'speech' || x.group === 'face')) expect(f.weight, f.id).toBeGreaterThanOrEqual(0);
    for (const f of pw.features.filter((x) => x.group === 'expression')) expect(Math.abs(f.weight), f.id).toBeLessThanOrEqual(CAPS.expressionPerFeature);
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

  it.each(REAL_PACK_IDS)('the committed fitted weights of %s match its pack and its graded bank', (id) => {
    const pack = realPack(id);
    const pw = fitted(id);
    expect(pw.packId).toBe(id);
    expect(pw.formatVersion).toBe(2);
    expect(pw.competencies.map((c) => c.id)).toEqual(pack.competencies.map((c) => c.id));
    for (const f of pw.features.filter((x) => x.group === 'text')) {
      const [kind, qid, comp, ind] = f.id.split(':');
      const q = pack.questions.find((x) => x.id === qid);
      expect(q, f.id).toBeDefined();
      expect(q!.competencies, f.id).toContain(comp);
      expect(f.competency, f.id).toBe(comp);
      if (kind === 'ind') {
        const indicator = q!.indicators.find((x) => x.id === ind);
        expect(indicator?.competency, f.id).toBe(comp);
        // Sign-constrained fit: a good act never lowers a score, a red flag never raises it.
        expect(Math.sign(f.weight), f.id).toBe(indicator!.polarity === 'positive' ? 1 : -1);
        expect(f.label, f.id).toEqual(indicator!.label);
      } else expect(ANSWER_FEATURES as readonly string[], f.id).toContain(kind);
    }
    // Fitted on this bank's training split: the exemplars are exactly its training answers.
    const bank = AnswerBank.parse(JSON.parse(bankText(id)));
    expect(pw.bank!.sha256).toBe(createHash('sha256').update(bankText(id)).digest('hex'));
    expect(pw.bank!.train + pw.bank!.heldout).toBe(bank.answers.length);
    const exemplarIds = Object.values(pw.exemplars!)
      .flatMap((xs) => xs.map((x) => x.id))
      .sort();
    expect(exemplarIds).toEqual(
      bank.answers
        .filter((a) => a.split === 'train')
        .map((a) => a.id)
        .sort(),
    );
    expect(pw.bank!.agreement.map((a) => a.lang).sort()).toEqual(['all', 'en', 'zh-CN']);
  });

  it('metadata round-trips through the builder, onnx-proto and the kiosk reader', () => {
    const bytes = buildModel(w);
    const meta = readModelMetadata(bytes);
    expect(meta.model_version).toBe(w.modelVersion);
    expect(meta.job).toBe('cashier');
    expect(meta.created).toBe(w.created);
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
