import fs from 'node:fs';
import { JobPack } from '../electron/shared/packs/packSchema.ts';
import { defaultWeights } from '../electron/services/scoring/defaultWeights.ts';
import { buildModel } from '../models/scoring/buildModel.ts';
import { loadModel } from '../electron/services/scoring/model.ts';
import { scoreInput } from '../electron/services/scoring/scoreInterview.ts';
import { DEFAULT_POLICY } from '../electron/services/scoring/policy.ts';
const pack = JobPack.parse(JSON.parse(fs.readFileSync('tests/fixtures/scoring/fx-retail.pack.json','utf8')));
const w = defaultWeights(pack, { created: '2026-11-23T00:00:00Z' });
fs.writeFileSync('.scratch-scoring/fx.onnx', buildModel(w));
const m = await loadModel('.scratch-scoring/fx.onnx');
const ans = JSON.parse(fs.readFileSync('tests/fixtures/scoring/fx-answers.json','utf8'));
for (const lang of ['zh-CN','en']) for (const k of ['strong','weak']) {
  const input = { lang, cameraConsent:false, answers: Object.entries(ans[lang][k]).map(([questionId,text])=>({questionId, mode:'typed', text, latencyMs:null,durationMs:null,speakingRate:null,pauseRatio:null,face:null})), skills: k==='strong'?[{testId:'change',correct:4,total:4,totalMs:60000}]:[{testId:'change',correct:1,total:4,totalMs:110000}] };
  const t=performance.now();
  const r = await scoreInput(pack, input as any, m, DEFAULT_POLICY);
  console.log(lang,k,(performance.now()-t).toFixed(1),'ms', r.result.overall.score, r.result.band, r.result.competencies.map(c=>`${c.id}=${c.score}`).join(' '));
  if (k==='strong' && lang==='zh-CN') { console.log(JSON.stringify(r.result.competencies[1],null,1).slice(0,3000)); console.log(JSON.stringify(r.feedback,null,1)); }
  if (k==='weak' && lang==='en') console.log(JSON.stringify(r.feedback,null,1));
}
