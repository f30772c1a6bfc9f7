/**
 * Head-office HTTP API for HR systems and people: OpenAPI matches the routes, scoped tokens
 * (hashed, revocable), feed cursor + ack, stats JSON and page, CSV/JSON export.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { issueEnrollmentCode, issueToken, revokeToken } from '../../../headoffice/admin.js';
import { exportFeed } from '../../../headoffice/exportFeed.js';
import { openApiDocument } from '../../../headoffice/openapi.js';
import { buildServer } from '../../../headoffice/server.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, listenHo, openSimKiosk, tempDir, type SimKiosk } from '../sync/harness.js';

describe('head-office API', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  let k: SimKiosk;
  let feedToken = '';
  beforeAll(async () => {
    store = await openStore({ file: path.join(tempDir('ho-'), 'ho.db') });
    ho = await listenHo(store);
    k = openSimKiosk();
    await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
    // 10 cashier interviews scored 5, 15 … 95: three are "recommend" (75, 85, 95); four decisions, one scheduled:
    // 15 records (10 interview.completed, 4 decision.made, 1 shift.assigned).
    const ivs = Array.from({ length: 10 }, (_, i) => completeInterview(k.db, { packId: 'cashier', overall: i * 10 + 5, name: `王${i}` }));
    decide(k.db, ivs[9]!.interviewId, 'pass', { shift: 'sat-am' });
    decide(k.db, ivs[8]!.interviewId, 'pass');
    decide(k.db, ivs[7]!.interviewId, 'fail');
    decide(k.db, ivs[2]!.interviewId, 'pass'); // override against the recommendation
    const r = await pushPending(k.db, getIdentity(k.db)!, { maxAttempts: 1 });
    expect(r.ok).toBe(true);
    feedToken = (await issueToken(store, 'ats', ['feed:read'])).token;
  });
  afterAll(async () => {
    k.close();
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });
  const get = (p: string, token?: string) => fetch(ho.url + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('serves health and an OpenAPI document that lists exactly the routes the server has', async () => {
    expect(await (await get('/v1/health')).json()).toMatchObject({ ok: true, store: 'sqlite' });
    const doc = (await (await get('/v1/openapi.json')).json()) as typeof openApiDocument;
    const routes = new Set<string>();
    const app = buildServer(store, { onRoute: (m, u) => routes.add(`${m} ${u}`) });
    await app.ready();
    await app.close();
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((op) => `${op.toUpperCase()} ${p}`)));
    expect([...routes].sort()).toEqual([...documented].sort());
  });

  it('stores tokens hashed, enforces scopes, and honours revocation', async () => {
    const rows = await store.all<{ token_hash: string }>('SELECT token_hash FROM ho_tokens');
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== feedToken)).toBe(true);
    expect((await get('/v1/feed')).status).toBe(401);
    expect((await get('/v1/stats', feedToken)).status).toBe(403);
    const t = await issueToken(store, 'temp', ['feed:read']);
    expect((await get('/v1/feed', t.token)).status).toBe(200);
    expect(await revokeToken(store, t.id)).toBe(true);
    expect((await get('/v1/feed', t.token)).status).toBe(401);
  });

  it('pages the feed by cursor, resumes from the acknowledged cursor, and never rewinds', async () => {
    const p1 = (await (await get('/v1/feed?limit=5', feedToken)).json()) as { items: { cursor: string; recordId: string }[]; nextCursor: string; hasMore: boolean };
    expect(p1.items.length).toBe(5);
    expect(p1.hasMore).toBe(true);
    const again = (await (await get('/v1/feed?limit=5', feedToken)).json()) as typeof p1;
    expect(again.items.map((i) => i.recordId)).toEqual(p1.items.map((i) => i.recordId)); // not acked yet
    const ack = await fetch(ho.url + '/v1/feed/ack', {
      method: 'POST',
      headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: p1.nextCursor }),
    });
    expect(await ack.json()).toEqual({ cursor: p1.nextCursor });
    const p2 = (await (await get('/v1/feed?limit=100', feedToken)).json()) as typeof p1;
    expect(p2.items.length).toBe(15 - 5);
    expect(Number(p2.items[0]!.cursor)).toBeGreaterThan(Number(p1.nextCursor));
    await fetch(ho.url + '/v1/feed/ack', { method: 'POST', headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ cursor: '1' }) });
    expect(((await (await get('/v1/feed', feedToken)).json()) as typeof p1).items.length).toBe(10); // ack of an older cursor did not rewind
    const passed = (await (await get('/v1/feed?after=0&status=pass', feedToken)).json()) as typeof p1;
    expect(passed.items.length).toBe(3);
    expect((await get('/v1/feed?after=abc', feedToken)).status).toBe(400);
  });

  it('aggregates the funnel, pass rates and score bins per store and opening, as JSON and as a page', async () => {
    const { token } = await issueToken(store, 'analyst', ['stats:read']);
    const s = (await (await get('/v1/stats', token)).json()) as { groups: { storeId: string; packId: string; funnel: Record<string, number>; rates: Record<string, number>; scoreBins: number[] }[] };
    expect(s.groups).toHaveLength(1);
    const g = s.groups[0]!;
    expect(g).toMatchObject({ storeId: 'S1', packId: 'cashier' });
    expect(g.funnel).toEqual({ started: 10, completed: 10, recommended: 3, passed: 3, scheduled: 1 });
    expect(g.rates.pass).toBe(0.3);
    expect(g.rates.passOfRecommended).toBeCloseTo(2 / 3, 3);
    expect(g.scoreBins).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const page = await get('/stats', token);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<td>cashier</td>');
    expect(html).not.toContain('王'); // aggregates only: no applicant names on the page
  });

  it('exports the feed as CSV and JSON Lines', async () => {
    const dir = tempDir('export-');
    const csv = await exportFeed(store, { format: 'csv', out: path.join(dir, 'a.csv') });
    const json = await exportFeed(store, { format: 'json', out: path.join(dir, 'a.jsonl') });
    expect(csv.records).toBe(15);
    expect(json.records).toBe(15);
    const lines = fs.readFileSync(path.join(dir, 'a.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toContain('applicantName');
    expect(lines.some((l) => l.includes('王3'))).toBe(true);
    const first = JSON.parse(fs.readFileSync(path.join(dir, 'a.jsonl'), 'utf8').split('\n')[0]!) as { kind: string; payload: { applicant: { name: string } } };
    expect(first.kind).toBe('interview.completed');
  });
});
