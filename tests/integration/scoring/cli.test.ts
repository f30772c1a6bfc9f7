import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realPack, ROOT } from '../../fixtures/scoring/fixtures.js';
import { shipped } from './bankHelpers.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const kiosk = (...args: string[]) => spawnSync(TSX, ['electron/cli/kiosk.ts', 'score', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } });

describe('kiosk score CLI', () => {
  it('explains the sample interview as one JSON object with quoted evidence', () => {
    const r = kiosk('tests/fixtures/interview.sample.json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      modelVersion: string;
      overall: number;
      band: string;
      competencies: { id: string; score: number; contributions: { contribution: number }[]; evidence: { questionId: string; quote: string }[] }[];
      answers: { questionId: string; score: number }[];
    };
    expect(out.modelVersion).toBe('retail-sales@2.0.0');
    expect(out.band).toBe('recommend');
    expect(out.competencies.map((c) => c.id)).toEqual(['communication', 'customer-focus', 'composure', 'teamwork', 'reliability']);
    expect(out.answers).toHaveLength(6);
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/interview.sample.json'), 'utf8')) as { answers: { questionId: string; text: string }[] };
    const quotes = out.competencies.flatMap((c) => c.evidence);
    expect(quotes.length).toBeGreaterThan(6);
    for (const q of quotes) expect(sample.answers.find((a) => a.questionId === q.questionId)!.text).toContain(q.quote);
    for (const c of out.competencies) expect(c.contributions.reduce((s, k) => s + Math.round(k.contribution * 10), 0)).toBe(Math.round(c.score * 10));
  });

  it('scores an interview with an embedded pack against a weights file, and rejects bad input with exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-score-cli-'));
    try {
      const weights = path.join(ROOT, 'models/scoring/weights/cashier.weights.json');
      const file = path.join(dir, 'interview.json');
      const pack = realPack('cashier');
      const bank = shipped.cashier!.bank.answers;
      const answers = pack.questions.map((q) => ({ questionId: q.id, text: bank.find((a) => a.split === 'heldout' && a.questionId === q.id && a.lang === 'en' && a.level === 5)!.text }));
      fs.writeFileSync(file, JSON.stringify({ pack, lang: 'en', answers, skills: [{ testId: 'make-change', correct: 7, total: 7, totalMs: 70000 }] }));
      const r = kiosk(file, '--weights', weights);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ modelVersion: 'cashier@2.0.0', band: 'recommend' });
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
