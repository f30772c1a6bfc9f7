/**
 * Builder: a declarative weights file → an ONNX model (opset 13, IR 8, float64 throughout so
 * onnxruntime's output equals the weights file's arithmetic to ~1e-12).
 *
 * Graph: raw = features·W + B; scores = Clip(raw, 0, 100); overall = scores·V.
 * Inputs: features [N, F] double. Outputs: raw [N, C], scores [N, C], overall [N, 1].
 * metadata_props carry the model version, job, ordered feature list, weights hash, created, and
 * the full canonical weights file, so the kiosk explains scores with the model's own numbers.
 */
import onnxPkg from 'onnx-proto';
import { toMatrices, weightsHash, type WeightsFile } from './weightsFile.js';
import { canonicalJson } from '../ids.js';

const { onnx } = onnxPkg;
const DOUBLE = onnx.TensorProto.DataType.DOUBLE;

export const MODEL_META = {
  version: 'model_version',
  job: 'job',
  packVersion: 'pack_version',
  features: 'features',
  competencies: 'competencies',
  weightsHash: 'weights_sha256',
  created: 'created',
  weights: 'weights_json',
  builder: 'builder',
} as const;
export const BUILDER_VERSION = 'kiosk-scoring-builder/1';

function doubleTensor(name: string, dims: number[], values: number[]): InstanceType<typeof onnx.TensorProto> {
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => buf.writeDoubleLE(v, i * 8));
  return onnx.TensorProto.create({ name, dims, dataType: DOUBLE, rawData: buf });
}

function valueInfo(name: string, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: DOUBLE,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }))),
        }),
      }),
    }),
  });
}

export function modelMetadata(w: WeightsFile): Record<string, string> {
  return {
    [MODEL_META.version]: w.modelVersion,
    [MODEL_META.job]: w.packId,
    [MODEL_META.packVersion]: w.packVersion,
    [MODEL_META.features]: JSON.stringify(w.features.map((f) => f.id)),
    [MODEL_META.competencies]: JSON.stringify(w.competencies.map((c) => c.id)),
    [MODEL_META.weightsHash]: weightsHash(w),
    [MODEL_META.created]: w.created,
    [MODEL_META.weights]: canonicalJson(w),
    [MODEL_META.builder]: BUILDER_VERSION,
  };
}

/** Deterministic: the same weights file always gives the same bytes. */
export function buildModel(w: WeightsFile): Uint8Array {
  const { W, B, V } = toMatrices(w);
  const F = w.features.length;
  const C = w.competencies.length;
  const graph = onnx.GraphProto.create({
    name: `score_${w.packId.replace(/-/g, '_')}`,
    node: [
      onnx.NodeProto.create({ opType: 'MatMul', input: ['features', 'W'], output: ['mm'], name: 'weights' }),
      onnx.NodeProto.create({ opType: 'Add', input: ['mm', 'B'], output: ['raw'], name: 'intercepts' }),
      onnx.NodeProto.create({ opType: 'Clip', input: ['raw', 'lo', 'hi'], output: ['scores'], name: 'clamp_0_100' }),
      onnx.NodeProto.create({ opType: 'MatMul', input: ['scores', 'V'], output: ['overall'], name: 'overall_mean' }),
    ],
    initializer: [doubleTensor('W', [F, C], W.flat()), doubleTensor('B', [C], B), doubleTensor('lo', [], [0]), doubleTensor('hi', [], [100]), doubleTensor('V', [C, 1], V)],
    input: [valueInfo('features', ['N', F])],
    output: [valueInfo('raw', ['N', C]), valueInfo('scores', ['N', C]), valueInfo('overall', ['N', 1])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
    producerName: 'interview-kiosk',
    producerVersion: BUILDER_VERSION,
    domain: 'kiosk.scoring',
    modelVersion: versionNumber(w.modelVersion),
    docString: `Competency scores for job pack ${w.packId} (weights ${weightsHash(w).slice(0, 12)})`,
    graph,
    metadataProps: Object.entries(modelMetadata(w)).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** ONNX's model_version is an int64: 1.2.3 → 1002003. */
const versionNumber = (v: string): number => {
  const [a, b, c] = v.split('.').map(Number);
  return a! * 1_000_000 + b! * 1_000 + c!;
};

/** Decodes with onnx-proto (tests use it to check the builder; the kiosk uses readModelMetadata). */
export function decodeModel(bytes: Uint8Array) {
  return onnx.ModelProto.decode(bytes);
}
