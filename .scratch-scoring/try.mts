import ort from 'onnxruntime-node';
import { buildModel } from '../models/scoring/buildModel.ts';
import { readModelMetadata } from '../electron/services/scoring/onnxMetadata.ts';
import { WeightsFile, evaluateWeights } from '../electron/services/scoring/weightsFile.ts';
const w = WeightsFile.parse({ format:'kiosk-scoring-weights', formatVersion:1, packId:'x', packVersion:'1.0.0', modelVersion:'1.0.0', created:'2026-11-23T00:00:00Z',
 competencies:[{id:'a',intercept:10,overallWeight:1},{id:'b',intercept:-5,overallWeight:2}],
 features:[{id:'f:a',group:'text',competency:'a',weight:30.5,label:{'zh-CN':'x',en:'x'}},{id:'f:b',group:'text',competency:'b',weight:200,label:{'zh-CN':'x',en:'x'}}]});
const bytes = buildModel(w);
console.log(bytes.length, Object.keys(readModelMetadata(bytes)));
const s = await ort.InferenceSession.create(bytes);
console.log(s.inputNames, s.outputNames);
const x=[0.7,0.9];
const r = await s.run({ features: new ort.Tensor('float64', Float64Array.from(x), [1,2]) });
console.log(r.raw.data, r.scores.data, r.overall.data, evaluateWeights(w,x));
