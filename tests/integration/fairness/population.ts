/**
 * Synthetic applicants for the fairness tests, written on a real kiosk database the way the
 * interview service writes them: applicant, interview, typed answers (zh-CN), real scoring with
 * the shipped ONNX model (fitted on the pack's graded bank), then the interview.completed sync
 * record and, through the real selfid:submit handler, self-ID.
 *
 * Answers: for most questions a graded answer from the pack's own bank, at a level that follows
 * the applicant's quality (so scores vary the way real answers do); the why-cashier answer is
 * composed of real sentences built on its indicators' paraphrases, so that the planted indicator
 * is present exactly when planted.
 *
 * Planted signal: the "clear weekly schedule" indicator of the why-cashier answer
 * (ind:why-cashier:reliability:clear-schedule) drives 90-day retention. In the biased
 * population that indicator is far more common among men, so a model that learns it
 * recommends women far less often. Feature profiles are replicated across the self-ID cells
 * so that, apart from the planted indicator, every group has exactly the same answers.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import type { AppContext } from '../../../electron/services/app/appContext.js';
import type { Db } from '../../../electron/services/db/openDatabase.js';
import { buildInterviewRecord } from '../../../electron/services/interview/interviewRecord.js';
import { call, createRegistry } from '../../../electron/services/rpc/registry.js';
import { scoreInterview } from '../../../electron/services/scoring/scoreInterview.js';
import { registerSelfIdHandlers } from '../../../electron/services/selfid/registerSelfIdHandlers.js';
import { enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { nowIso } from '../../../core/ids.js';
import { AnswerBank, type BankAnswer } from '../../../core/packs/bankSchema.js';
import type { JobPack } from '../../../core/packs/packSchema.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';

export const PLANTED = 'ind:why-cashier:reliability:clear-schedule';
export const cashierPack = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'resources/packs/cashier.json'), 'utf8')) as JobPack;
/** The fitted weights the shipped cashier model was built from (its model version is what kiosks report). */
export const shippedCashierWeights = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'models/scoring/weights/cashier.weights.json'), 'utf8')));

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export type Synth = {
  key: string;
  profile: string;
  gender: string | null;
  ageBand: string | null;
  quality: number;
  planted: 0 | 1;
  retained30: 0 | 1;
  retained90: 0 | 1;
  rating: number;
  isHired: boolean;
};

const CELLS = [
  ['female', '16-24'],
  ['female', '25-39'],
  ['male', '16-24'],
  ['male', '25-39'],
] as const;

/**
 * n applicants (a multiple of 4 plus a few without self-ID). profiles[k] is shared by the k-th
 * person of every cell; only `planted` may depend on gender (biased) — outcomes always follow
 * the planted indicator, never gender.
 */
export function makePopulation(opts: { n: number; seed: number; biased: boolean; noSelfId?: number; menRate?: number; womenRate?: number }): Synth[] {
  const r = rng(opts.seed);
  const perCell = Math.floor(opts.n / 4);
  const profiles = Array.from({ length: perCell }, () => ({ quality: r(), u: r() }));
  const out: Synth[] = [];
  for (let k = 0; k < perCell; k++) {
    for (const [gender, ageBand] of CELLS) {
      const p = profiles[k]!;
      const rate = opts.biased ? (gender === 'male' ? (opts.menRate ?? 0.8) : (opts.womenRate ?? 0.2)) : 0.5;
      out.push(person(`${opts.seed}-${k}-${gender}-${ageBand}`, `${opts.seed}-${k}`, gender, ageBand, p.quality, p.u < rate ? 1 : 0, r));
    }
  }
  for (let i = 0; i < (opts.noSelfId ?? 0); i++) out.push(person(`${opts.seed}-x${i}`, `${opts.seed}-x${i}`, null, null, r(), r() < 0.5 ? 1 : 0, r));
  return out;
}

