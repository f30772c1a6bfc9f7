import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/rpc/registry.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import type { InterviewState } from '../../../electron/shared/contract/interview.js';
import { PROFILE, ROOT, tempKiosk } from '../helpers/tempKiosk.js';

/**
 * createKioskApp takes the clock, and the interview service (with the modules split from it:
 * call-back requests, the receipt) and what it drives (scoring, self-identification, erasure)
 * stamp every row with it: a kiosk whose clock says 2030 writes 2030 everywhere, in every table
 * and in every sync record, and nothing of the real time.
 */
const FIXED = '2030-01-02T03:04:05.678Z';
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

let app: ReturnType<typeof tempKiosk> | null = null;
afterEach(async () => {
  await app?.cleanup();
  app = null;
});

const inDays = (days: number) => new Date(Date.parse(FIXED) + days * 86_400_000).toISOString().slice(0, 10);

/** Every ISO timestamp in every text cell of every table, by table, plus those in the sync records' payloads. */
function timestampsWritten(db: NonNullable<typeof app>['db']): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (where: string, text: string) => {
    for (const m of text.matchAll(ISO)) found.set(where, [...(found.get(where) ?? []), m[0]]);
  };
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) if (typeof v === 'string') add(t, v);
    }
  }
  // The records head office will get (built from the rows when an interview.completed is sealed).
  for (const { id } of db.prepare('SELECT id FROM outbox').all() as { id: string }[]) add('outbox payload', JSON.stringify(readOutboxPayload(db, id)));
  return found;
}

describe('createKioskApp with a fixed clock', () => {
  it('an interview run through the service writes only the clock’s time: rows, audit, sync records, score, self-id, call-back, erasure', async () => {
    app = tempKiosk({ packsDir: path.join(ROOT, 'resources', 'packs') }, { clock: () => new Date(FIXED), jobs: { retention: false, sync: false, scoringWarmUpMs: 60_000 } });
    const a = app;
    const consent = { data: true as const, camera: true, talentPool: true, noticeVersion: 'n1' };
    const profile = { ...PROFILE, availability: [...PROFILE.availability], industries: [...PROFILE.industries], earliestStart: inDays(2) };
    const yes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, true]));

    // One finished interview: profile, every question (one retake, follow-ups answered), skills, finish.
    let s: InterviewState = await call(a.registry, 'interview:start', { packId: 'cashier', lang: 'zh-CN', isPractice: false, consent });
    s = await call(a.registry, 'interview:profile', { interviewId: s.interviewId, profile, confirmations: yes });
    if (s.next.step === 'knockout') s = await call(a.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
    let isFirst = true;
    while (s.next.step === 'question' || s.next.step === 'followUp') {
      if (s.next.step === 'followUp') {
        s = await call(a.registry, 'interview:followUp', {
          interviewId: s.interviewId,
          questionId: s.next.followUp.questionId,
          mode: 'typed',
          text: '我会先问清楚再做，做完再检查一遍。',
          durationMs: 9000,
        });
        continue;
      }
      const questionId = s.next.question.id;
      s = await call(a.registry, 'interview:answer', { interviewId: s.interviewId, questionId, mode: 'typed', text: '好', isRetake: false, latencyMs: 900, durationMs: 4000 });
      if (isFirst) {
        s = await call(a.registry, 'interview:answer', {
          interviewId: s.interviewId,
          questionId,
          mode: 'typed',
          text: '我在超市做过两年收银，每天开店前清点零钱，顾客多时也按顺序排队结账。',
          isRetake: true,
          latencyMs: 800,
          durationMs: 20_000,
        });
        isFirst = false;
      }
    }
    while (s.next.step === 'skills') {
      s = await call(a.registry, 'interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map((answer) => ({ answer, ms: 2500 })) });
    }
    expect(s.next.step).toBe('finish');
    const finished = s.interviewId;
    const done = await call(a.registry, 'interview:finish', { interviewId: finished });
    expect(done.receiptCode).toBeTruthy();
    await call(a.registry, 'selfid:submit', { interviewId: finished, answers: { gender: 'female', ageBand: '25-39' } });
    await call(a.registry, 'interview:humanRequest', { interviewId: finished, packId: 'cashier', name: '李四', mobile: '13900001111', lang: 'zh-CN' });

    // One stopped interview: erased at once, its anonymous row and record kept.
    let stopped: InterviewState = await call(a.registry, 'interview:start', { packId: 'cashier', lang: 'en', isPractice: false, consent });
    stopped = await call(a.registry, 'interview:profile', { interviewId: stopped.interviewId, profile, confirmations: yes });
    expect(await call(a.registry, 'interview:abandon', { interviewId: stopped.interviewId, reason: 'cancelled' })).toEqual({ abandoned: true });

    const written = timestampsWritten(a.db);
    const all = [...written.values()].flat();
    expect(all.length).toBeGreaterThan(20);
    expect(Object.fromEntries([...written].map(([t, ts]) => [t, ts.filter((x) => x !== FIXED)]).filter(([, ts]) => ts.length))).toEqual({});
    expect(new Set(all)).toEqual(new Set([FIXED]));
    // The timestamps were really looked at where the interview wrote them.
    for (const t of ['interviews', 'applicants', 'answers', 'skills_results', 'pack_snapshots', 'audit_log', 'outbox', 'outbox payload', 'scores', 'self_identification', 'human_requests']) {
      expect(written.get(t)?.length ?? 0, t).toBeGreaterThan(0);
    }
    const followUps = a.db.prepare('SELECT asked_at, answered_at FROM follow_ups').all() as { asked_at: string; answered_at: string | null }[];
    expect(followUps.length).toBeGreaterThan(0);
    for (const f of followUps) expect([f.asked_at, f.answered_at]).toEqual([FIXED, FIXED]);
    // The resume window is measured by the same clock: the stopped one is not offered, nothing else is open.
    expect(await call(a.registry, 'interview:resume', {})).toEqual({ state: null });
    expect(a.db.prepare(`SELECT kind FROM outbox ORDER BY kind`).all()).toEqual([
      { kind: 'human.requested' },
      { kind: 'interview.abandoned' },
      { kind: 'interview.completed' },
      { kind: 'selfid.recorded' },
    ]);
  });

  it('an interview left open is offered for resumption by the app’s clock, not the real one', async () => {
    let now = Date.parse(FIXED);
    app = tempKiosk({}, { clock: () => new Date(now), jobs: { retention: false, sync: false } });
    const s = await call(app.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } });
    expect((await call(app.registry, 'interview:resume', {})).state?.interviewId).toBe(s.interviewId);
    now += 2 * 60 * 60 * 1000 + 1;
    expect(await call(app.registry, 'interview:resume', {})).toEqual({ state: null });
  });
});
