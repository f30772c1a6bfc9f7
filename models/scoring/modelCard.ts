/** Generates the Markdown model card that ships beside each built model. */
import { CAPS, weightsHash, type WeightsFile } from '../../core/scoring/weightsFile.js';

function agreementSection(w: WeightsFile): string[] {
  if (!w.bank || !w.answerModel) return [];
  const lines = [
    '## Agreement with human grades (held-out split, never used for fitting)',
    '',
    `Graded bank \`banks/${w.packId}.bank.json\` (sha256 \`${w.bank.sha256.slice(0, 16)}…\`): ${w.bank.train} training answers, ${w.bank.heldout} held out.`,
    'Machine level = score 0–100 in steps of 25 (0 → 1 … 100 → 5). QWK: quadratic weighted kappa (95 % bootstrap interval, 1,000',
    'resamples, fixed seed); ρ: Spearman between machine score and human level.',
    '',
    '| language | n | QWK | 95 % interval | Spearman ρ | exact | within one level |',
    '|---|---|---|---|---|---|---|',
    ...w.bank.agreement.map((a) => `| ${a.lang} | ${a.n} | ${a.qwk} | ${a.qwkLow}–${a.qwkHigh} | ${a.spearman} | ${a.exact} | ${a.adjacent} |`),
    '',
    '## Answer model',
    '',
    '| feature | weight (points) |',
    '|---|---|',
    `| intercept | ${w.answerModel.intercept} |`,
    ...Object.entries(w.answerModel.weights).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  return lines;
}

export function modelCard(w: WeightsFile): string {
  const groups = ['text', 'skills', 'speech', 'face', 'expression'] as const;
  const lines: string[] = [
    `# Scoring model card: ${w.packId} ${w.modelVersion}`,
    '',
    `Generated from \`models/scoring/weights/${w.packId}.weights.json\` by \`models/scoring/build.ts\`. Do not edit by hand.`,
    '',
    '| field | value |',
    '|---|---|',
    `| job pack | ${w.packId} (features derived from pack version ${w.packVersion}) |`,
    `| model version | ${w.modelVersion} (stored with every score as \`${w.packId}@${w.modelVersion}\`) |`,
    `| weights sha256 | \`${weightsHash(w)}\` |`,
    `| created | ${w.created} |`,
    `| features | ${w.features.length} |`,
    `| format | ONNX IR 8, opset 13, float64; inputs \`features\` [N, ${w.features.length}]; outputs \`raw\`, \`scores\` [N, ${w.competencies.length}], \`overall\` [N, 1] |`,
    '',
    ...agreementSection(w),
    '## What it computes',
    '',
    'Each answer is read clause by clause (negation scope in Chinese and English; keyword lists, copies of the question,',
    'off-topic and one- or two-word answers earn nothing) and compared with the graded answers of the training split.',
    "One answer's score is `clip(intercept + Σ w_k · x_k, 0, 100)` over the answer features below (the answer model, fitted",
    'on the bank). For each competency c: `score_c = clip(intercept_c + Σ weight_f · value_f, 0, 100)`, the mean of the answer',
    'scores of the questions that assess c (a credited indicator counts toward its own competency), with the skills test',
    'supplying its share on the skills competency. `overall = Σ_c share_c · score_c`. Explanations list the terms of this sum',
    '(starting point, one term per answer, the skills test, and a "kept within 0–100" term when the clip changed the score),',
    'so they add up to the score exactly. Band: recommend ≥ pack `scoring.recommendAt`, borderline ≥ `scoring.borderlineAt`,',
    'else not recommended. The band is a recommendation; a person decides.',
    '',
    '## Intended use and limits',
    '',
    '- Screening support for walk-in applicants to this opening; a store manager reviews every result and decides.',
    '- Inputs are the words of the answers (typed or transcribed) and the skills test. Speech-recognition errors lower text',
    '  features; managers should read the transcript before deciding on a borderline result.',
    '- The weights are fitted to human grades of realistic answers written by this project (the graded bank), not to hiring',
    '  outcomes. Head office may refit them from outcomes with `refit()` only after an adverse-impact check.',
    "- Agreement is measured against one grader's levels on answers written by the same team; real applicants will differ.",
    '',
    '## Fairness by construction',
    '',
    '- Speech delivery (pace, pauses, latency), face and expression features are **off in the default store policy**: their',
    '  values are forced to 0 and contribute nothing. When on, each is 0 when absent (typed answer, no camera), so an',
    '  applicant who types or declines the camera is never scored below the neutral point for that feature.',
    `- Face features (values in [-1, 0]) are capped at ${CAPS.facePerCompetency} points per competency in total.`,
    `- Expression features (values in [-0.5, 0.5]) need both the face and the expression policy switches and are capped at ±${CAPS.expressionPerFeature} points each.`,
    '- No emotion inference is used. Self-reported demographics are never inputs.',
    '',
    '## Competencies',
    '',
    '| competency | intercept | share of overall |',
    '|---|---|---|',
  ];
  const total = w.competencies.reduce((s, c) => s + c.overallWeight, 0);
  for (const c of w.competencies) lines.push(`| ${c.id} | ${c.intercept} | ${((100 * c.overallWeight) / total).toFixed(1)}% |`);
  lines.push('', '## Features (in model input order)', '', '| # | id | group | competency | weight | label |', '|---|---|---|---|---|---|');
  w.features.forEach((f, i) => lines.push(`| ${i} | \`${f.id}\` | ${f.group} | ${f.competency} | ${f.weight} | ${f.label.en} / ${f.label['zh-CN']} |`));
  lines.push('', '## Weight by group', '', '| group | features | Σ|weight| |', '|---|---|---|');
  for (const g of groups) {
    const fs = w.features.filter((f) => f.group === g);
    lines.push(`| ${g} | ${fs.length} | ${fs.reduce((s, f) => s + Math.abs(f.weight), 0).toFixed(2)} |`);
  }
  if (w.notes) lines.push('', '## Notes', '', w.notes);
  return lines.join('\n') + '\n';
}
