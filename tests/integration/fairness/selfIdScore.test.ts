/**
 * Dynamic proof on the kiosk that self-ID never reaches a score: the same interview rescored
 * after the applicant self-identifies (and after changing the answer) gives a byte-identical
 * result with the real model.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { unpackJson } from '../../../electron/services/db/compactJson.js';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { openDatabase } from '../../../electron/services/db/openDatabase.js';
import { scoreInterview } from '../../../electron/services/scoring/scoreInterview.js';
import { cleanupTempDirs, tempDir } from '../sync/harness.js';
import { cashierPack, finishInterview, makePopulation, selfIdSubmitter, shippedCashierWeights } from './population.js';

afterAll(cleanupTempDirs);

it('rescoring after self-identification gives the identical result', async () => {
  const db = openDatabase({ file: path.join(tempDir('kiosk-'), 'k.db'), key: crypto.randomBytes(32).toString('hex') });
  const [p] = makePopulation({ n: 4, seed: 21, biased: false });
  const { interviewId } = await finishInterview(db, cashierPack, p!);
  const result = () => unpackJson((db.prepare('SELECT result FROM scores WHERE interview_id = ?').get(interviewId) as { result: Buffer }).result)!;
  const before = result();
  const submit = selfIdSubmitter(db);
  for (const gender of ['female', 'male']) {
    await submit(interviewId, { ...p!, gender, ageBand: gender === 'female' ? '16-24' : '55+' });
    expect(db.prepare('SELECT gender FROM self_identification WHERE interview_id = ?').get(interviewId)).toEqual({ gender });
    await scoreInterview(db, interviewId, cashierPack, { modelsDir: path.join(APP_ROOT, 'models') });
    expect(result()).toBe(before);
  }
  expect(JSON.parse(before).modelVersion).toBe(`cashier@${shippedCashierWeights.modelVersion}`);
  db.close();
}, 30_000);
