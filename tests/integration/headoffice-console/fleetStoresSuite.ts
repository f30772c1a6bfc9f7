/**
 * Issue 18, the remaining items, against a real head office seeded through kiosk sync, on SQLite
 * and PostgreSQL: store regions and names (console, token API, CSV import) and the region
 * grouping/filters; the kiosk's status report on the fleet page (sync lag of a kiosk whose
 * records wait, installed models, errors, and an older kiosk that reports only versions);
 * applicant pages with keyset cursors and counts; the console's write actions over the token
 * API behind the admin scope (refused without it, logged either way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { postVersions } from '../../../electron/services/sync/transport.js';
import { sha256Hex, ulid } from '../../../core/ids.js';
import { issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { createAdmin } from '../../../headoffice/auth/admins.js';
import { listAudit } from '../../../headoffice/auth/consoleAudit.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, decide, freshStore, listenHo, openSimKiosk, startPgCluster, tempDir, type HoKind, type PgCluster, type SimKiosk } from '../sync/harness.js';
import { ConsoleClient, tableOf, textOf } from './consoleClient.js';
import { packJson } from '../../../electron/services/db/compactJson.js';

const PASSWORD = 'admin-pass-7Qx!k2';
const HOUR = 3_600_000;

export function defineFleetStoresSuite(kind: HoKind): void {
  describe(`console regions, fleet report, applicant pages, admin API (${kind})`, () => {
    let pg: PgCluster | null = null;
    let store: HoStore;
    let ho: Awaited<ReturnType<typeof listenHo>>;
    const kiosks: SimKiosk[] = [];
    let admin: string;
    let exportOnly: string;
    const api = (method: 'GET' | 'POST', p: string, token: string, body?: unknown) =>
      fetch(ho.url + p, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const console_ = async () => {
      const c = new ConsoleClient(ho.url);
      expect((await c.login('admin1', PASSWORD)).status).toBe(303);
      return c;
    };
    const enroll = async (storeId: string, label: string) => {
      const k = openSimKiosk();
      kiosks.push(k);
      await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, storeId)).code, label);
      return k;
    };

    beforeAll(async () => {
      if (kind === 'pg') pg = await startPgCluster();
      store = await freshStore(kind, pg);
      ho = await listenHo(store);
      await createAdmin(store, { username: 'admin1', role: 'admin', password: PASSWORD, createdBy: 'test' });
      admin = (await issueToken(store, 'hr-automation', ['admin'])).token;
      exportOnly = (await issueToken(store, 'ats-reader', ['export', 'stats:read'])).token;
      // East: S001 (57 interviews, so the applicant list has two pages of 50). West: S002 (3).
      const k1 = await enroll('S001', 'front desk');
      for (let i = 0; i < 57; i++) completeInterview(k1.db, { packId: i % 3 ? 'cashier' : 'warehouse-sorter', overall: 40 + (i % 50), name: `东店${i}号` });
      const k2 = await enroll('S002', 'west desk');
      const west = Array.from({ length: 3 }, (_, i) => completeInterview(k2.db, { packId: 'cashier', overall: 80, name: `西店${i}号` }));
      decide(k2.db, west[0]!.interviewId, 'pass');
      // The report names the packs the kiosk loaded and the models folder it looks in.
      const models = tempDir('models-');
      const report = { modelsDir: models, packs: () => [{ id: 'cashier', version: '2.0.1' }], appVersion: '0.1.0' };
      expect((await syncNow(k1.db, k1.dataDir, { maxAttempts: 1, report })).ok).toBe(true);
      expect((await syncNow(k2.db, k2.dataDir, { maxAttempts: 1, report })).ok).toBe(true);
    }, 180_000);
    afterAll(async () => {
      for (const k of kiosks) k.close();
      await ho?.close();
      await store?.close();
      pg?.stop();
      cleanupTempDirs();
    });

    it('stores: an admin sets a region in the console, imports a CSV (all or nothing), the API reads it; all logged', async () => {
      const c = await console_();
      const page = await c.get('/console/stores');
      expect(
        tableOf(page.text, 'stores-table')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(['S001', 'S002']);
      const set = await c.post('/console/stores/set', { storeId: 'S001', region: 'East', nameZh: '上海徐汇店', nameEn: 'Shanghai Xuhui' });
      expect(set.status).toBe(200);
      // A bad row (id with a space) refuses the whole file: S002 keeps no region.
      const bad = await c.post('/console/stores/import', { csv: 'store,region,name_zh,name_en\nS002,West,成都店,Chengdu\nS 3,West,,\n' });
      expect(bad.status).toBe(409);
      expect(textOf(bad.text)).toContain('row 3');
      const good = await c.post('/console/stores/import', { csv: 'store,region,name_zh,name_en\r\nS002,West,成都春熙店,Chengdu Chunxi\r\nS009,West,,\r\n' });
      expect(good.status).toBe(200);
      const r = await api('GET', '/v1/stores', exportOnly);
      expect(r.status).toBe(200);
      const stores = ((await r.json()) as { stores: { storeId: string; region: string | null; nameEn: string | null; kiosks: number }[] }).stores;
      expect(stores.map((s) => [s.storeId, s.region, s.nameEn, s.kiosks])).toEqual([
        ['S001', 'East', 'Shanghai Xuhui', 1],
        ['S002', 'West', 'Chengdu Chunxi', 1],
        ['S009', 'West', null, 0],
      ]);
      const log = await listAudit(store);
      expect(log.filter((e) => e.username === 'admin1').map((e) => [e.action, e.outcome])).toEqual(
        expect.arrayContaining([
          ['store-set', 'ok'],
          ['stores-import', 'refused'],
          ['stores-import', 'ok'],
        ]),
      );
    });

    it('funnel groups and filters by region; fleet and applicants filter by region', async () => {
      const c = await console_();
      const byRegion = tableOf((await c.get('/console/funnel?by=region')).text, 'funnel-table');
      expect(byRegion.slice(1, -1).map((r) => [r[0], r[1]])).toEqual([
        ['East', '57'],
        ['West', '3'],
      ]);
      const west = tableOf((await c.get('/console/funnel?by=store&region=West')).text, 'funnel-table');
      expect(west.slice(1, -1).map((r) => r[0])).toEqual(['成都春熙店 (S002)']);
      expect(west.at(-1)![5]).toBe('1'); // passed: the one West decision
      const api1 = (await (await api('GET', '/v1/funnel?by=region&region=East', exportOnly)).json()) as { total: { started: number }; regions: string[] };
      expect(api1.total.started).toBe(57);
      expect(api1.regions).toEqual(['East', 'West']);
      const fleet = tableOf((await c.get('/console/fleet?region=West')).text, 'fleet-table');
      expect(fleet.slice(1).map((r) => r[1])).toEqual(['成都春熙店 (S002)West']);
      const apps = (await (await api('GET', '/v1/applicants?region=West', exportOnly)).json()) as { rows: { storeId: string }[]; total: number };
      expect(apps.total).toBe(3);
      expect(new Set(apps.rows.map((r) => r.storeId))).toEqual(new Set(['S002']));
      expect(textOf((await c.get('/console/applicants?region=West')).text)).toContain('第 1–3 条，共 3 条');
    });

    it('applicants: keyset pages with next/previous and counts; availability in words in zh and en', async () => {
      // Through the API, 7 at a time: every interview once, in receive order, newest first.
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      const firsts: number[] = [];
      do {
        const r = (await (await api('GET', `/v1/applicants?store=S001&limit=7${cursor ? `&after=${cursor}` : ''}`, exportOnly)).json()) as {
          rows: { interviewId: string }[];
          total: number;
          first: number;
          nextCursor: string | null;
          prevCursor: string | null;
        };
        expect(r.total).toBe(57);
        expect(r.prevCursor === null).toBe(pages === 0);
        firsts.push(r.first);
        seen.push(...r.rows.map((x) => x.interviewId));
        cursor = r.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBe(9);
      expect(firsts).toEqual([1, 8, 15, 22, 29, 36, 43, 50, 57]);
      expect(new Set(seen).size).toBe(57);
      // Back from page 3 gives page 2 exactly.
      const p2 = (await (await api('GET', '/v1/applicants?store=S001&limit=7', exportOnly)).json()) as { nextCursor: string };
      const p2rows = (await (await api('GET', `/v1/applicants?store=S001&limit=7&after=${p2.nextCursor}`, exportOnly)).json()) as { rows: { interviewId: string }[]; nextCursor: string };
      const p3 = (await (await api('GET', `/v1/applicants?store=S001&limit=7&after=${p2rows.nextCursor}`, exportOnly)).json()) as { prevCursor: string };
      const back = (await (await api('GET', `/v1/applicants?store=S001&limit=7&before=${p3.prevCursor}`, exportOnly)).json()) as { rows: { interviewId: string }[]; first: number };
      expect(back.rows.map((r) => r.interviewId)).toEqual(p2rows.rows.map((r) => r.interviewId));
      expect(back.first).toBe(8);
      // A new interview arriving between two clicks does not shift the next page.
      const k1 = kiosks[0]!;
      completeInterview(k1.db, { packId: 'cashier', overall: 70, name: '新来的' });
      expect((await pushPending(k1.db, getIdentity(k1.db)!, { maxAttempts: 1 })).ok).toBe(true);
      const again = (await (await api('GET', `/v1/applicants?store=S001&limit=7&after=${p2.nextCursor}`, exportOnly)).json()) as { rows: { interviewId: string }[]; total: number };
      expect(again.rows.map((r) => r.interviewId)).toEqual(p2rows.rows.map((r) => r.interviewId));
      expect(again.total).toBe(58);
      // The console: 50 a page, next and previous links carry the filters.
      const c = await console_();
      await c.get('/console/lang?to=en&back=/console/applicants');
      const first = await c.get('/console/applicants?region=East');
      expect(tableOf(first.text, 'applicants-table')).toHaveLength(51);
      expect(textOf(first.text)).toContain('1–50 of 58');
      const next = /rel="next" href="([^"]+)"/.exec(first.text)![1]!.replace(/&#38;|&amp;/g, '&');
      expect(next).toMatch(/region=East&after=\d+/);
      const second = await c.get(next);
      expect(tableOf(second.text, 'applicants-table')).toHaveLength(9);
      expect(textOf(second.text)).toContain('51–58 of 58');
      expect(second.text).not.toContain('rel="next"');
      const prev = /rel="prev" href="([^"]+)"/.exec(second.text)![1]!.replace(/&#38;|&amp;/g, '&');
      expect(textOf((await c.get(prev)).text)).toContain('1–50 of 58');
      // Availability: words, not ids.
      const id = seen[0]!;
      const en = await c.get(`/console/applicant?id=${id}`);
      expect(textOf(en.text)).toContain('Sat morning');
      expect(en.text).not.toContain('sat-morning');
      await c.get('/console/lang?to=zh-CN&back=/console/applicants');
      const zh = await c.get(`/console/applicant?id=${id}`);
      expect(textOf(zh.text)).toContain('周六上午');
      expect(textOf(zh.text)).toContain('查询码');
      expect(zh.text).not.toContain('回执码');
    });

    it('dates are YYYY-MM-DD text fields in both languages; a wrong date is named, not silently used', async () => {
      const c = await console_();
      for (const lang of ['en', 'zh-CN']) {
        await c.get(`/console/lang?to=${lang}&back=/console/funnel`);
        for (const p of ['/console/funnel', '/console/applicants']) {
          const page = await c.get(p);
          expect(page.text).not.toContain('type="date"');
          expect(page.text).toMatch(/<input type="text" name="from"[^>]*pattern="\\d\{4\}-\\d\{2\}-\\d\{2\}"/);
        }
      }
      expect((await c.get('/console/applicants?to=2026-13-01')).status).toBe(200);
      const bad = await c.get('/console/funnel?from=2026-02-30&by=store');
      expect(textOf(bad.text)).toContain('2026-02-30');
      expect(bad.text).toContain('flash-error');
      // The filter was left out: every interview counts.
      expect(tableOf(bad.text, 'funnel-table').at(-1)![1]).toBe('61');
      const ok = await c.get(`/console/funnel?from=${new Date().toISOString().slice(0, 10)}&by=store`);
      expect(ok.text).not.toContain('flash-error');
    });

    it('fleet: the report shows lag, packs, models and errors; a kiosk whose records wait over an hour needs attention; an older kiosk that reports only versions still syncs', async () => {
      const k3 = await enroll('S003', 'stock room');
      const report = { modelsDir: tempDir('models-'), packs: () => [{ id: 'cashier', version: '2.0.1' }] };
      completeInterview(k3.db, { packId: 'cashier', overall: 66, name: '库房' });
      expect((await syncNow(k3.db, k3.dataDir, { maxAttempts: 1, report })).ok).toBe(true);
      // Then this kiosk's newer software writes a record head office cannot read yet: it waits on
      // the kiosk (refused as a whole, kept for later), three hours by the kiosk's clock.
      const payload = JSON.stringify({ v: 99, interviewId: ulid(), reason: 'idle', packId: 'cashier' });
      k3.db
        .prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(ulid(), 'interview.abandoned', ulid(), packJson(payload), sha256Hex('interview.abandoned\n' + payload), new Date(Date.now() - 3 * HOUR).toISOString());
      const failed = await syncNow(k3.db, k3.dataDir, { maxAttempts: 1, report });
      expect(failed.ok).toBe(false);
      expect(failed.error).toContain('422');

      const fleet = (await (await api('GET', '/v1/fleet', admin)).json()) as {
        kiosks: {
          storeId: string;
          syncLagMs: number | null;
          pendingRecords: number | null;
          attention: string[];
          packs: unknown[];
          scoringModels: { modelVersion: string }[];
          installedModels: unknown[];
          errors: { message: string }[];
          region: string | null;
        }[];
      };
      const s3 = fleet.kiosks.find((k) => k.storeId === 'S003')!;
      expect(s3.syncLagMs).toBeGreaterThan(3 * HOUR - 60_000);
      expect(s3.pendingRecords).toBe(1);
      expect(s3.attention).toEqual(expect.arrayContaining(['sync-lag', 'recent-errors']));
      expect(s3.errors[0]!.message).toContain('cannot read');
      expect(s3.packs).toEqual([{ id: 'cashier', version: '2.0.1' }]);
      expect(s3.scoringModels).toEqual([{ packId: 'cashier', modelVersion: 'cashier@1.0.0' }]);
      expect(s3.installedModels).toEqual([]);
      const s1 = fleet.kiosks.find((k) => k.storeId === 'S001')!;
      expect(s1.syncLagMs).toBeNull(); // nothing waits
      expect(s1.attention).toEqual([]);
      expect(s1.region).toBe('East');

      const c = await console_();
      await c.get('/console/lang?to=en&back=/console/fleet');
      const attention = await c.get('/console/fleet?attention=1');
      const rows = tableOf(attention.text, 'fleet-table').slice(1);
      expect(rows.map((r) => r[1])).toEqual(['S003']);
      expect(rows[0]![3]).toMatch(/^3 h( \d+ min)?\s/);
      expect(rows[0]![4]).toContain('pack cashier 2.0.1');
      expect(rows[0]![4]).toContain('scoring model cashier@1.0.0');
      expect(rows[0]![5]).toContain('none installed');
      expect(rows[0]![6]).toContain('cannot read');
      expect(rows[0]![7]).toContain('records waiting 3 h');
      expect(rows[0]![7]).toContain('reported errors');

      // An older kiosk: only { versions, lastError }. Accepted; the new columns say "not reported".
      const k4 = await enroll('S004', 'old kiosk');
      const old = await postVersions(getIdentity(k4.db)!, { versions: [], lastError: null });
      expect(old.ok).toBe(true);
      completeInterview(k4.db, { packId: 'cashier', overall: 50, name: '旧终端' });
      expect((await pushPending(k4.db, getIdentity(k4.db)!, { maxAttempts: 1 })).ok).toBe(true);
      const all = tableOf((await c.get('/console/fleet')).text, 'fleet-table').slice(1);
      const s4 = all.find((r) => r[1] === 'S004')!;
      expect(s4[3]).toContain('not reported');
      expect(s4[5]).toContain('not reported');
      expect(s4[7]).toBe('OK');
      expect(all.find((r) => r[1].startsWith('Shanghai Xuhui (S001)'))![3]).toMatch(/^none waiting/);
    });

    it('admin API: the console’s write actions with an admin token, refused (403) without the scope, every call logged', async () => {
      const WRITES: [string, unknown][] = [
        ['/v1/models/approve', { id: 'cand_x', reason: 'r' }],
        ['/v1/models/reject', { id: 'cand_x', reason: 'r' }],
        ['/v1/models/refit', { pack: 'cashier', reason: 'r' }],
        ['/v1/models/publish', { id: 'cand_x' }],
        ['/v1/models/rollback', { pack: 'cashier', reason: 'r' }],
        ['/v1/fleet/revoke', { kioskId: 'k_x' }],
        ['/v1/fleet/enroll-code', { storeId: 'S005' }],
        ['/v1/tokens/issue', { name: 'x', scopes: ['feed:read'] }],
        ['/v1/tokens/revoke', { id: 'tok_x' }],
        ['/v1/stores', { storeId: 'S001', region: 'North' }],
        ['/v1/stores/import', { csv: 'store,region\nS001,North\n' }],
      ];
      const before = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_enrollment_codes');
      for (const [p, body] of WRITES) {
        const r = await api('POST', p, exportOnly, body);
        expect(r.status, p).toBe(403);
        expect(((await r.json()) as { code: string }).code).toBe('FORBIDDEN');
        expect((await fetch(ho.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status, p).toBe(401);
      }
      expect(await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM ho_enrollment_codes')).toEqual(before);
      expect(((await (await api('GET', '/v1/stores', exportOnly)).json()) as { stores: { storeId: string; region: string }[] }).stores.find((s) => s.storeId === 'S001')!.region).toBe('East');
      expect((await api('GET', '/v1/tokens', exportOnly)).status).toBe(403);

      // With the admin scope: an enrollment code a kiosk then uses; a token that then works and is revoked.
      const code = await api('POST', '/v1/fleet/enroll-code', admin, { storeId: 'S005', ttlHours: 2 });
      expect(code.status).toBe(200);
      const k5 = openSimKiosk();
      kiosks.push(k5);
      await enrollKiosk(k5.db, ho.url, ((await code.json()) as { code: string }).code, 'via API');
      const k5id = getIdentity(k5.db)!.kioskId;
      const issued = (await (await api('POST', '/v1/tokens/issue', admin, { name: 'payroll', scopes: ['stats:read'], ttlDays: 30 })).json()) as { id: string; token: string };
      expect((await api('GET', '/v1/funnel', issued.token)).status).toBe(200);
      expect(((await api('GET', '/v1/tokens', admin).then((r) => r.json())) as { tokens: { name: string }[] }).tokens.map((t) => t.name)).toContain('payroll');
      expect((await api('POST', '/v1/tokens/revoke', admin, { id: issued.id })).status).toBe(200);
      expect((await api('GET', '/v1/funnel', issued.token)).status).toBe(401);
      // Revoke the kiosk: its next batch is refused.
      expect((await api('POST', '/v1/fleet/revoke', admin, { kioskId: k5id })).status).toBe(200);
      completeInterview(k5.db, { packId: 'cashier', overall: 60, name: '吊销后' });
      expect((await pushPending(k5.db, getIdentity(k5.db)!, { maxAttempts: 1 })).error).toContain('revoked');
      // Store metadata; model actions reach the same service functions (and their refusals).
      const st = await api('POST', '/v1/stores', admin, { storeId: 'S005', region: 'North', nameEn: 'Harbin' });
      expect(((await st.json()) as { region: string }).region).toBe('North');
      const approve = await api('POST', '/v1/models/approve', admin, { id: 'cand_missing', reason: 'looks good' });
      expect(approve.status).toBe(409);
      expect(((await approve.json()) as { message: string }).message).toContain('no model candidate "cand_missing"');
      const rollback = await api('POST', '/v1/models/rollback', admin, { pack: 'cashier', reason: 'test' });
      expect(rollback.status).toBe(409);
      expect(((await rollback.json()) as { message: string }).message).toContain('ever published from head office');
      const noReason = await api('POST', '/v1/models/reject', admin, { id: 'cand_x' });
      expect(noReason.status).toBe(400);
      expect((await api('POST', '/v1/fleet/revoke', admin, { kioskId: k5id })).status).toBe(409); // already revoked

      const log = (await listAudit(store, { limit: 500 })).filter((e) => e.username.startsWith('token:'));
      const seenAs = (who: string, action: string, outcome: string) => log.some((e) => e.username === who && e.action === action && e.outcome === outcome);
      expect(seenAs('token:hr-automation', 'enroll-code', 'ok')).toBe(true);
      expect(seenAs('token:hr-automation', 'kiosk-revoke', 'ok')).toBe(true);
      expect(seenAs('token:hr-automation', 'kiosk-revoke', 'refused')).toBe(true);
      expect(seenAs('token:hr-automation', 'token-issue', 'ok')).toBe(true);
      expect(seenAs('token:hr-automation', 'model-approve', 'refused')).toBe(true);
      expect(seenAs('token:hr-automation', 'model-reject', 'refused')).toBe(true);
      // Secrets in answers never reach the log.
      expect(JSON.stringify(log)).not.toMatch(/hot_[A-Za-z0-9_-]{20,}/);
    });

    it('the OpenAPI document lists every new route', async () => {
      const doc = (await (await fetch(`${ho.url}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      for (const p of [
        '/v1/models/approve',
        '/v1/models/reject',
        '/v1/models/refit',
        '/v1/models/publish',
        '/v1/models/rollback',
        '/v1/fleet/revoke',
        '/v1/fleet/enroll-code',
        '/v1/tokens/issue',
        '/v1/tokens/revoke',
        '/v1/stores/import',
        '/console/stores/set',
        '/console/stores/import',
      ]) {
        expect(doc.paths[p]?.post, p).toBeDefined();
      }
      expect(doc.paths['/v1/stores']?.get).toBeDefined();
      expect(doc.paths['/v1/tokens']?.get).toBeDefined();
      expect(JSON.stringify(doc.paths['/v1/kiosks/versions'])).toContain('syncLagMs');
    });
  });
}
