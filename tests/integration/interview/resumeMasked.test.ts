import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/rpc/registry.js';
import { PROFILE, tempKiosk } from '../helpers/tempKiosk.js';

/**
 * interview:resume needs no interview id (after a power cut the screen asks "is this you?"), so
 * whoever walks up next can call it. It must carry a masked name only, never the full one.
 */
let app: ReturnType<typeof tempKiosk>;
afterEach(async () => {
  await app.cleanup();
});

async function interrupted(name: string) {
  let s = await call(app.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: 'n1' } });
  s = await call(app.registry, 'interview:profile', { interviewId: s.interviewId, profile: { ...PROFILE, name }, confirmations: { lift: true } });
  return s.interviewId;
}

describe('interview:resume', () => {
  it.each([
    ['王小明', '王＊＊'],
    ['John Smith', 'J＊＊＊'],
    ['欧阳', '欧＊'],
  ])('offers %s back as %s, never the full name', async (name, masked) => {
    app = tempKiosk();
    const id = await interrupted(name);
    const { state } = await call(app.registry, 'interview:resume', {});
    expect(state).toMatchObject({ interviewId: id, applicantName: masked });
    expect(JSON.stringify(state)).not.toContain(name);
    // The same holds for the other public state calls of the interview.
    expect(JSON.stringify(await call(app.registry, 'interview:state', { interviewId: id }))).not.toContain(name);
    // The full name is still stored for the manager.
    expect(app.db.prepare('SELECT name FROM applicants').get()).toEqual({ name });
  });
});
