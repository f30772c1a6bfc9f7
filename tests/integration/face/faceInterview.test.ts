import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unpackJson } from '../../../electron/services/db/compactJson.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { call } from '../../../electron/services/rpc/registry.js';
import type { HarnessWindow } from '../../../tools/face/harnessTypes.js';
import { openHarness } from '../../../tools/face/runHarness.js';
import { FaceAggregates, type InterviewState } from '../../../electron/shared/contract/interview.js';
import { ErrorCode } from '../../../core/errors.js';
import { PROFILE, tempKiosk } from '../helpers/tempKiosk.js';
import { FACES_DIR, MODELS_DIR } from './faceFixtures.js';

/**
 * Issue 4, items 4–5: a camera interview stores per-answer aggregates and nothing else (no
 * frame, thumbnail or landmark stream in any table or in the outbox), and declining the
 * camera leaves the interview complete. Aggregates come from the real analyser in Chromium.
 */
const FACE_KEYS = Object.keys(FaceAggregates.shape).sort();
let real: FaceAggregates[];

beforeAll(async () => {
  const h = await openHarness({ modelsDir: MODELS_DIR, inputDir: FACES_DIR });
  try {
    real = [];
    for (const f of ['frontal_smiling_official_portrait.jpg', 'two_people_children.jpg', 'frontal_talking_mouth_open.jpg']) {
      const r = await h.page.evaluate((u) => (globalThis as unknown as HarnessWindow).faceHarness.analyseImage(u, 4), `/input/${f}`);
      real.push(r.aggregates);
    }
  } finally {
    await h.close();
  }
}, 180_000);

type App = ReturnType<typeof tempKiosk>;
let app: App;
afterEach(async () => app?.cleanup());

async function runInterview(camera: boolean, faces: (FaceAggregates | null)[]) {
  app = tempKiosk();
  let s: InterviewState = await call(app.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera, noticeVersion: 'notice-1' } });
  s = await call(app.registry, 'interview:profile', {
    interviewId: s.interviewId,
    profile: { ...PROFILE, availability: [...PROFILE.availability], industries: [...PROFILE.industries] },
    confirmations: { lift: true },
  });
  let i = 0;
  while (s.next.step === 'question') {
    s = await call(app.registry, 'interview:answer', {
      interviewId: s.interviewId,
      questionId: s.next.question.id,
      mode: 'typed',
      text: '我会先告诉组长，然后马上处理。',
      isRetake: false,
      latencyMs: 900,
      durationMs: 20_000,
      face: faces[i++ % faces.length] ?? null,
    });
  }
  if (s.next.step === 'skills') {
    s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map((it) => ({ answer: it, ms: 3000 })) });
  }
  expect(s.next.step).toBe('finish');
  const done = await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
  return { interviewId: s.interviewId, done, answered: i };
}

const tryUnpack = (b: Buffer): string | null => {
  try {
    return unpackJson(b);
  } catch {
    return null;
  }
};

