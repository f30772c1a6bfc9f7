/**
 * Outcomes and self-ID at a real head office (SQLite file, HTTP on 127.0.0.1): per-row errors
 * and all-or-nothing recording over the API and from CSV, receipt codes, token scopes, self-ID
 * kept out of the HR feed, deletion on request removing self-ID and outcomes, and the CLI
 * (outcomes import, fairness-report on a store with too few people, refused refit/approval).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { issueEnrollmentCode, issueToken } from '../../../headoffice/admin.js';
import { importOutcomesCsv } from '../../../headoffice/outcomes/outcomes.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, deleteApplicant, listenHo, tempDir } from '../sync/harness.js';
import { makePopulation, populateKiosk } from './population.js';

const run = promisify(execFile);
const today = new Date().toISOString().slice(0, 10);

describe('outcomes and self-ID at head office', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  let hoFile: string;
  let db: Db;
  let dataDir: string;
  let ids: Awaited<ReturnType<typeof populateKiosk>>;
  let people: ReturnType<typeof makePopulation>;
  let writer: string;
  const count = async (sql: string) => (await store.get<{ n: number }>(sql))!.n;

  beforeAll(async () => {
    hoFile = path.join(tempDir('ho-'), 'ho.db');
    store = await openStore({ file: hoFile });
    ho = await listenHo(store);
    const dir = tempDir('kiosk-');
    dataDir = path.join(dir, 'data');
    db = openDatabase({ file: path.join(dir, 'k.db'), key: crypto.randomBytes(32).toString('hex') });
    people = makePopulation({ n: 8, seed: 5, biased: false, noSelfId: 1 });
    ids = await populateKiosk(db, people);
    await enrollKiosk(db, ho.url, (await issueEnrollmentCode(store, 'S9')).code);
    expect((await syncNow(db, dataDir)).ok).toBe(true);
    writer = (await issueToken(store, 'hris', ['outcomes:write'])).token;
  }, 60_000);
  afterAll(async () => {
    db.close();
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });

  const post = async (body: unknown, token = writer) => {
    const r = await fetch(`${ho.url}/v1/outcomes`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('self-ID lands in its own table and never in the records or the HR feed', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM ho_selfid')).toBe(8);
    expect(await count(`SELECT COUNT(*) AS n FROM ho_records WHERE kind = 'selfid.recorded'`)).toBe(0);
    const feedTok = (await issueToken(store, 'ats', ['feed:read'])).token;
    const feed = (await (await fetch(`${ho.url}/v1/feed?after=0&limit=1000`, { headers: { authorization: `Bearer ${feedTok}` } })).json()) as { items: { kind: string; payload: unknown }[] };
    expect(feed.items.length).toBe(9);
    expect(feed.items.every((i) => i.kind === 'interview.completed')).toBe(true);
    expect(JSON.stringify(feed.items)).not.toMatch(/ageBand|age_band|"gender"/);
  });

  it('lists every problem with row and column and records nothing; a clean list is recorded and can be updated', async () => {
    const [a, b, c] = people.map((p) => ids.get(p.key)!);
    const bad = await post({
      outcomes: [
        { interviewId: 'iv-nobody', hireDate: today },
        { interviewId: a!.interviewId, hireDate: '2026-13-40', rating: 3 },
        { receiptCode: 'RNOPE', hireDate: today, rating: 7 },
        { interviewId: b!.interviewId, hireDate: today, retained30: false, retained90: true, rating: 'great' },
        { interviewId: c!.interviewId, hireDate: today, retained30: 'maybe' },
        { interviewId: c!.interviewId, hireDate: today },
        { hireDate: today },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('OUTCOMES_INVALID');
    const errs = bad.body.errors as { row: number; column: string; problem: string }[];
    const at = (row: number, column: string) => errs.find((e) => e.row === row && e.column === column)?.problem;
    expect(at(1, 'interviewId')).toMatch(/unknown interview "iv-nobody"/);
    expect(at(2, 'hireDate')).toMatch(/not a date in the form YYYY-MM-DD/);
    expect(at(3, 'receiptCode')).toMatch(/no interview at head office has receipt code/);
    expect(at(3, 'rating')).toMatch(/whole number from 1 to 5/);
    expect(at(4, 'retained90')).toMatch(/not at 30 days/);
    expect(at(4, 'rating')).toMatch(/"great"/);
    expect(at(5, 'retained30')).toMatch(/not yes\/no/);
    expect(at(6, 'interviewId')).toMatch(/already on row 5/);
    expect(at(7, 'interviewId')).toMatch(/interview id or the receipt code/);
    expect(await count('SELECT COUNT(*) AS n FROM ho_outcomes')).toBe(0);

    const ok = await post({
      outcomes: [
        { receiptCode: a!.receiptCode.toLowerCase(), hireDate: today, retained30: true, retained90: null, rating: 4 },
        { interviewId: b!.interviewId, hireDate: today },
      ],
    });
    expect(ok).toEqual({ status: 200, body: { recorded: 2, inserted: 2, updated: 0 } });
    const again = await post({ outcomes: [{ interviewId: a!.interviewId, hireDate: today, retained30: 'yes', retained90: '是', rating: '5' }] });
    expect(again.body).toEqual({ recorded: 1, inserted: 0, updated: 1 });
    expect(await store.get('SELECT retained_30, retained_90, rating, source FROM ho_outcomes WHERE interview_id = ?', [a!.interviewId])).toEqual({
      retained_30: 1,
      retained_90: 1,
      rating: 5,
      source: 'api',
    });

    const feedOnly = (await issueToken(store, 'ats2', ['feed:read'])).token;
    expect((await post({ outcomes: [{ interviewId: a!.interviewId, hireDate: today }] }, feedOnly)).status).toBe(403);
  });

  it('CSV import: the header is checked, errors point at spreadsheet rows, nothing half-imported', async () => {
    const [, , c, d] = people.map((p) => ids.get(p.key)!);
    const missing = await importOutcomesCsv(store, 'interview_id,retained_90d\nx,yes\n', 'hr');
    expect(missing).toMatchObject({ ok: false, errors: [{ row: 1, column: 'hire_date', problem: 'missing column' }] });
    const text = `\ufeffinterview_id,hire_date,retained_30d,retained_90d,manager_rating\r\n${c!.interviewId},${today},yes,,4\r\n\r\n"${d!.interviewId}",01/02/2026,yes,no,2\r\n`;
    const r = await importOutcomesCsv(store, text, 'hr');
    expect(r).toMatchObject({ ok: false, errorCount: 1, errors: [{ row: 4, column: 'hire_date' }] });
    expect(await count(`SELECT COUNT(*) AS n FROM ho_outcomes WHERE interview_id = '${c!.interviewId}'`)).toBe(0);
    const fixed = await importOutcomesCsv(store, text.replace('01/02/2026', today), 'hr');
    expect(fixed).toMatchObject({ ok: true, inserted: 2 });
  });

  it('deletion on request removes self-ID and outcomes at head office', async () => {
    const p = people[0]!;
    const { interviewId } = ids.get(p.key)!;
    expect(await count(`SELECT COUNT(*) AS n FROM ho_selfid WHERE interview_id = '${interviewId}'`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM ho_outcomes WHERE interview_id = '${interviewId}'`)).toBe(1);
    deleteApplicant(db, `ap-${p.key}`);
    expect((await syncNow(db, dataDir)).ok).toBe(true);
    expect(await count(`SELECT COUNT(*) AS n FROM ho_selfid WHERE interview_id = '${interviewId}'`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM ho_outcomes WHERE interview_id = '${interviewId}'`)).toBe(0);
    const r = await post({ outcomes: [{ interviewId, hireDate: today }] });
    expect(r.status).toBe(422);
  }, 30_000);

  it('CLI: outcomes import lists row errors and exits 1; fairness-report says insufficient; refit and a bad approval are refused', async () => {
    const cli = async (args: string[]) => {
      try {
        const r = await run('npx', ['tsx', 'headoffice/cli.ts', ...args, '--db', hoFile], { cwd: APP_ROOT, env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (e) {
        const x = e as { code: number; stdout: string; stderr: string };
        return { code: x.code, stdout: x.stdout, stderr: x.stderr };
      }
    };
    const csv = path.join(tempDir('csv-'), 'outcomes.csv');
    fs.writeFileSync(csv, `interview_id,hire_date,retained_30d,retained_90d,manager_rating\n${ids.get(people[5]!.key)!.interviewId},${today},yes,yes,6\n`);
    const [imp, rep, refit, approve] = await Promise.all([
      cli(['outcomes', 'import', csv]),
      cli(['fairness-report', '--json']),
      cli(['model', 'refit', '--pack', 'cashier', '--by', 'Ana', '--reason', 'try']),
      cli(['model', 'approve', 'cand_nope', '--by', 'Ana', '--reason', 'x']),
    ]);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toMatch(/row 2, column manager_rating: "6" is not a whole number from 1 to 5/);
    expect(JSON.parse(imp.stdout)).toMatchObject({ imported: 0, errorCount: 1 });
    expect(rep.code).toBe(0);
    const report = JSON.parse(rep.stdout) as { groups: { storeId: string; verdict: string; rows: { status: string; n: number }[]; outcomes: { sufficientForRefit: boolean } }[] };
    const s9 = report.groups.find((g) => g.storeId === 'S9')!;
    expect(s9.verdict).toBe('insufficient');
    expect(s9.rows.length).toBeGreaterThan(0);
    expect(s9.rows.every((r) => r.status === 'insufficient' && !('impactRatio' in r))).toBe(true);
    expect(s9.outcomes.sufficientForRefit).toBe(false);
    expect(refit.code).toBe(1);
    expect(refit.stderr).toMatch(/Refit refused for cashier: only \d+ hires have a known 90-day outcome; refitting needs at least 100/);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/no model candidate "cand_nope"/);
  }, 60_000);
});
