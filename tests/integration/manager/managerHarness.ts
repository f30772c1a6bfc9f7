import fs from 'node:fs';
import { createEventBus } from '../../../electron/services/app/eventBus.js';
import type { AppContext } from '../../../electron/services/app/appContext.js';
import { packValue } from '../../../electron/services/db/compactJson.js';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { loadOrCreateKeyFile } from '../../../electron/services/db/keyFile.js';
import { registerInterviewHandlers } from '../../../electron/services/interview/registerInterviewHandlers.js';
import { registerManagerHandlers } from '../../../electron/services/manager/registerManagerHandlers.js';
import { loadPacks } from '../../../core/packs/loadPacks.js';
import { call, createRegistry, type CallContext } from '../../../electron/services/rpc/registry.js';
import type { InputOf, OutputOf, ChannelName } from '../../../electron/shared/contract/index.js';
import { tempConfig } from '../helpers/tempKiosk.js';

/**
 * A controllable clock for lockout, undo-window and retention tests. It is the kiosk's clock
 * (ctx.clock): the interview service stamps its rows with it too. It starts at real time.
 */
export function fakeClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

/**
 * The same wiring as createKioskApp (real encrypted DB in a temp dir, real migrations, real
 * interview + manager handlers), but with an injected clock and a cheap scrypt cost so the
 * many wrong-PIN attempts in these tests stay fast.
 */
export function managerKiosk(clock = fakeClock()) {
  const config = tempConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = loadOrCreateKeyFile(config.keyFile);
  const db = openDatabase({ file: config.dbFile, key });
  const packs = loadPacks(config.packsDir);
  const ctx: AppContext = {
    config,
    db,
    clock: clock.now,
    registry: createRegistry(),
    events: createEventBus(),
    packs: { current: () => packs, reload: () => packs },
    hooks: { onFinish: null, followUpReason: null },
    callContext: () => ({ role: 'public', sessionId: null, userName: null }),
    disposers: [],
  };
  registerInterviewHandlers(ctx);
  const { auth } = registerManagerHandlers(ctx, { clock: clock.now, cost: { logN: 10, r: 8, p: 1 }, retentionJob: false });
  /** Calls as the kiosk screen does: the role comes from the auth service, never from the caller. */
  const rpc = <K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> => call(ctx.registry, name, input, ctx.callContext());
  return {
    ctx,
    db,
    key,
    config,
    clock,
    auth,
    rpc,
    async close() {
      for (const d of [...ctx.disposers].reverse()) await d();
      if (db.open) db.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
export type ManagerKiosk = ReturnType<typeof managerKiosk>;

export const MANAGER_PIN = '246810';
export const STAFF_PIN = '975318';

export async function setUpStore(k: ManagerKiosk) {
  await k.rpc('auth:setup', { storeName: '测试门店', storeId: 'SH-001', managerName: '王经理', pin: MANAGER_PIN });
  await k.rpc('auth:addUser', { name: '小李', role: 'staff', pin: STAFF_PIN });
}

export type Person = { name: string; mobile: string; availability?: string[]; talentPool?: boolean };

/** Takes one complete typed interview through the public contract, like the applicant screens. */
export async function finishInterview(
  k: { ctx: Pick<AppContext, 'registry'>; clock: { now: () => Date } },
  p: Person,
): Promise<{ interviewId: string; receiptCode: string; finish: OutputOf<'interview:finish'> }> {
  const pub: CallContext = { role: 'public', sessionId: null, userName: null };
  const c = <K extends ChannelName>(name: K, input: InputOf<K>) => call(k.ctx.registry, name, input, pub);
  let s = await c('interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: true, talentPool: p.talentPool ?? true, noticeVersion: 'notice-1' } });
  const start = new Date(k.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  s = await c('interview:profile', {
    interviewId: s.interviewId,
    profile: {
      name: p.name,
      mobile: p.mobile,
      availability: (p.availability ?? ['sat-morning', 'sun-afternoon', 'mon-evening']) as never,
      industries: ['retail'],
      expectedWageYuan: 24,
      earliestStart: start,
    },
    confirmations: { lift: true },
  });
  if (s.next.step === 'knockout') s = await c('interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  const face = { framesAnalysed: 300, facePresentRatio: 0.96, multiFaceRatio: 0, attentionRatio: 0.9, framingQuality: 0.8, mouthMovementWhileSpeaking: null, identityConsistency: 0.98 };
  const texts = [`我叫${p.name}，每天都准时到岗。`, '马上告诉组长并改正。', '放警示牌，然后拖干。'];
  for (const text of texts) {
    if (s.next.step !== 'question') throw new Error(`expected a question, got ${s.next.step}`);
    const qi = s.next.question.index;
    const f = qi === 2 ? { ...face, multiFaceRatio: 0.2 } : face;
    s = await c('interview:answer', { interviewId: s.interviewId, questionId: s.next.question.id, mode: 'typed', text, isRetake: false, latencyMs: 1000, durationMs: 20_000, face: f });
  }
  if (s.next.step === 'skills') {
    s = await c('interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map((answer) => ({ answer, ms: 3000 })) });
  }
  const done = await c('interview:finish', { interviewId: s.interviewId });
  return { interviewId: s.interviewId, receiptCode: done.receiptCode!, finish: done };
}

/**
 * A score row in the scoring service's table (migrations 0030, 0090: the result stored compact),
 * so that a recommendation exists to agree or disagree with.
 */
export function storeScore(db: Db, interviewId: string, band: 'recommend' | 'borderline' | 'not_recommended', overall = 72) {
  const result = {
    modelVersion: 'test-sorter@1',
    overall,
    band,
    competencies: [{ id: 'reliability', score: overall, contributions: [{ feature: 'indicator:punctual', contribution: 12.5, evidence: ['每天都准时到岗'] }] }],
  };
  db.prepare(`INSERT OR REPLACE INTO scores (interview_id, status, reason, model_version, result, created_at) VALUES (?, 'scored', NULL, 'test-sorter@1', ?, ?)`).run(
    interviewId,
    packValue(result),
    new Date().toISOString(),
  );
}
