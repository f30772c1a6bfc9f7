import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/rpc/registry.js';
import { scoreInterview } from '../../../electron/services/scoring/scoreInterview.js';
import type { InterviewState } from '../../../electron/shared/contract/interview.js';
import { ErrorCode } from '../../../core/errors.js';
import { getPackSnapshot, getInterview } from '../../../electron/services/interview/interviewQueries.js';
import { PROFILE, ROOT, tempKiosk } from '../helpers/tempKiosk.js';

let app: ReturnType<typeof tempKiosk>;
beforeEach(() => {
  app = tempKiosk({ packsDir: path.join(ROOT, 'resources', 'packs') });
});
afterEach(async () => {
  await app.cleanup();
});

async function finishedInterview(isPractice = false): Promise<string> {
  let s: InterviewState = await call(app.registry, 'interview:start', { packId: 'retail-sales', lang: 'zh-CN', isPractice, consent: { data: true, camera: false, noticeVersion: 'n1' } });
  const yes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, true]));
  // Practice asks nothing personal: it starts at the questions, with no profile step.
  if (s.next.step === 'profile') s = await call(app.registry, 'interview:profile', { interviewId: s.interviewId, profile: PROFILE, confirmations: yes });
  if (s.next.step === 'knockout') s = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
  while (s.next.step === 'question' || s.next.step === 'followUp') {
    if (s.next.step === 'followUp') {
      // The same answer to every question is thin for most of them: skip the one follow-up.
      s = await call(app.registry, 'interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp.questionId, mode: 'typed', text: '', durationMs: 2000 });
      continue;
    }
    s = await call(app.registry, 'interview:answer', {
      interviewId: s.interviewId,
      questionId: s.next.question.id,
      mode: 'typed',
      text: '顾客投诉时我先道歉，耐心听他说完，然后马上找店长一起解决，最后顾客很满意。',
      isRetake: false,
      latencyMs: 1500,
      durationMs: 30000,
    });
  }
  await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
  return s.interviewId;
}

describe('self-identification', () => {
  it('is stored apart, queued for head office, and changes no score', async () => {
    const id = await finishedInterview();
    const pack = getPackSnapshot(app.db, getInterview(app.db, id)!.pack_hash);
    const before = await scoreInterview(app.db, id, pack, { modelsDir: app.config.modelsDir });
    expect(await call(app.registry, 'selfid:submit', { interviewId: id, answers: { gender: 'female', ageBand: '55+' } })).toEqual({ stored: true });
    expect(app.db.prepare('SELECT gender, age_band FROM self_identification WHERE interview_id = ?').get(id)).toEqual({ gender: 'female', age_band: '55+' });
    expect(app.db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'selfid.recorded'`).get()).toEqual({ n: 1 });
    const after = await scoreInterview(app.db, id, pack, { modelsDir: app.config.modelsDir });
    expect(after.result).toEqual(before.result);
    // The stored score and the interview's sync record carry nothing of it.
    const stored = JSON.stringify(app.db.prepare('SELECT * FROM scores WHERE interview_id = ?').get(id));
    expect(stored).not.toMatch(/female|55\+|gender|ageBand/);
  });

  it('"prefer not to say" stores nothing for that question; unknown choices are refused', async () => {
    const id = await finishedInterview();
    await call(app.registry, 'selfid:submit', { interviewId: id, answers: { gender: 'prefer-not' } });
    expect(app.db.prepare('SELECT gender, age_band FROM self_identification').get()).toEqual({ gender: null, age_band: null });
    await expect(call(app.registry, 'selfid:submit', { interviewId: id, answers: { gender: 'robot' } })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
  });

  it('is offered only after the interview; practice interviews store nothing', async () => {
    const s = await call(app.registry, 'interview:start', { packId: 'retail-sales', lang: 'en', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } });
    await expect(call(app.registry, 'selfid:submit', { interviewId: s.interviewId, answers: { gender: 'male' } })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const practiceId = await finishedInterview(true);
    expect(await call(app.registry, 'selfid:submit', { interviewId: practiceId, answers: { gender: 'male' } })).toEqual({ stored: false });
    expect(app.db.prepare('SELECT count(*) AS n FROM self_identification').get()).toEqual({ n: 0 });
  });

  it('no scoring code path can read it (static check of the scoring sources)', () => {
    const dirs = [path.join(ROOT, 'electron', 'services', 'scoring'), path.join(ROOT, 'models', 'scoring')];
    const files = dirs.flatMap((d) =>
      fs
        .readdirSync(d, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile() && /\.(ts|json)$/.test(f.name))
        .map((f) => path.join(f.parentPath, f.name)),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(/self_identification|selfid|ageBand|age_band/i);
  });
});
