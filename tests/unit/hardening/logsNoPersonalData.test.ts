import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InterviewState } from '../../../electron/shared/contract/interview.js';
import { call, type CallContext } from '../../../electron/services/rpc/registry.js';
import { createLogger, setLogSink } from '../../../core/logger.js';
import { PROFILE, tempKiosk } from '../../integration/helpers/tempKiosk.js';

/**
 * Drives a realistic day through the real kiosk app (applicant interview, typed answers that
 * repeat the applicant's name and number, a human-interview request, manager set-up, unlock,
 * review, decision, wrong PINs up to lock-out, invalid input) with every log line captured at
 * debug level, then checks that no name, mobile, PIN, receipt code or database key was logged.
 */
const APPLICANT = { name: '王秀英', mobile: '13712345678' };
const WALK_IN = { name: '赵德柱', mobile: '15098765432' };
const MANAGER = { name: '陈经理', pin: '482615' };
const WRONG_PIN = '999111';

const lines: string[] = [];
const secrets: string[] = [];
let kiosk: ReturnType<typeof tempKiosk>;
const savedLevel = process.env.KIOSK_LOG_LEVEL;

async function answerEverything(state: InterviewState): Promise<InterviewState> {
  let s = state;
  for (let guard = 0; guard < 40; guard++) {
    const next = s.next;
    if (next.step === 'knockout') s = await call(kiosk.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
    else if (next.step === 'question')
      s = await call(kiosk.registry, 'interview:answer', {
        interviewId: s.interviewId,
        questionId: next.question.id,
        mode: 'typed',
        text: `我叫${APPLICANT.name}，电话${APPLICANT.mobile}。上次在超市帮顾客找到商品，先问清楚需要什么，再带他过去，最后顾客很满意。`,
        isRetake: false,
        latencyMs: 1200,
        durationMs: 30_000,
      });
    else if (next.step === 'skills')
      s = await call(kiosk.registry, 'interview:skills', {
        interviewId: s.interviewId,
        testId: next.test.id,
        responses: next.test.items.map(() => ({ answer: APPLICANT.mobile.slice(0, 8), ms: 2000 })),
      });
    else return s;
  }
  throw new Error('interview did not reach the finish step');
}

beforeAll(async () => {
  process.env.KIOSK_LOG_LEVEL = 'debug';
  setLogSink((line) => lines.push(line));
  kiosk = tempKiosk();
  const key = fs.readFileSync(kiosk.config.keyFile, 'utf8').trim();
  secrets.push(key, key.toUpperCase(), APPLICANT.name, APPLICANT.mobile, WALK_IN.name, WALK_IN.mobile, MANAGER.name, MANAGER.pin, WRONG_PIN);

  // Applicant.
  const { openings } = await call(kiosk.registry, 'packs:list', {});
  let s = await call(kiosk.registry, 'interview:start', { packId: openings[0]!.packId, lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: '1' } });
  const pack = kiosk.packs.current().packs.find((p) => p.pack.id === openings[0]!.packId)!.pack;
  const confirmations = Object.fromEntries(pack.knockouts.filter((k) => k.kind === 'confirm').map((k) => [k.id, true]));
  s = await call(kiosk.registry, 'interview:profile', {
    interviewId: s.interviewId,
    profile: { ...PROFILE, ...APPLICANT, availability: [...PROFILE.availability], industries: [...PROFILE.industries] },
    confirmations,
  });
  s = await answerEverything(s);
  const finished = await call(kiosk.registry, 'interview:finish', { interviewId: s.interviewId });
  if (finished.receiptCode) secrets.push(finished.receiptCode, finished.receiptCode.replace(/-/g, ''));
  await call(kiosk.registry, 'interview:humanRequest', { interviewId: null, packId: openings[0]!.packId, name: WALK_IN.name, mobile: WALK_IN.mobile, lang: 'zh-CN' });
  // Invalid input carrying personal data (refused; must not be echoed into the log).
  await kiosk.registry.dispatch('interview:humanRequest', { name: WALK_IN.name, mobile: `${WALK_IN.mobile}9`, lang: 'xx' }, kiosk.callContext());

  // Manager: set-up, review, decide, lock, then a stranger guessing PINs until lock-out.
  await call(kiosk.registry, 'auth:setup', { storeName: '徐汇店', storeId: 'SH-001', managerName: MANAGER.name, pin: MANAGER.pin }, kiosk.callContext());
  await call(kiosk.registry, 'auth:lock', {}, kiosk.callContext());
  const managerId = (await call(kiosk.registry, 'auth:status', {}, kiosk.callContext())).people[0]!.id;
  await call(kiosk.registry, 'auth:unlock', { userId: managerId, pin: MANAGER.pin }, kiosk.callContext());
  const ctx: CallContext = kiosk.callContext();
  expect(ctx.role).toBe('manager');
  await call(kiosk.registry, 'manager:dashboard', {}, ctx);
  await call(kiosk.registry, 'manager:applicant', { interviewId: s.interviewId }, ctx);
  await call(kiosk.registry, 'manager:decide', { interviewId: s.interviewId, decision: 'pass', reason: `${APPLICANT.name} 表现很好`, keepInPool: true }, ctx);
  await call(kiosk.registry, 'auth:lock', {}, kiosk.callContext());
  for (let i = 0; i < 8; i++) await kiosk.registry.dispatch('auth:unlock', { userId: managerId, pin: WRONG_PIN }, kiosk.callContext());
});

afterAll(async () => {
  setLogSink((line) => process.stderr.write(line + '\n'));
  if (savedLevel === undefined) delete process.env.KIOSK_LOG_LEVEL;
  else process.env.KIOSK_LOG_LEVEL = savedLevel;
  await kiosk?.cleanup();
});

describe('logs', () => {
  test('the operations were logged at all (so the check below means something)', () => {
    expect(lines.length).toBeGreaterThan(3);
    process.stderr.write(`logs test: ${lines.length} lines captured, ${secrets.length} secrets checked\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  });

  test('contain no name, mobile, PIN, receipt code or key', () => {
    for (const secret of secrets) {
      const hits = lines.filter((l) => l.includes(secret));
      expect(hits, `logged: ${secret.slice(0, 3)}…`).toEqual([]);
    }
    // Any 11-digit mainland mobile at all.
    expect(lines.filter((l) => /(?<!\d)1[3-9]\d{9}(?!\d)/.test(l))).toEqual([]);
  });

  test('the check can fail: names pass the logger unredacted, so a leak would be caught here', () => {
    const from = lines.length;
    createLogger('probe').warn(`applicant ${APPLICANT.name} called`);
    expect(lines.slice(from).some((l) => l.includes(APPLICANT.name))).toBe(true);
    lines.splice(from);
  });
});
