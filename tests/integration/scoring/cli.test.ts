import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWeights } from '../../../electron/services/scoring/defaultWeights.js';
import { CREATED, FX_ANSWERS, FX_PACK, ROOT } from '../../fixtures/scoring/fixtures.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const kiosk = (...args: string[]) =>
  spawnSync(TSX, ['electron/cli/kiosk.ts', 'score', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } });

describe('kiosk score CLI', () => {
  it('explains the sample interview as one JSON object with quoted evidence', () => {
    const r = kiosk('tests/fixtures/interview.sample.json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      modelVersion: string;
      overall: number;
      band: string;
      competencies: { id: string; score: number; contributions: { contribution: number; evidence: { questionId: string; text: string }[] }[] }[];
    };
    expect(out.modelVersion).toBe('retail-sales@1.0.0');
    expect(['recommend', 'borderline', 'not_recommended']).toContain(out.band);
    expect(out.competencies.map((c) => c.id)).toEqual(['communication', 'customer-focus', 'composure', 'teamwork', 'reliability']);
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/interview.sample.json'), 'utf8')) as { answers: { questionId: string; text: string }[] };
    const quotes = out.competencies.flatMap((c) => c.contributions.flatMap((k) => k.evidence));
    expect(quotes.length).toBeGreaterThan(10);
    for (const q of quotes) expect(sample.answers.find((a) => a.questionId === q.questionId)!.text).toContain(q.text);
    for (const c of out.competencies) expect(c.contributions.reduce((s, k) => s + Math.round(k.contribution * 10), 0)).toBe(Math.round(c.score * 10));
  });

  it('scores an interview with an embedded pack against a weights file, and rejects bad input with exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-score-cli-'));
    try {
      const weights = path.join(dir, 'fx.weights.json');
      fs.writeFileSync(weights, JSON.stringify(defaultWeights(FX_PACK, { created: CREATED })));
      const file = path.join(dir, 'interview.json');
      fs.writeFileSync(file, JSON.stringify({ pack: FX_PACK, lang: 'en', answers: Object.entries(FX_ANSWERS.en.strong).map(([questionId, text]) => ({ questionId, text })) }));
      const r = kiosk(file, '--weights', weights);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ modelVersion: 'fx-retail@1.0.0', band: 'recommend' });
      fs.writeFileSync(file, JSON.stringify({ lang: 'en', answers: [] }));
      const bad = kiosk(file);
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('packId');
      const missing = kiosk(path.join(ROOT, 'tests/fixtures/interview.sample.json'), '--model', path.join(dir, 'none.onnx'));
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('not scored');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
