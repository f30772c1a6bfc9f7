/**
 * The outcome loop end to end, across a real kiosk database and a real head office on
 * 127.0.0.1 (SQLite, and PostgreSQL in a throwaway cluster): kiosk interviews scored by the
 * shipped ONNX model (fitted on the graded bank) + self-ID → sync → outcomes imported → validity → refit → holdout
 * comparison → adverse-impact check → approval → publish via the signed downlink → the kiosk
 * applies the model, scores with it and reports it in use. A population with planted bias is
 * blocked: it cannot be approved or published.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { loadModel } from '../../../core/scoring/model.js';
import { bumpMinor, refit } from '../../../core/scoring/refit.js';
import { downlinkDirs } from '../../../electron/services/sync/downlink.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { approveCandidate, changeLog, publishCandidate, refitCandidate } from '../../../headoffice/fairness/candidates.js';
import { impactReport, modelsInUse } from '../../../headoffice/fairness/report.js';
import { currentModel, featureMap, loadSamples, packFor } from '../../../headoffice/fairness/samples.js';
import { importOutcomesCsv } from '../../../headoffice/outcomes/outcomes.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, freshStore, listenHo, startPgCluster, tempDir, type HoKind, type PgCluster } from '../sync/harness.js';
import { cashierPack, finishInterview, makePopulation, outcomesCsv, PLANTED, populateKiosk, shippedCashierWeights, type Synth } from './population.js';

const KEY = crypto.randomBytes(32).toString('hex');
const N = 240;
/** The refit bumps the minor version of the shipped, bank-fitted model. */
const REFIT_VERSION = bumpMinor(shippedCashierWeights.modelVersion);
type Template = { file: string; people: Synth[]; ids: Awaited<ReturnType<typeof populateKiosk>> };

async function buildTemplate(biased: boolean, seed: number): Promise<Template> {
  const dir = tempDir('fair-tpl-');
  const file = path.join(dir, 'kiosk.db');
  const db = openDatabase({ file, key: KEY });
  const people = makePopulation({ n: N, seed, biased, noSelfId: 8 });
  const ids = await populateKiosk(db, people);
  db.close();
  return { file, people, ids };
}

/** A kiosk that is a copy of a populated template, enrolled with this head office. */
async function kioskFrom(t: Template, hoUrl: string, store: HoStore, storeId: string): Promise<{ db: Db; dataDir: string }> {
  const dir = tempDir('fair-kiosk-');
  fs.copyFileSync(t.file, path.join(dir, 'kiosk.db'));
  const db = openDatabase({ file: path.join(dir, 'kiosk.db'), key: KEY });
  await enrollKiosk(db, hoUrl, (await issueEnrollmentCode(store, storeId)).code);
  return { db, dataDir: path.join(dir, 'data') };
}

const kinds: HoKind[] = ['sqlite', 'pg'];
let fair: Template;
let biased: Template;
let pgCluster: PgCluster | null = null;

beforeAll(async () => {
  const t0 = performance.now();
  fair = await buildTemplate(false, 11);
  biased = await buildTemplate(true, 12);
  pgCluster = await startPgCluster();
  console.log(`fairness cycle: 2 × ${N + 8} interviews scored on the kiosk with the shipped ONNX model, PostgreSQL up, in ${Math.round(performance.now() - t0)} ms`);
}, 240_000);
afterAll(() => {
  pgCluster?.stop();
  cleanupTempDirs();
});

