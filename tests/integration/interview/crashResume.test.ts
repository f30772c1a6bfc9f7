import { afterAll, describe, expect, it } from 'vitest';
import { startKiosk, type KioskProcess } from '../../helpers/kioskProcess.js';
import { FOUNDATION_PACKS, PROFILE } from '../helpers/tempKiosk.js';

type State = { interviewId: string; next: { step: string; question?: { id: string; index: number } } };
const env = { KIOSK_PACKS_DIR: FOUNDATION_PACKS };
const procs: KioskProcess[] = [];
afterAll(async () => {
  await procs.at(-1)?.cleanup();
});

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('durability', () => {
  it('SIGKILL mid-interview, restart: the same applicant resumes at the first unanswered question', async () => {
    const k1 = await startKiosk({ env });
    procs.push(k1);
    let s = await ok<State>(k1.rpc('interview:start', { packId: 'test-sorter', lang: 'en', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } }));
    s = await ok<State>(k1.rpc('interview:profile', { interviewId: s.interviewId, profile: { ...PROFILE }, confirmations: { lift: true } }));
    s = await ok<State>(k1.rpc('interview:answer', { interviewId: s.interviewId, questionId: 'q1', mode: 'typed', text: 'I am always on time.', isRetake: false, latencyMs: 900, durationMs: 20000 }));
    expect(s.next.question?.id).toBe('q2');
    // The answer call returned, so it is committed: kill the process with no chance to clean up.
    await k1.stop('SIGKILL');
    expect(k1.child.signalCode).toBe('SIGKILL');

    const k2 = await startKiosk({ env, dataDir: k1.dataDir });
    procs.push(k2);
    const { state } = await ok<{ state: State | null }>(k2.rpc('interview:resume', {}));
    expect(state).toMatchObject({ interviewId: s.interviewId, next: { step: 'question', question: { id: 'q2', index: 1 } } });
    const db = k2.openDb();
    expect(db.prepare('SELECT question_id, text FROM answers').all()).toEqual([{ question_id: 'q1', text: 'I am always on time.' }]);
    expect(db.prepare('SELECT name FROM applicants').get()).toEqual({ name: PROFILE.name });
    db.close();
  });
});