function person(key: string, profile: string, gender: string | null, ageBand: string | null, quality: number, planted: 0 | 1, r: () => number): Synth {
  const logit = -1.3 + 2.8 * planted + 0.6 * (quality - 0.5);
  const retained90 = r() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  const retained30 = retained90 ? 1 : r() < 0.5 ? 1 : 0;
  const rating = Math.max(1, Math.min(5, Math.round(2.2 + 1.6 * planted + quality + (r() - 0.5))));
  return { key, profile, gender, ageBand, quality, planted, retained30, retained90, rating, isHired: r() < 0.75 };
}

const banks = new Map<string, BankAnswer[]>();
/** The pack's graded Chinese answers (resources/packs/banks/<id>.bank.json), by question. */
function bankAnswers(pack: JobPack, questionId: string): BankAnswer[] {
  if (!banks.has(pack.id)) {
    const bank = AnswerBank.parse(JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'resources/packs/banks', `${pack.id}.bank.json`), 'utf8')));
    banks.set(
      pack.id,
      bank.answers.filter((a) => a.lang === 'zh-CN'),
    );
  }
  return banks.get(pack.id)!.filter((a) => a.questionId === questionId);
}

/**
 * The why-cashier answer, in sentences a real applicant would say, each carrying a paraphrase
 * of one of the question's indicators (checked against the pack below, so a pack edit that drops
 * one fails loudly instead of silently flattening the population).
 */
const WHY_CASHIER: { indicator: string; text: string }[] = [
  { indicator: 'real-reason', text: '我想做收银，主要是想赚点生活费' },
  { indicator: 'relevant-strength', text: '我以前在超市收过银，收钱找零都很熟' },
  { indicator: 'fits-busy-times', text: '我知道晚上人最多，那个时候我正好有空' },
  { indicator: 'early-notice', text: '要是有事我会至少提前一周说，自己找人顶班' },
];
/**
 * With the planted indicator (clear-schedule: 周末全天) or without it, about as long; neither
 * echoes the question's own words (a bare "我每周能排五天班" reads as a copy of the question).
 */
const SCHEDULE = { planted: '一周五天我都能来上班，周末全天也可以', not: '具体哪几天能来，我还得回去跟家里商量一下' };

function checkWhyCashier(pack: JobPack): void {
  const q = pack.questions.find((x) => x.id === 'why-cashier');
  const has = (id: string, text: string) => q?.indicators.find((i) => i.id === id)?.paraphrases['zh-CN'].some((p) => text.includes(p)) ?? false;
  for (const part of WHY_CASHIER) if (!has(part.indicator, part.text)) throw new Error(`population: "${part.text}" no longer carries a paraphrase of why-cashier/${part.indicator}`);
  if (!has(PLANTED.split(':')[3]!, SCHEDULE.planted) || has(PLANTED.split(':')[3]!, SCHEDULE.not))
    throw new Error('population: the planted schedule sentences no longer match clear-schedule as intended');
}

/**
 * Typed zh-CN answers, seeded by the profile, so the k-th person of every self-ID cell answers
 * alike: a bank answer per question at a level around 1 + 4·quality, and the composed
 * why-cashier answer (each of its sentences more likely with quality, the schedule sentence
 * with or without the planted indicator).
 */
export function answersFor(pack: JobPack, s: Synth): { questionId: string; text: string }[] {
  const r = rng(parseInt(crypto.createHash('sha256').update(s.profile).digest('hex').slice(0, 8), 16));
  return pack.questions.map((q) => {
    if (`ind:${q.id}:reliability:clear-schedule` === PLANTED) {
      checkWhyCashier(pack);
      const parts = WHY_CASHIER.filter(() => r() < 0.35 + 0.6 * s.quality).map((p) => p.text);
      parts.splice(Math.min(1, parts.length), 0, s.planted ? SCHEDULE.planted : SCHEDULE.not);
      return { questionId: q.id, text: parts.join('。') + '。' };
    }
    const level = Math.max(1, Math.min(5, Math.round(1 + 4 * s.quality + (r() - 0.5) * 1.5)));
    const pool = bankAnswers(pack, q.id).filter((a) => a.level === level);
    if (!pool.length) throw new Error(`population: no graded zh-CN answer at level ${level} for ${pack.id}/${q.id}`);
    return { questionId: q.id, text: pool[Math.floor(r() * pool.length)]!.text };
  });
}