describe.each(kinds)('outcome loop and fairness audit (%s)', (kind) => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  const open: Db[] = [];
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    store = await freshStore(kind, pgCluster);
    ho = await listenHo(store);
  });
  afterAll(async () => {
    for (const db of open) db.close();
    for (const c of closers) await c();
    await ho.close();
    await store.close();
  });

  it('refit → check → approve → publish reaches the kiosk, which verifies, uses and reports the new model', async () => {
    const k = await kioskFrom(fair, ho.url, store, 'S1');
    open.push(k.db);
    const up = await syncNow(k.db, k.dataDir, { maxAttempts: 2 });
    expect(up.ok).toBe(true);
    // Self-ID went to its own table, not into the records, interviews or the HR feed.
    const selfIdCount = fair.people.filter((p) => p.gender !== null).length;
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_selfid'))!.n).toBe(selfIdCount);
    expect((await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_records WHERE kind = 'selfid.recorded' OR payload_json LIKE '%ageBand%'`))!.n).toBe(0);
    expect((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_interviews'))!.n).toBe(fair.people.length);

    const hired = fair.people.filter((p) => p.isHired);
    const imp = await importOutcomesCsv(store, outcomesCsv(fair.people, fair.ids, new Date().toISOString().slice(0, 10)), 'hr-import');
    expect(imp).toMatchObject({ ok: true, inserted: hired.length, updated: 0 });

    // Self-ID never reaches a feature vector or a refit: identical with self-ID wiped.
    const pack = await packFor(store, 'cashier');
    const cur = await currentModel(store, 'cashier');
    expect(cur.source).toBe('shipped');
    expect(cur.weights).toEqual(shippedCashierWeights);
    const before = await loadSamples(store, pack, cur.weights);
    const snapshot = await store.all<{
      interview_id: string;
      record_id: string;
      content_hash: string;
      kiosk_id: string;
      store_id: string;
      kiosk_order: number;
      gender: string | null;
      age_band: string | null;
      received_at: string;
    }>('SELECT * FROM ho_selfid');
    await store.run(`UPDATE ho_selfid SET gender = 'female', age_band = '55+'`);
    const scrambled = await loadSamples(store, pack, cur.weights);
    await store.run('DELETE FROM ho_selfid');
    const without = await loadSamples(store, pack, cur.weights);
    const vecs = (xs: typeof before) => xs.map((s) => [s.interviewId, Array.from(s.x), s.outcome]);
    expect(vecs(scrambled)).toEqual(vecs(before));
    expect(vecs(without)).toEqual(vecs(before));
    const fitOn = (xs: typeof before) =>
      refit(
        xs.filter((s) => s.outcome?.retained90 !== null && s.outcome).map((s) => ({ features: featureMap(cur.weights, s.x), outcome: s.outcome!.retained90 === 1 })),
        { base: cur.weights, created: '2026-01-01T00:00:00Z' },
      ).weights;
    expect(fitOn(without)).toEqual(fitOn(before));
    for (const r of snapshot)
      await store.run('INSERT INTO ho_selfid (interview_id, record_id, content_hash, kiosk_id, store_id, kiosk_order, gender, age_band, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        r.interview_id,
        r.record_id,
        r.content_hash,
        r.kiosk_id,
        r.store_id,
        r.kiosk_order,
        r.gender,
        r.age_band,
        r.received_at,
      ]);

    const c = await refitCandidate(store, 'cashier', { by: 'Ana (analyst)', reason: 'quarterly refit on 90-day retention' });
    const base = cur.weights.features.find((f) => f.id === PLANTED)!.weight;
    const planted = c.weights.features.find((f) => f.id === PLANTED)!.weight;
    const otherInd = c.weights.features.filter((f) => f.id.startsWith('ind:') && f.id !== PLANTED).map((f) => Math.abs(f.weight));
    console.log(
      `[${kind}] planted ${PLANTED}: ${base} → ${planted} points (largest other indicator |w| ${Math.max(...otherInd).toFixed(2)}); holdout AUC ${c.comparison.current.auc} → ${c.comparison.candidate.auc}, log-loss ${c.comparison.current.logLoss} → ${c.comparison.candidate.logLoss}; impact ${c.impact.candidate.verdict}`,
    );
    expect(c.status).toBe('awaiting_approval');
    expect(c.modelVersion).toBe(REFIT_VERSION);
    // The refit re-weights the competency features only; the answer model, its exemplars and the
    // bank agreement it was measured with are the shipped model's.
    for (const k of ['formatVersion', 'answerModel', 'exemplars', 'bank', 'skillsShare'] as const) expect(c.weights[k], k).toEqual(cur.weights[k]);
    expect(planted).toBeGreaterThan(base * 1.5);
    expect(planted).toBeGreaterThan(Math.max(...otherInd));
    expect(c.comparison.candidate.auc!).toBeGreaterThan(c.comparison.current.auc! + 0.05);
    expect(c.comparison.candidate.logLoss).toBeLessThan(c.comparison.current.logLoss);
    expect(c.comparison.holdout.n + c.comparison.train.n).toBe(hired.length);
    const plantedRow = c.validity.features.find((f) => f.id === PLANTED)!;
    expect(plantedRow.retained90.r).toBeGreaterThan(0.3);
    expect('ci95' in plantedRow.retained90 && plantedRow.retained90.ci95[0]).toBeGreaterThan(0);
    expect(c.impact.candidate.verdict).toBe('pass');

    await expect(publishCandidate(store, c.id, 'Li Wei')).rejects.toThrow(/only an approved candidate/);
    const approved = await approveCandidate(store, c.id, 'Li Wei (HR director)', 'validity and impact reports reviewed');
    expect(approved.status).toBe('approved');
    const pub = await publishCandidate(store, c.id, 'Li Wei (HR director)');
    expect(pub).toMatchObject({ status: 'published', downlinkVersion: 1 });

    const down = await syncNow(k.db, k.dataDir, { maxAttempts: 2 });
    expect(down.applied).toEqual(['scoringModel cashier v1']);
    const modelsDir = downlinkDirs(k.dataDir).modelsDir;
    const loaded = await loadModel(path.join(modelsDir, 'cashier.onnx')); // hash-checked weights
    expect(loaded.modelVersion).toBe(`cashier@${REFIT_VERSION}`);
    // The next applicant on this kiosk is scored by the published model.
    const next = makePopulation({ n: 4, seed: 99, biased: false })[0]!;
    const { interviewId } = await finishInterview(k.db, cashierPack, { ...next, key: `next-${kind}` }, undefined, [modelsDir]);
    const score = k.db.prepare('SELECT model_version FROM scores WHERE interview_id = ?').get(interviewId) as { model_version: string };
    expect(score.model_version).toBe(`cashier@${REFIT_VERSION}`);
    await syncNow(k.db, k.dataDir, { maxAttempts: 2 });
    const inUse = await modelsInUse(store);
    expect(inUse).toHaveLength(1);
    expect(inUse[0]!.scoringModels).toEqual([{ job: 'cashier', downlinkVersion: 1, state: 'active', modelVersion: `cashier@${REFIT_VERSION}` }]);

    const log = await changeLog(store, 'cashier');
    expect(log.map((e) => e.action)).toEqual(['refit', 'check-passed', 'approve', 'publish']);
    const publish = log.at(-1)!;
    expect(publish.actor).toBe('Li Wei (HR director)');
    expect(publish.reason).toContain('validity and impact reports reviewed');
    expect(publish.detail).toMatchObject({ modelVersion: REFIT_VERSION, validity: { packId: 'cashier' }, impact: { candidate: { verdict: 'pass' } }, downlink: { version: 1 } });

    // Reports over HTTP: JSON, CSV and the page.
    const tok = (await issueToken(store, 'auditor', ['fairness:read'])).token;
    const get = (p: string) => fetch(ho.url + p, { headers: { authorization: `Bearer ${tok}` } });
    const rep = (await (await get('/v1/fairness/report?pack=cashier')).json()) as Awaited<ReturnType<typeof impactReport>>;
    const all = rep.groups.find((g) => g.storeId === '*')!;
    expect(all.withSelfId).toBe(selfIdCount);
    expect(all.rows.find((r) => r.dimension === 'gender' && r.category === 'female')).toMatchObject({ status: 'ok' });
    const csv = await (await get('/v1/fairness/report.csv?pack=cashier')).text();
    expect(csv.split('\r\n')[0]).toContain('store,job,period_from,period_to,dimension,category,applicants,selected,selection_rate,impact_ratio');
    expect(csv).toMatch(/\r\nS1,cashier,,,gender,female,\d+,\d+,0\.\d+,/);
    const page = await (await get('/fairness')).text();
    expect(page).toContain('Impact ratios by store, job and period');
    expect(page).toContain(`cashier@${REFIT_VERSION}`);
    const vcsv = await get('/v1/fairness/validity?pack=cashier&format=csv');
    expect(vcsv.status).toBe(200);
    expect(await vcsv.text()).toMatch(new RegExp(`\\r\\ncashier,${REFIT_VERSION.replace(/\./g, '\\.')},feature,${PLANTED},reliability,[\\d.]+,retained90,0\\.\\d+,`));
  }, 120_000);

  it('a model that learned a proxy for gender is flagged and cannot be approved or published', async () => {
    // Its own head office, so the model in use is the shipped one.
    const store = await freshStore(kind, pgCluster);
    const ho = await listenHo(store);
    closers.push(async () => {
      await ho.close();
      await store.close();
    });
    const k = await kioskFrom(biased, ho.url, store, 'S2');
    open.push(k.db);
    expect((await syncNow(k.db, k.dataDir, { maxAttempts: 2 })).ok).toBe(true);
    expect((await importOutcomesCsv(store, outcomesCsv(biased.people, biased.ids, new Date().toISOString().slice(0, 10)), 'hr-import')).ok).toBe(true);
    const published = await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_downlink WHERE kind = 'scoringModel'`);
    const c = await refitCandidate(store, 'cashier', { by: 'Ana (analyst)', reason: 'refit after store S2 joined' });
    const female = c.impact.candidate.rows.find((r) => r.dimension === 'gender' && r.category === 'female')!;
    console.log(`[${kind}] biased population: candidate verdict ${c.impact.candidate.verdict}; female ${JSON.stringify(female)}; current model verdict ${c.impact.current.verdict}`);
    expect(c.status).toBe('blocked');
    // The model in use passes on the same people: the refit is what created the impact.
    expect(c.impact.current.verdict).toBe('pass');
    expect(c.impact.candidate.verdict).toBe('fail');
    expect(female.status).toBe('adverse');
    expect(c.impact.candidate.reasons.join()).toMatch(/female/);
    await expect(approveCandidate(store, c.id, 'Li Wei', 'looks fine')).rejects.toThrow(/blocked by the adverse-impact check/);
    await expect(publishCandidate(store, c.id, 'Li Wei')).rejects.toThrow(/only an approved candidate/);
    expect(await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_downlink WHERE kind = 'scoringModel'`)).toEqual(published);
    const log = await changeLog(store, 'cashier');
    expect(log.filter((e) => e.candidateId === c.id).map((e) => e.action)).toEqual(['refit', 'blocked']);
  }, 120_000);
});
