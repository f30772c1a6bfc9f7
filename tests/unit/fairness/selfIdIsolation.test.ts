/**
 * Self-identification must never reach a score. Static half (the dynamic half is in
 * tests/integration/fairness/{selfIdScore,cycle}.test.ts): no file of the kiosk's scoring code,
 * the model builder, the weights files or the built models mentions self-ID or its
 * categories, and head office's refit path (samples, validity, holdout) never touches the
 * self-ID table — only impact.ts reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';

const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe('self-ID is kept out of every scoring path', () => {
  it('scoring code, builder, weights and built models never mention self-ID or its categories', () => {
    const files = [...walk(path.join(APP_ROOT, 'electron/services/scoring')), ...walk(path.join(APP_ROOT, 'models/scoring'))];
    expect(files.filter((f) => f.endsWith('.onnx')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => f.endsWith('.ts')).length).toBeGreaterThanOrEqual(10);
    // Code, weights, model cards and built models; the READMEs may say that self-ID never reaches scoring.
    const hits = files
      .filter((f) => !f.endsWith('README.md'))
      .filter((f) => /self_identification|selfid|self-id|gender|age_?band/i.test(fs.readFileSync(f, 'latin1')))
      .map((f) => path.relative(APP_ROOT, f));
    expect(hits).toEqual([]);
  });

  it('head office refit inputs are built without the self-ID table; only impact.ts reads it', () => {
    const dir = path.join(APP_ROOT, 'headoffice/fairness');
    for (const f of ['samples.ts', 'validity.ts', 'holdout.ts']) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/ho_selfid|loadSelfIds|impact\.js|gender|ageBand|age_band/);
    }
    const readers = walk(path.join(APP_ROOT, 'headoffice')).filter((f) => /FROM ho_selfid|JOIN ho_selfid/i.test(fs.readFileSync(f, 'utf8')));
    expect(readers.map((f) => path.relative(APP_ROOT, f)).sort()).toEqual([
      'headoffice/fairness/impact.ts',
      'headoffice/fairness/selfId.ts',
      'headoffice/store/migrations/0003-add-ownership-and-limits.ts',
    ]);
    // selfId.ts (ingest) reads only the record hash, for idempotency; never the categories.
    const ingestReads = fs.readFileSync(path.join(dir, 'selfId.ts'), 'utf8').match(/SELECT[^`']*FROM ho_selfid/g) ?? [];
    expect(ingestReads).toEqual(['SELECT content_hash, kiosk_id FROM ho_selfid']);
    // The store migration that backfills record ownership reads who sent each self-ID record, never the categories.
    const migrationReads = fs.readFileSync(path.join(APP_ROOT, 'headoffice/store/migrations/0003-add-ownership-and-limits.ts'), 'utf8').match(/SELECT[^`]*?FROM ho_selfid/g) ?? [];
    expect(migrationReads).toEqual(['SELECT interview_id, kiosk_id, store_id, record_id, received_at FROM ho_selfid']);
  });

  it('the kiosk routes self-ID to its own table and record, never to scores', () => {
    // The handlers are wiring only; selfId.ts holds the writes.
    const dir = path.join(APP_ROOT, 'electron/services/selfid');
    const src = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(fs.readFileSync(path.join(dir, 'selfId.ts'), 'utf8')).toMatch(/INSERT OR REPLACE INTO self_identification/);
    expect(src).not.toMatch(/\b(FROM|INTO|UPDATE|JOIN)\s+scores\b|from '\.\.\/scoring|core\/scoring/);
  });
});