/** Every value in every table: nothing that looks like a picture or a landmark stream. */
function scanDatabase(): { faceObjects: Record<string, unknown>[]; cells: number } {
  const tables = (app.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  const faceObjects: Record<string, unknown>[] = [];
  let cells = 0;
  const walk = (v: unknown, where: string) => {
    if (Array.isArray(v)) {
      // A landmark stream is hundreds of numbers; nothing we store has more than a few.
      expect(v.filter((x) => typeof x === 'number').length, `${where}: long numeric array`).toBeLessThan(64);
      v.forEach((x) => walk(x, where));
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('facePresentRatio' in o) faceObjects.push(o);
      for (const [k, x] of Object.entries(o)) {
        expect(k, where).not.toMatch(/landmark|frame(?!sAnalysed)|thumbnail|image|bitmap|video|blendshape|matrix|signature/i);
        walk(x, where);
      }
    }
  };
  for (const t of tables) {
    for (const row of app.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const [col, val] of Object.entries(row)) {
        cells++;
        const where = `${t}.${col}`;
        // Compact JSON (scores.result, outbox.payload) is scanned as the JSON it holds; any
        // other blob must be small (no picture hides in a column).
        const compact = Buffer.isBuffer(val) ? tryUnpack(val) : null;
        if (compact !== null) walk(JSON.parse(compact), where);
        else expect(Buffer.isBuffer(val) ? val.length : 0, `${where}: blob`).toBeLessThan(512);
        if (typeof val !== 'string') continue;
        expect(val, where).not.toMatch(/data:image|\/9j\/|iVBORw0KGgo/); // data URLs, base64 JPEG/PNG
        if (/^[[{]/.test(val)) walk(JSON.parse(val), where);
      }
    }
  }
  return { faceObjects, cells };
}

describe('camera interview stores aggregates only', () => {
  it('answers and the outbox carry exactly the FaceAggregates fields, nothing else', async () => {
    expect(real.every((a) => FaceAggregates.safeParse(a).success)).toBe(true);
    const { interviewId, answered } = await runInterview(true, real);
    const stored = app.db.prepare('SELECT face_json FROM answers WHERE interview_id = ? ORDER BY created_at').all(interviewId) as { face_json: string | null }[];
    expect(stored).toHaveLength(answered);
    stored.forEach((r, i) => expect(JSON.parse(r.face_json!)).toEqual(real[i % real.length]));
    const { faceObjects, cells } = scanDatabase();
    // answers (+ anything else the service keeps) — wherever face data went, it has only the
    // aggregate keys. The interview.completed record is built from these rows when sealed.
    expect(faceObjects.length).toBeGreaterThanOrEqual(answered);
    for (const o of faceObjects)
      expect(
        Object.keys(o)
          .sort()
          .every((k) => FACE_KEYS.includes(k)),
      ).toBe(true);
    const outbox = app.db.prepare(`SELECT id FROM outbox WHERE kind = 'interview.completed'`).get() as { id: string };
    const sent = JSON.stringify(readOutboxPayload(app.db, outbox.id));
    expect(sent).toContain('facePresentRatio');
    const sentFace: Record<string, unknown>[] = [];
    JSON.parse(sent, (k, v: unknown) => (k === 'face' && v && typeof v === 'object' ? (sentFace.push(v as Record<string, unknown>), v) : v));
    expect(sentFace).toHaveLength(answered);
    for (const o of sentFace)
      expect(
        Object.keys(o)
          .sort()
          .every((k) => FACE_KEYS.includes(k)),
      ).toBe(true);
    expect(cells).toBeGreaterThan(50);
  });

  it('the contract refuses anything but aggregates (e.g. landmarks smuggled into face)', async () => {
    app = tempKiosk();
    const s = await call(app.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: true, noticeVersion: 'notice-1' } });
    const st = await call(app.registry, 'interview:profile', {
      interviewId: s.interviewId,
      profile: { ...PROFILE, availability: [...PROFILE.availability], industries: [...PROFILE.industries] },
      confirmations: { lift: true },
    });
    const qid = st.next.step === 'question' ? st.next.question.id : 'q1';
    const bad = { ...real[0]!, landmarks: Array.from({ length: 478 * 3 }, () => 0.5) };
    await expect(
      call(app.registry, 'interview:answer', { interviewId: s.interviewId, questionId: qid, mode: 'typed', text: 'x', isRetake: false, latencyMs: 1, durationMs: 1, face: bad as never }),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    expect((app.db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n).toBe(0);
  });
});

describe('camera declined or missing', () => {
  it('the interview completes with no face features, and face data sent anyway is not stored', async () => {
    const { interviewId, done, answered } = await runInterview(false, [null, real[0]!]);
    expect(answered).toBeGreaterThan(0);
    expect(done.receiptCode).toBeTruthy();
    const faces = app.db.prepare('SELECT face_json FROM answers WHERE interview_id = ?').all(interviewId) as { face_json: string | null }[];
    expect(faces.every((r) => r.face_json === null)).toBe(true);
    expect(scanDatabase().faceObjects).toHaveLength(0);
    const iv = app.db.prepare('SELECT status FROM interviews WHERE id = ?').get(interviewId) as { status: string };
    expect(iv.status).toBe('finished');
  });
});
