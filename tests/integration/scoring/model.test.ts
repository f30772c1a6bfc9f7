import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel, loadModelFromBytes, modelFileFor, runModel } from '../../../core/scoring/model.js';
import { checkModelFitsPack } from '../../../electron/services/scoring/scoreInterview.js';
import { evaluateWeights } from '../../../core/scoring/weightsFile.js';
import { ErrorCode } from '../../../core/errors.js';
import { buildAll } from '../../../models/scoring/build.js';
import { buildModel, decodeModel } from '../../../core/scoring/buildModel.js';
import { REAL_PACK_IDS, realPack, ROOT } from '../../fixtures/scoring/fixtures.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import { tempModelsDir } from './scoringHelpers.js';

const FX_WEIGHTS = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models/scoring/weights/cashier.weights.json'), 'utf8')));
import onnxPkg from 'onnx-proto';

const tmp = tempModelsDir();
afterAll(() => tmp.cleanup());

function vectors(n: number, f: number, seed: number): Float64Array[] {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Values from -1.5 to 2.5 so that both ends of the 0–100 clip are exercised.
  return Array.from({ length: n }, () => Float64Array.from({ length: f }, () => r() * 4 - 1.5));
}

describe('ONNX scoring models in onnxruntime-node', () => {
  it('onnxruntime output equals the weights-file arithmetic (fixture and every committed model)', async () => {
    const files = [tmp.modelFile, ...REAL_PACK_IDS.map((id) => modelFileFor(path.join(ROOT, 'models'), id))];
    let worst = 0;
    let clippedLow = 0;
    let clippedHigh = 0;
    for (const file of files) {
      const m = await loadModel(file);
      for (const x of vectors(100, m.weights.features.length, 11)) {
        const out = await runModel(m, x);
        const exp = evaluateWeights(m.weights, x);
        worst = Math.max(worst, Math.abs(out.overall - exp.overall), ...out.raw.map((v, i) => Math.abs(v - exp.raw[i]!)), ...out.scores.map((v, i) => Math.abs(v - exp.scores[i]!)));
        clippedLow += exp.raw.filter((v) => v < 0).length;
        clippedHigh += exp.raw.filter((v) => v > 100).length;
      }
    }
    expect(worst).toBeLessThan(1e-5);
    expect(worst).toBeLessThan(1e-9); // float64 end to end
    expect(clippedLow).toBeGreaterThan(0);
    expect(clippedHigh).toBeGreaterThan(0);
  });

  it('committed built models are up to date with their weights files and fit the current packs', async () => {
    const r = buildAll({ check: true });
    expect(r.built.sort()).toEqual([...REAL_PACK_IDS].sort());
    expect(r.stale).toEqual([]);
    for (const id of REAL_PACK_IDS) {
      const m = await loadModel(modelFileFor(path.join(ROOT, 'models'), id));
      expect(m.modelVersion).toBe(`${id}@2.0.0`);
      expect(() => checkModelFitsPack(m, realPack(id))).not.toThrow();
    }
  });

  it('loads once per file and reloads when the file changes', async () => {
    const a = await loadModel(tmp.modelFile);
    expect(await loadModel(tmp.modelFile)).toBe(a);
    const w2 = { ...FX_WEIGHTS, modelVersion: '2.0.1' };
    fs.writeFileSync(tmp.modelFile, buildModel(w2));
    fs.utimesSync(tmp.modelFile, new Date(), new Date(Date.now() + 5000));
    const b = await loadModel(tmp.modelFile);
    expect(b).not.toBe(a);
    expect(b.modelVersion).toBe('cashier@2.0.1');
  });

  it('refuses a missing, corrupt or truncated file with a manager-readable reason', async () => {
    await expect(loadModel(path.join(tmp.modelsDir, 'nope.onnx'))).rejects.toMatchObject({ code: ErrorCode.ModelMissing, message: expect.stringContaining('review them by hand') });
    const bad = path.join(tmp.modelsDir, 'corrupt.onnx');
    fs.writeFileSync(bad, Buffer.from('this is not an onnx model at all, just text'));
    await expect(loadModel(bad)).rejects.toMatchObject({ code: ErrorCode.ModelInvalid, message: expect.stringContaining('damaged') });
    const bytes = buildModel(FX_WEIGHTS);
    fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(loadModel(bad)).rejects.toMatchObject({ code: ErrorCode.ModelInvalid });
  });

  it('refuses a model whose graph does not compute its declared weights (explanations could not be trusted)', async () => {
    const { onnx } = onnxPkg;
    const model = decodeModel(buildModel(FX_WEIGHTS));
    const W = (model.graph?.initializer ?? []).find((t) => t.name === 'W')!;
    const raw = Buffer.from(W.rawData!);
    raw.writeDoubleLE(raw.readDoubleLE(0) + 5, 0); // feature 0 on competency 0: +5 points
    W.rawData = raw;
    const tampered = onnx.ModelProto.encode(model).finish();
    const m = await loadModelFromBytes(tampered, 'tampered.onnx');
    const x = new Float64Array(FX_WEIGHTS.features.length);
    x[0] = 1;
    await expect(runModel(m, x)).rejects.toMatchObject({ code: ErrorCode.ModelInvalid, message: expect.stringContaining('declared weights') });
    // And metadata edited to disagree with its hash is refused at load.
    const meta = decodeModel(buildModel(FX_WEIGHTS));
    const entry = meta.metadataProps.find((p) => p.key === 'weights_json')!;
    const intercept = /"intercept":(-?[\d.]+)/.exec(entry.value ?? '')!;
    entry.value = (entry.value ?? '').replace(intercept[0], `"intercept":${Number(intercept[1]) + 1}`);
    await expect(loadModelFromBytes(onnx.ModelProto.encode(meta).finish(), 'edited.onnx')).rejects.toMatchObject({ code: ErrorCode.ModelInvalid, message: expect.stringContaining('hash') });
  });
});
