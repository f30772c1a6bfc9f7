/**
 * The model change workflow: refit → candidate → holdout comparison → adverse-impact check →
 * an admin's approval → publish through the signed sync downlink. Every step writes the model
 * change log (who, when, why, and the reports it rested on). A candidate whose check does not
 * pass ('fail' or 'insufficient') is blocked: it cannot be approved or published.
 */
import { ErrorCode, KioskError } from '../../core/errors.js';
import { bandOf } from '../../core/scoring/explain.js';
import { loadModelFromBytes } from '../../core/scoring/model.js';
import { refit } from '../../core/scoring/refit.js';
import { WeightsFile, weightsEvaluator } from '../../core/scoring/weightsFile.js';
import { ulid } from '../../core/ids.js';
import { createLogger } from '../../core/logger.js';
import { buildModel } from '../../core/scoring/buildModel.js';
import { headOfficeKey } from '../admin.js';
import { publishDownlinkIn } from '../publish.js';
import type { HoStore, Queryable } from '../store/types.js';
import { evaluateOnHoldout, HOLDOUT_SHARE, isHoldout, type ModelEval } from './holdout.js';
import { loadSelfIds, modelImpact, type ModelImpact } from './impact.js';
import { currentModel, featureMap, loadSamples, packFor, type Sample } from './samples.js';
import { validityReport, type ValidityReport } from './validity.js';

const log = createLogger('headoffice.fairness');

/** Holdout needs both outcomes to compare anything; fewer than this per class is refused. */
export const MIN_HOLDOUT_PER_CLASS = 5;

export type CandidateStatus = 'awaiting_approval' | 'blocked' | 'approved' | 'published' | 'rejected';
export type Comparison = {
  outcome: 'retained90';
  holdoutShare: number;
  train: { n: number; stayed: number };
  holdout: { n: number; stayed: number };
  current: ModelEval & { model: string };
  candidate: ModelEval & { model: string };
  recommendRate: { current: number; candidate: number };
  fit: { converged: boolean; iterations: number; lambda: number };
};
export type Candidate = {
  id: string;
  packId: string;
  baseVersion: string;
  modelVersion: string;
  status: CandidateStatus;
  createdBy: string;
  createdAt: string;
  reason: string;
  approvedBy: string | null;
  approvedAt: string | null;
  approvalReason: string | null;
  downlinkVersion: number | null;
  publishedAt: string | null;
  weights: WeightsFile;
  validity: ValidityReport;
  comparison: Comparison;
  impact: { candidate: ModelImpact; current: ModelImpact };
};

/** Refusals a head-office admin can act on (CLI prints the message; the API answers 409). */
const refuse = (message: string) => new KioskError(ErrorCode.Conflict, message);

export async function logChange(q: Queryable, e: { packId: string; candidateId: string | null; action: string; actor: string; reason: string; detail: unknown }): Promise<void> {
  await q.run('INSERT INTO ho_model_changes (id, at, pack_id, candidate_id, action, actor, reason, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    ulid(),
    new Date().toISOString(),
    e.packId,
    e.candidateId,
    e.action,
    e.actor.slice(0, 80),
    e.reason.slice(0, 2000),
    JSON.stringify(e.detail),
  ]);
}

const labelled = (s: Sample) => s.outcome !== null && s.outcome.retained90 !== null;