let n = 0;
/** Writes, scores and finishes one interview on the kiosk; queues its sync record. */
export async function finishInterview(db: Db, pack: JobPack, s: Synth, modelsDir = path.join(APP_ROOT, 'models'), preferDirs: string[] = []): Promise<{ interviewId: string; receiptCode: string }> {
  const interviewId = `iv-${s.key}`;
  const applicantId = `ap-${s.key}`;
  const now = nowIso();
  const packJson = JSON.stringify(pack);
  const hash = crypto.createHash('sha256').update(packJson).digest('hex');
  const receiptCode = `R${crypto.createHash('sha256').update(s.key).digest('hex').slice(0, 7).toUpperCase()}`;
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO pack_snapshots (hash, pack_id, version, json, created_at) VALUES (?, ?, ?, ?, ?)').run(hash, pack.id, pack.version, packJson, now);
    db.prepare('INSERT INTO applicants (id, name, mobile, created_at) VALUES (?, ?, ?, ?)').run(applicantId, `测试${++n}`, `139${String(n).padStart(8, '0')}`, now);
    db.prepare(
      `INSERT INTO interviews (id, applicant_id, pack_id, pack_version, pack_hash, lang, status, camera_consent, notice_version, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'zh-CN', 'in_progress', 0, 'n1', ?, ?)`,
    ).run(interviewId, applicantId, pack.id, pack.version, hash, now, now);
    for (const a of answersFor(pack, s))
      db.prepare(`INSERT INTO answers (id, interview_id, question_id, attempt, mode, text, duration_ms, created_at) VALUES (?, ?, ?, 1, 'typed', ?, 30000, ?)`).run(
        `an-${s.key}-${a.questionId}`,
        interviewId,
        a.questionId,
        a.text,
        now,
      );
  })();
  await scoreInterview(db, interviewId, pack, { modelsDir, preferDirs });
  db.transaction(() => {
    db.prepare(`UPDATE interviews SET status = 'finished', receipt_code = ?, finished_at = ?, updated_at = ? WHERE id = ?`).run(receiptCode, nowIso(), nowIso(), interviewId);
    enqueueOutbox(db, 'interview.completed', interviewId, buildInterviewRecord(db, interviewId));
  })();
  return { interviewId, receiptCode };
}

/** Self-ID through the kiosk's real selfid:submit handler (separate table + its own record). */
export function selfIdSubmitter(db: Db) {
  const ctx = { db, clock: () => new Date(), registry: createRegistry(), disposers: [] } as unknown as AppContext;
  registerSelfIdHandlers(ctx);
  return (interviewId: string, s: Synth) => call(ctx.registry, 'selfid:submit', { interviewId, answers: { gender: s.gender ?? 'prefer-not', ageBand: s.ageBand ?? 'prefer-not' } });
}

export async function populateKiosk(db: Db, people: Synth[]): Promise<Map<string, { interviewId: string; receiptCode: string }>> {
  const submit = selfIdSubmitter(db);
  const ids = new Map<string, { interviewId: string; receiptCode: string }>();
  for (const s of people) {
    const done = await finishInterview(db, cashierPack, s);
    ids.set(s.key, done);
    if (s.gender !== null || s.ageBand !== null) await submit(done.interviewId, s);
  }
  return ids;
}

/** The outcomes CSV head office's HR team would import (receipt codes for half the rows). */
export function outcomesCsv(people: Synth[], ids: Map<string, { interviewId: string; receiptCode: string }>, hireDate: string): string {
  const lines = ['interview_id,receipt_code,hire_date,retained_30d,retained_90d,manager_rating'];
  people
    .filter((s) => s.isHired)
    .forEach((s, i) => {
      const id = ids.get(s.key)!;
      lines.push([i % 2 ? id.interviewId : '', i % 2 ? '' : id.receiptCode, hireDate, s.retained30 ? 'yes' : 'no', s.retained90 ? 'yes' : 'no', s.rating].join(','));
    });
  return lines.join('\n') + '\n';
}
