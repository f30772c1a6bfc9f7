/**
 * The HR console against a real head office on 127.0.0.1, seeded through real kiosk sync
 * (simulated kiosks: records built by the kiosk's own code, signed batches pushed over HTTP).
 * Run on SQLite and PostgreSQL (consoleSqlite/consolePg test files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { enqueueOutbox } from '../../../electron/services/sync/outbox.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { ulid } from '../../../core/ids.js';
import { issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { createAdmin, roleAllows, type Role } from '../../../headoffice/auth/admins.js';
import { CONSOLE_ROUTES } from '../../../headoffice/console/routeTable.js';
import { buildServer } from '../../../headoffice/server.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, deleteApplicant, freshStore, openSimKiosk, startPgCluster, type HoKind, type PgCluster, type SimKiosk } from '../sync/harness.js';
import { ConsoleClient, csvRows, tableOf, textOf } from './consoleClient.js';

const PASSWORD = { admin: 'admin-pass-7Qx!k2', hr: 'hr-pass-9Zt#m4w', viewer: 'viewer-pass-3Lp$v8' } as const;

async function listen(store: HoStore, opts: Parameters<typeof buildServer>[1] = {}) {
  const app = buildServer(store, opts);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export function defineConsoleSuite(kind: HoKind): void {
  describe(`head-office console (${kind})`, () => {
    let pg: PgCluster | null = null;
    let store: HoStore;
    let ho: Awaited<ReturnType<typeof listen>>;
    let k1: SimKiosk;
    let k2: SimKiosk;
    const ids: { erasedName: string; erasedInterview: string; keptName: string; keptInterview: string; answer: string } = {
      erasedName: '',
      erasedInterview: '',
      keptName: '',
      keptInterview: '',
      answer: '我在超市做过收银，每天处理三百多单。',
    };

    beforeAll(async () => {
      if (kind === 'pg') pg = await startPgCluster();
      store = await freshStore(kind, pg);
      ho = await listen(store);
      for (const role of ['admin', 'hr', 'viewer'] as const) await createAdmin(store, { username: role + '1', role, password: PASSWORD[role], createdBy: 'test' });
      // Kiosk 1 (S001) syncs: 6 cashier + 2 warehouse interviews, decisions, a shift, one abandoned start, one erasure.
      k1 = openSimKiosk();
      await enrollKiosk(k1.db, ho.url, (await issueEnrollmentCode(store, 'S001')).code, 'front desk');
      const cashier = Array.from({ length: 6 }, (_, i) => completeInterview(k1.db, { packId: 'cashier', overall: 40 + i * 10, name: `收银${i}号` }));
      const sorter = Array.from({ length: 2 }, (_, i) => completeInterview(k1.db, { packId: 'warehouse-sorter', overall: 80, name: `分拣${i}号` }));
      decide(k1.db, cashier[5]!.interviewId, 'pass', { shift: 'sat-am' });
      decide(k1.db, cashier[4]!.interviewId, 'pass');
      decide(k1.db, cashier[0]!.interviewId, 'fail');
      decide(k1.db, sorter[0]!.interviewId, 'pass');
      const abandoned = ulid();
      k1.db.transaction(() => enqueueOutbox(k1.db, 'interview.abandoned', abandoned, { v: 1, interviewId: abandoned, reason: 'idle', packId: 'cashier' }))();
      ids.erasedName = cashier[1]!.name;
      ids.erasedInterview = cashier[1]!.interviewId;
      ids.keptName = cashier[5]!.name;
      ids.keptInterview = cashier[5]!.interviewId;
      expect((await pushPending(k1.db, getIdentity(k1.db)!, { maxAttempts: 1 })).ok).toBe(true);
      // Deleted on request after it reached head office: the tombstone follows in the next batch.
      deleteApplicant(k1.db, cashier[1]!.applicantId);
      expect((await pushPending(k1.db, getIdentity(k1.db)!, { maxAttempts: 1 })).ok).toBe(true);
      // One hire recorded through the outcomes API, as an HR system would.
      const { token } = await issueToken(store, 'hris', ['outcomes:write']);
      const o = await fetch(`${ho.url}/v1/outcomes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ outcomes: [{ interviewId: cashier[5]!.interviewId, hireDate: new Date().toISOString().slice(0, 10) }] }),
      });
      expect(o.status).toBe(200);
      // Kiosk 2 (S002) enrolls and never syncs.
      k2 = openSimKiosk();
      await enrollKiosk(k2.db, ho.url, (await issueEnrollmentCode(store, 'S002')).code, 'back office');
    }, 120_000);
    afterAll(async () => {
      k1?.close();
      k2?.close();
      await ho?.close();
      await store?.close();
      pg?.stop();
      cleanupTempDirs();
    });

    it('lets nobody in without signing in: every page and action redirects to the sign-in page and shows no data', async () => {
      const c = new ConsoleClient(ho.url);
      for (const [method, url, role] of CONSOLE_ROUTES) {
        if (role === 'public') continue;
        const r = method === 'GET' ? await c.get(url) : await c.post(url, {}, { csrf: 'x' });
        expect(r.status, `${method} ${url}`).toBe(303);
        expect(r.location, `${method} ${url}`).toMatch(/^\/console\/login/);
        expect(r.text).not.toContain('收银');
      }
      // A forged or expired cookie is no session either.
      c.cookies.set('ho_session', 'forged-session-value');
      expect((await c.get('/console/applicants')).status).toBe(303);
      expect((await fetch(`${ho.url}/v1/funnel`)).status).toBe(401);
    });

    it('sets the session cookie HttpOnly, SameSite=Strict, Secure, on /console only, and serves pages with a strict CSP', async () => {
      const c = new ConsoleClient(ho.url);
      const r = await c.login('viewer1', PASSWORD.viewer);
      expect(r.status).toBe(303);
      const cookie = r.setCookies.find((s) => s.startsWith('ho_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\/console/);
      const page = await c.get('/console/funnel');
      expect(page.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(page.text).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/); // no inline script
      expect(page.text).not.toMatch(/ style=|<style/);
      expect(page.text).toMatch(/<html lang="(zh-CN|en)">/);
    });

    it('checks the role on every route: viewer < HR < admin, refusals are 403 and logged', async () => {
      const clients = new Map<Role, ConsoleClient>();
      for (const role of ['viewer', 'hr', 'admin'] as const) {
        const c = new ConsoleClient(ho.url);
        expect((await c.login(`${role}1`, PASSWORD[role])).status).toBe(303);
        await c.get('/console/account');
        clients.set(role, c);
      }
      for (const [method, url, need] of CONSOLE_ROUTES) {
        if (need === 'public' || url === '/console/logout') continue;
        for (const [role, c] of clients) {
          const r = method === 'GET' ? await c.get(url) : await c.post(url, {});
          const isAllowed = roleAllows(role, need);
          if (isAllowed) expect([200, 400, 404, 409], `${role} ${method} ${url}`).toContain(r.status);
          else expect(r.status, `${role} ${method} ${url}`).toBe(403);
          if (method === 'POST' || url === '/console/account') await c.get('/console/account'); // fresh page, as a browser would have
        }
      }
      const refused = await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_console_audit WHERE action = 'open' AND outcome = 'refused'`);
      expect(Number(refused!.n)).toBeGreaterThan(10);
    });

    it('refuses a POST without the session’s CSRF token or from another origin, and changes nothing', async () => {
      const c = new ConsoleClient(ho.url);
      await c.login('admin1', PASSWORD.admin);
      await c.get('/console/tokens');
      const before = Number((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_tokens'))!.n);
      expect((await c.post('/console/tokens/issue', { name: 'no-token', scopes: 'feed:read' }, { csrf: null })).status).toBe(403);
      expect((await c.post('/console/tokens/issue', { name: 'wrong-token', scopes: 'feed:read' }, { csrf: 'A'.repeat(43) })).status).toBe(403);
      expect((await c.post('/console/tokens/issue', { name: 'foreign', scopes: 'feed:read' }, { origin: 'http://evil.example' })).status).toBe(403);
      // Another session's token does not work either.
      const other = new ConsoleClient(ho.url);
      await other.login('admin1', PASSWORD.admin);
      await other.get('/console/tokens');
      expect((await c.post('/console/tokens/issue', { name: 'cross', scopes: 'feed:read' }, { csrf: other.csrf })).status).toBe(403);
      expect(Number((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_tokens'))!.n)).toBe(before);
      // The right token works.
      const ok = await c.post('/console/tokens/issue', { name: 'ats', scopes: ['feed:read', 'stats:read'], ttlDays: '30' });
      expect(ok.status).toBe(200);
      const token = /data-testid="new-token">([^<]+)</.exec(ok.text)![1]!;
      expect((await fetch(`${ho.url}/v1/funnel`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      // Sign-in itself needs the login form's token.
      const fresh = new ConsoleClient(ho.url);
      expect((await fresh.post('/console/login', { username: 'admin1', password: PASSWORD.admin }, { csrf: null })).status).toBe(403);
      const csrfRows = await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ho_console_audit WHERE action = 'csrf' AND outcome = 'refused'`);
      expect(Number(csrfRows!.n)).toBe(4);
    });

    it('locks an account after five wrong passwords (even the right one is refused), until an admin unlocks it', async () => {
      await createAdmin(store, { username: 'lena', role: 'hr', password: 'Ab3-kq9!Zt7#wm', createdBy: 'test' });
      const c = new ConsoleClient(ho.url);
      for (let i = 0; i < 5; i++) expect((await c.login('lena', 'wrong-password-' + i)).status).toBe(401);
      const locked = await c.login('lena', 'Ab3-kq9!Zt7#wm');
      expect(locked.status).toBe(401);
      expect(textOf(locked.text)).toMatch(/locked|锁定/);
      expect(c.cookies.has('ho_session')).toBe(false);
      const admin = new ConsoleClient(ho.url);
      await admin.login('admin1', PASSWORD.admin);
      const users = await admin.get('/console/users');
      expect(textOf(users.text)).toMatch(/lena[\s\S]*(locked until|锁定至)/);
      const id = (await store.get<{ id: string }>(`SELECT id FROM ho_admins WHERE username = 'lena'`))!.id;
      expect((await admin.post('/console/users/update', { id, op: 'unlock' })).status).toBe(200);
      expect((await c.login('lena', 'Ab3-kq9!Zt7#wm')).status).toBe(303);
      const rows = await store.all<{ outcome: string; detail: string }>(`SELECT outcome, detail FROM ho_console_audit WHERE username = 'lena' AND action = 'sign-in' ORDER BY seq`);
      expect(rows.map((r) => r.detail)).toEqual(['bad-credentials', 'bad-credentials', 'bad-credentials', 'bad-credentials', 'locked', 'locked', '']);
    });

    it('limits failed sign-ins per address: at the limit even a right password gets 429 with Retry-After', async () => {
      const limited = await listen(store, { limits: { consoleLogin: { max: 3, windowMs: 60_000 } } });
      try {
        const c = new ConsoleClient(limited.url);
        for (let i = 0; i < 3; i++) await c.login('nobody' + i, 'whatever-password');
        const r = await c.login('viewer1', PASSWORD.viewer);
        expect(r.status).toBe(429);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      } finally {
        await limited.close();
        await store.run(`DELETE FROM ho_auth_failures WHERE kind = 'console-login'`);
      }
    });

    it('ends a session after the idle time and on sign-out', async () => {
      const c = new ConsoleClient(ho.url);
      await c.login('viewer1', PASSWORD.viewer);
      expect((await c.get('/console/fleet')).status).toBe(200);
      await store.run(`UPDATE ho_sessions SET idle_expires_at = '2000-01-01T00:00:00.000Z'`);
      expect((await c.get('/console/fleet')).location).toMatch(/^\/console\/login/);
      await c.login('viewer1', PASSWORD.viewer);
      await c.get('/console/fleet');
      expect((await c.post('/console/logout', {})).location).toBe('/console/login?m=out');
      expect((await c.get('/console/fleet')).status).toBe(303);
    });

    it('funnel: abandoned starts counted as abandoned under their opening (no "unknown" opening), hired from outcomes, and the CSV is exactly the table', async () => {
      const c = new ConsoleClient(ho.url);
      await c.login('viewer1', PASSWORD.viewer);
      await c.get('/console/lang?to=en&back=/console/funnel');
      const page = await c.get('/console/funnel?by=opening');
      const tb = tableOf(page.text, 'funnel-table');
      expect(tb[0]).toEqual(['Opening', 'Started', 'Abandoned', 'Completed', 'Recommended', 'Passed', 'Scheduled', 'Hired', 'Completion rate', 'Pass rate']);
      const cashierRow = tb.find((r) => r[0]!.includes('(cashier)'))!;
      // 6 cashier interviews synced, 1 erased on request (gone), plus 1 abandoned start.
      expect(cashierRow.slice(1, 8)).toEqual(['6', '1', '5', '3', '2', '1', '1']); // scores 40…90 minus the erased 50: 70, 80, 90 recommended
      expect(tb.some((r) => /unknown/i.test(r[0]!))).toBe(false);
      expect(tb.at(-1)).toEqual(['Total', '8', '1', '7', '5', '3', '1', '1', '88%', '43%']);
      const csv = await c.get('/console/funnel.csv?by=opening');
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect(csvRows(csv.text)).toEqual(tb);
      // Filters and grouping: the CSV follows what is shown, in the page's language.
      await c.get('/console/lang?to=zh-CN&back=/console/funnel');
      const q = '?by=storeOpening&store=S001&opening=warehouse-sorter&from=2000-01-01&to=2999-12-31';
      const zh = tableOf((await c.get('/console/funnel' + q)).text, 'funnel-table');
      expect(zh[0]!.slice(0, 3)).toEqual(['门店', '岗位', '开始']);
      expect(zh).toHaveLength(3);
      expect(csvRows((await c.get('/console/funnel.csv' + q)).text)).toEqual(zh);
      const none = await c.get('/console/funnel?to=2000-01-01');
      expect(none.text).toContain('没有符合筛选条件的面试');
    });

    it('fleet: a kiosk that never synced needs attention; an admin generates an enrollment code and revokes a kiosk, which is then refused', async () => {
      const v = new ConsoleClient(ho.url);
      await v.login('viewer1', PASSWORD.viewer);
      const attention = await v.get('/console/fleet?attention=1');
      const rows = tableOf(attention.text, 'fleet-table');
      expect(rows.slice(1).map((r) => r[1])).toEqual(['S002']);
      expect(attention.text).toContain('data-attention="never-seen"');
      expect(attention.text).not.toContain('/console/fleet/revoke'); // a viewer gets no buttons
      const a = new ConsoleClient(ho.url);
      await a.login('admin1', PASSWORD.admin);
      await a.get('/console/fleet');
      const made = await a.post('/console/fleet/enroll-code', { storeId: 'S003', ttlHours: '24', replaces: '' });
      const code = /([23456789A-HJ-NP-Z]{5}-[23456789A-HJ-NP-Z]{5})/.exec(textOf(made.text))![1]!;
      const k3 = openSimKiosk();
      try {
        const id = await enrollKiosk(k3.db, ho.url, code, 'new kiosk');
        expect(id.storeId).toBe('S003');
      } finally {
        k3.close();
      }
      const k1Id = getIdentity(k1.db)!.kioskId;
      const revoked = await a.post('/console/fleet/revoke', { kioskId: k1Id });
      expect(revoked.status).toBe(200);
      completeInterview(k1.db, { packId: 'cashier' });
      const push = await pushPending(k1.db, getIdentity(k1.db)!, { maxAttempts: 1 });
      expect(push.ok).toBe(false);
      expect(JSON.stringify(push)).toContain('revoked at head office');
      const audit = await store.all<{ action: string; target: string }>(
        `SELECT action, target FROM ho_console_audit WHERE username = 'admin1' AND outcome = 'ok' AND action IN ('enroll-code', 'kiosk-revoke')`,
      );
      expect(audit).toEqual(
        expect.arrayContaining([
          { action: 'enroll-code', target: 'S003' },
          { action: 'kiosk-revoke', target: k1Id },
        ]),
      );
    });

    it('applicants: HR finds an applicant and reads the synced answers, score and decisions; an erased applicant shows as erased with nothing personal; each view is logged', async () => {
      const c = new ConsoleClient(ho.url);
      await c.login('hr1', PASSWORD.hr);
      const found = await c.get(`/console/applicants?q=${encodeURIComponent(ids.keptName)}`);
      expect(
        tableOf(found.text, 'applicants-table')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual([ids.keptName]);
      const one = await c.get(`/console/applicant?id=${ids.keptInterview}`);
      expect(one.status).toBe(200);
      expect(one.text).toContain(ids.answer);
      expect(one.text).toContain('data-testid="score"');
      expect(textOf(one.text)).toMatch(/harness-manager/); // the decision and who made it at the store
      const erasedList = await c.get('/console/applicants?status=erased');
      expect(tableOf(erasedList.text, 'applicants-table')).toHaveLength(2);
      const erased = await c.get(`/console/applicant?id=${ids.erasedInterview}`);
      expect(erased.text).toContain('data-testid="erased"');
      expect(erased.text).not.toContain(ids.erasedName);
      expect((await c.get(`/console/applicants?q=${encodeURIComponent(ids.erasedName)}`)).text).not.toContain(ids.erasedName + '<');
      const views = await store.all<{ target: string }>(`SELECT target FROM ho_console_audit WHERE username = 'hr1' AND action = 'view-applicant' AND target <> ''`);
      expect(views.map((v) => v.target)).toEqual([ids.keptInterview, ids.erasedInterview]);
    });
  });
}