export async function refitCandidate(store: HoStore, packId: string, opts: { by: string; reason: string; lambda?: number; now?: string }): Promise<Candidate> {
  if (!opts.by.trim() || !opts.reason.trim()) throw refuse('say who asks for the refit (--by) and why (--reason)');
  const now = opts.now ?? new Date().toISOString();
  const pack = await packFor(store, packId);
  const current = await currentModel(store, packId);
  const samples = await loadSamples(store, pack, current.weights);
  const validity = validityReport(samples, current.weights, now);
  if (!validity.refit.isAllowed) {
    await logChange(store, { packId, candidateId: null, action: 'refit-refused', actor: opts.by, reason: opts.reason, detail: { why: validity.refit.reason, sample: validity.sample } });
    throw refuse(`Refit refused for ${packId}: ${validity.refit.reason}.`);
  }
  const withOutcome = samples.filter(labelled);
  const train = withOutcome.filter((s) => !isHoldout(s.interviewId));
  const test = withOutcome.filter((s) => isHoldout(s.interviewId));
  const stayed = (xs: Sample[]) => xs.filter((s) => s.outcome!.retained90 === 1).length;
  if (Math.min(stayed(test), test.length - stayed(test)) < MIN_HOLDOUT_PER_CLASS)
    throw refuse(
      `Refit refused for ${packId}: the ${Math.round(HOLDOUT_SHARE * 100)}% holdout has ${stayed(test)} stayed / ${test.length - stayed(test)} left; at least ${MIN_HOLDOUT_PER_CLASS} of each are needed to compare models.`,
    );
  const lambda = opts.lambda ?? 1;
  const fitted = refit(
    train.map((s) => ({ features: featureMap(current.weights, s.x), outcome: s.outcome!.retained90 === 1 })),
    { base: current.weights, created: now, lambda },
  );
  const cand = fitted.weights;
  const evalOf = (w: WeightsFile) => {
    const ev = weightsEvaluator(w);
    const pts = (xs: Sample[]) => xs.map((s) => ({ score: ev(s.x).overall, y: s.outcome!.retained90! }));
    return evaluateOnHoldout(pts(train), pts(test));
  };
  const recRate = (w: WeightsFile) => {
    const ev = weightsEvaluator(w);
    return Math.round((samples.filter((s) => bandOf(Math.round(ev(s.x).overall * 10) / 10, pack) === 'recommend').length / Math.max(1, samples.length)) * 10000) / 10000;
  };
  const comparison: Comparison = {
    outcome: 'retained90',
    holdoutShare: HOLDOUT_SHARE,
    train: { n: train.length, stayed: stayed(train) },
    holdout: { n: test.length, stayed: stayed(test) },
    current: { model: `${packId}@${current.weights.modelVersion}`, ...evalOf(current.weights) },
    candidate: { model: `${packId}@${cand.modelVersion}`, ...evalOf(cand) },
    recommendRate: { current: recRate(current.weights), candidate: recRate(cand) },
    fit: { converged: fitted.fit.converged, iterations: fitted.fit.iterations, lambda },
  };
  const selfIds = await loadSelfIds(store);
  const impact = { candidate: modelImpact(samples, cand, pack, selfIds), current: modelImpact(samples, current.weights, pack, selfIds) };
  const status: CandidateStatus = impact.candidate.verdict === 'pass' ? 'awaiting_approval' : 'blocked';
  const id = 'cand_' + ulid().toLowerCase();
  await store.tx(async (q) => {
    await q.run(
      `INSERT INTO ho_model_candidates (id, pack_id, base_version, model_version, weights_json, status, validity_json, comparison_json, impact_json, created_by, created_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        packId,
        current.weights.modelVersion,
        cand.modelVersion,
        JSON.stringify(cand),
        status,
        JSON.stringify(validity),
        JSON.stringify(comparison),
        JSON.stringify(impact),
        opts.by,
        now,
        opts.reason,
      ],
    );
    await logChange(q, {
      packId,
      candidateId: id,
      action: 'refit',
      actor: opts.by,
      reason: opts.reason,
      detail: { modelVersion: cand.modelVersion, baseVersion: current.weights.modelVersion, comparison },
    });
    await logChange(q, {
      packId,
      candidateId: id,
      action: status === 'blocked' ? 'blocked' : 'check-passed',
      actor: 'adverse-impact check',
      reason: status === 'blocked' ? impact.candidate.reasons.join('; ') : 'no adverse impact found; awaiting an admin’s approval',
      detail: { verdict: impact.candidate.verdict, reasons: impact.candidate.reasons },
    });
  });
  log.info(`candidate ${id} for ${packId}: ${status} (holdout AUC ${comparison.current.auc} → ${comparison.candidate.auc})`);
  return (await getCandidate(store, id))!;
}

type CandRow = {
  id: string;
  pack_id: string;
  base_version: string;
  model_version: string;
  weights_json: string;
  status: CandidateStatus;
  validity_json: string;
  comparison_json: string;
  impact_json: string;
  created_by: string;
  created_at: string;
  reason: string;
  approved_by: string | null;
  approved_at: string | null;
  approval_reason: string | null;
  downlink_version: number | null;
  published_at: string | null;
};

const fromRow = (r: CandRow): Candidate => ({
  id: r.id,
  packId: r.pack_id,
  baseVersion: r.base_version,
  modelVersion: r.model_version,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  reason: r.reason,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  approvalReason: r.approval_reason,
  downlinkVersion: r.downlink_version,
  publishedAt: r.published_at,
  weights: WeightsFile.parse(JSON.parse(r.weights_json)),
  validity: JSON.parse(r.validity_json) as ValidityReport,
  comparison: JSON.parse(r.comparison_json) as Comparison,
  impact: JSON.parse(r.impact_json) as Candidate['impact'],
});

export async function getCandidate(q: Queryable, id: string): Promise<Candidate | null> {
  const r = await q.get<CandRow>('SELECT * FROM ho_model_candidates WHERE id = ?', [id]);
  return r ? fromRow(r) : null;
}

export async function listCandidates(q: Queryable, packId?: string) {
  return q.all<{
    id: string;
    pack_id: string;
    base_version: string;
    model_version: string;
    status: string;
    created_by: string;
    created_at: string;
    approved_by: string | null;
    downlink_version: number | null;
    published_at: string | null;
  }>(
    `SELECT id, pack_id, base_version, model_version, status, created_by, created_at, approved_by, downlink_version, published_at FROM ho_model_candidates
     ${packId ? 'WHERE pack_id = ?' : ''} ORDER BY created_at DESC, id DESC`,
    packId ? [packId] : [],
  );
}

export async function changeLog(q: Queryable, packId?: string) {
  const rows = await q.all<{ id: string; at: string; pack_id: string; candidate_id: string | null; action: string; actor: string; reason: string; detail_json: string }>(
    `SELECT id, at, pack_id, candidate_id, action, actor, reason, detail_json FROM ho_model_changes ${packId ? 'WHERE pack_id = ?' : ''} ORDER BY seq`,
    packId ? [packId] : [],
  );
  return rows.map((r) => ({ id: r.id, at: r.at, packId: r.pack_id, candidateId: r.candidate_id, action: r.action, actor: r.actor, reason: r.reason, detail: JSON.parse(r.detail_json) as unknown }));
}

async function mustGet(q: Queryable, id: string): Promise<Candidate> {
  const c = await getCandidate(q, id);
  if (!c) throw refuse(`no model candidate "${id}" (see: headoffice model list)`);
  return c;
}

export async function approveCandidate(store: HoStore, id: string, by: string, reason: string): Promise<Candidate> {
  if (!by.trim() || !reason.trim()) throw refuse('approval needs the approver (--by) and a reason (--reason)');
  await store.tx(async (q) => {
    const c = await mustGet(q, id);
    if (c.status === 'blocked') throw refuse(`candidate ${id} is blocked by the adverse-impact check (${c.impact.candidate.reasons.join('; ')}); it cannot be approved`);
    if (c.status !== 'awaiting_approval') throw refuse(`candidate ${id} is ${c.status}; only a candidate awaiting approval can be approved`);
    if (c.impact.candidate.verdict !== 'pass') throw refuse(`candidate ${id} has no passing adverse-impact check`);
    const now = new Date().toISOString();
    const r = await q.run(`UPDATE ho_model_candidates SET status = 'approved', approved_by = ?, approved_at = ?, approval_reason = ? WHERE id = ? AND status = 'awaiting_approval'`, [
      by,
      now,
      reason,
      id,
    ]);
    if (r.changes !== 1) throw refuse(`candidate ${id} changed while approving; try again`);
    await logChange(q, { packId: c.packId, candidateId: id, action: 'approve', actor: by, reason, detail: { modelVersion: c.modelVersion, impactVerdict: c.impact.candidate.verdict } });
  });
  return mustGet(store, id);
}

export async function rejectCandidate(store: HoStore, id: string, by: string, reason: string): Promise<Candidate> {
  if (!by.trim() || !reason.trim()) throw refuse('rejecting needs who (--by) and why (--reason)');
  await store.tx(async (q) => {
    const c = await mustGet(q, id);
    if (c.status === 'published' || c.status === 'rejected') throw refuse(`candidate ${id} is already ${c.status}`);
    await q.run(`UPDATE ho_model_candidates SET status = 'rejected' WHERE id = ?`, [id]);
    await logChange(q, { packId: c.packId, candidateId: id, action: 'reject', actor: by, reason, detail: { modelVersion: c.modelVersion } });
  });
  return mustGet(store, id);
}

/** Builds the .onnx, proves it loads and matches its weights, and publishes it as kind scoringModel. */
export async function publishCandidate(store: HoStore, id: string, by: string, opts: { stores?: string[] | null; reason?: string } = {}): Promise<Candidate & { sha256: string }> {
  const c = await mustGet(store, id);
  if (c.status !== 'approved') throw refuse(`candidate ${id} is ${c.status}; only an approved candidate can be published`);
  const onnx = Buffer.from(buildModel(c.weights));
  const loaded = await loadModelFromBytes(onnx, `${c.packId}.onnx`);
  if (loaded.modelVersion !== `${c.packId}@${c.modelVersion}`) throw refuse('the built model does not carry the candidate’s version');
  const key = await headOfficeKey(store);
  // One serial transaction: two head-office instances publishing the same candidate at once
  // publish it once (the second finds it no longer approved and nothing is published).
  const published = await store.tx(
    async (q) => {
      const claimed = await q.run(`UPDATE ho_model_candidates SET status = 'published', published_at = ? WHERE id = ? AND status = 'approved'`, [new Date().toISOString(), id]);
      if (claimed.changes !== 1) throw refuse(`candidate ${id} was published or changed meanwhile; see: headoffice model list`);
      const published = await publishDownlinkIn(q, key.privateKeyPem, 'scoringModel', c.packId, onnx, opts.stores ?? null);
      await q.run(`UPDATE ho_model_candidates SET downlink_version = ? WHERE id = ?`, [published.version, id]);
      await logChange(q, {
        packId: c.packId,
        candidateId: id,
        action: 'publish',
        actor: by,
        reason: opts.reason ?? `approved by ${c.approvedBy}: ${c.approvalReason}`,
        detail: {
          modelVersion: c.modelVersion,
          baseVersion: c.baseVersion,
          downlink: { kind: 'scoringModel', name: c.packId, version: published.version, sha256: published.sha256, stores: opts.stores ?? null },
          approvedBy: c.approvedBy,
          approvedAt: c.approvedAt,
          approvalReason: c.approvalReason,
          validity: c.validity,
          comparison: c.comparison,
          impact: c.impact,
        },
      });
      return published;
    },
    { serial: true },
  );
  return { ...(await mustGet(store, id)), sha256: published.sha256 };
}
