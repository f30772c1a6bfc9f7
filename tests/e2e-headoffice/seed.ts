/**
 * A head office seeded the way production fills it: kiosks enroll with codes and push signed
 * batches built by the kiosk's own code. Store S001's kiosk finishes 240 cashier interviews
 * scored by the shipped ONNX model (with optional self-ID), plus a few warehouse interviews,
 * decisions, a shift, an abandoned start and a deletion on request; HR imports outcomes; a
 * refit makes a candidate model. Store S002's kiosk enrolls and never syncs. Store S003's kiosk
 * syncs once, then holds a record head office cannot read yet (newer kiosk software) for three
 * hours: its status report shows that sync lag and the error.
 */
import path from 'node:path';
import { APP_ROOT } from '../../electron/services/app/config.js';
import { packJson } from '../../electron/services/db/compactJson.js';
import { loadPackDirs } from '../../core/packs/loadPacks.js';
import { enrollKiosk } from '../../electron/services/sync/enroll.js';
import { enqueueOutbox } from '../../electron/services/sync/outbox.js';
import { getIdentity } from '../../electron/services/sync/state.js';
import type { ReportSources } from '../../electron/services/sync/statusReport.js';
import { syncNow } from '../../electron/services/sync/syncService.js';
import { sha256Hex, ulid } from '../../core/ids.js';
import { issueEnrollmentCode } from '../../headoffice/admin.js';
import { createAdmin } from '../../headoffice/auth/admins.js';
import { refitCandidate } from '../../headoffice/fairness/candidates.js';
import { importOutcomesCsv } from '../../headoffice/outcomes/outcomes.js';
import { buildServer } from '../../headoffice/server.js';
import { openStore } from '../../headoffice/store/openStore.js';
import type { HoStore } from '../../headoffice/store/types.js';
import { makePopulation, outcomesCsv, populateKiosk } from '../integration/fairness/population.js';
import { completeInterview, decide, deleteApplicant, openSimKiosk, startPgCluster, tempDir, type PgCluster, type SimKiosk } from '../integration/sync/harness.js';

export const ADMIN = { username: 'zhang.wei', password: 'Hq-console-2026!' };
export type Seeded = {
  url: string;
  store: HoStore;
  k1: SimKiosk;
  k2: SimKiosk;
  k3: SimKiosk;
  report: ReportSources;
  candidateId: string;
  scoredInterview: string;
  erasedInterview: string;
  keptInterview: string;
  keptName: string;
  close(): Promise<void>;
};

export async function seedHeadOffice(kind: 'sqlite' | 'pg'): Promise<Seeded> {
  let pg: PgCluster | null = null;
  if (kind === 'pg') pg = await startPgCluster();
  const store = pg ? await openStore({ databaseUrl: await pg.newDatabase() }) : await openStore({ file: path.join(tempDir('ho-e2e-'), 'headoffice.db') });
  // Plain http on 127.0.0.1 in the test: the Secure flag is switched off as `serve --insecure-cookie` does.
  const app = buildServer(store, { consoleCookieSecure: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await createAdmin(store, { username: ADMIN.username, displayName: '张伟', role: 'admin', password: ADMIN.password, createdBy: 'cli:e2e' });

  const k1 = openSimKiosk();
  await enrollKiosk(k1.db, url, (await issueEnrollmentCode(store, 'S001')).code, '前台终端 1');
  const people = makePopulation({ n: 240, seed: 21, biased: false, noSelfId: 8 });
  const ids = await populateKiosk(k1.db, people);
  const sorter = Array.from({ length: 3 }, (_, i) => completeInterview(k1.db, { packId: 'warehouse-sorter', overall: 55 + i * 15, name: `分拣员${i + 1}` }));
  const kept = completeInterview(k1.db, { packId: 'warehouse-sorter', overall: 88, name: '李晓华' });
  const gone = completeInterview(k1.db, { packId: 'warehouse-sorter', overall: 72, name: '王删除' });
  decide(k1.db, kept.interviewId, 'pass', { shift: 'sat-am' });
  decide(k1.db, sorter[2]!.interviewId, 'pass');
  decide(k1.db, sorter[0]!.interviewId, 'fail');
  const abandoned = ulid();
  k1.db.transaction(() => enqueueOutbox(k1.db, 'interview.abandoned', abandoned, { v: 1, interviewId: abandoned, reason: 'idle', packId: 'warehouse-sorter' }))();
  // What a running kiosk reports: the shipped packs it loaded and the models installed here.
  const packs = loadPackDirs([path.join(APP_ROOT, 'resources', 'packs')]).packs.map((p) => ({ id: p.pack.id, version: p.pack.version }));
  const report: ReportSources = { modelsDir: path.join(APP_ROOT, 'models'), packs: () => packs, appVersion: '0.1.0' };
  const first = await syncNow(k1.db, k1.dataDir, { maxAttempts: 2, report });
  if (!first.ok) throw new Error(`seed sync failed: ${JSON.stringify(first)}`);
  deleteApplicant(k1.db, gone.applicantId);
  const second = await syncNow(k1.db, k1.dataDir, { maxAttempts: 2, report });
  if (!second.ok) throw new Error(`seed sync (tombstone) failed: ${JSON.stringify(second)}`);

  const imp = await importOutcomesCsv(store, outcomesCsv(people, ids, new Date().toISOString().slice(0, 10)), 'hr-import');
  if (!imp.ok) throw new Error('seed outcomes import failed');
  const cand = await refitCandidate(store, 'cashier', { by: 'Ana (analyst)', reason: 'quarterly refit on 90-day retention' });

  const k2 = openSimKiosk();
  await enrollKiosk(k2.db, url, (await issueEnrollmentCode(store, 'S002')).code, '仓库终端');
  if (!getIdentity(k2.db)) throw new Error('kiosk 2 did not enroll');

  const k3 = openSimKiosk();
  await enrollKiosk(k3.db, url, (await issueEnrollmentCode(store, 'S003')).code, '仓库二号终端');
  completeInterview(k3.db, { packId: 'warehouse-sorter', overall: 70, name: '赵库管' });
  if (!(await syncNow(k3.db, k3.dataDir, { maxAttempts: 1, report })).ok) throw new Error('kiosk 3 first sync failed');
  const payload = JSON.stringify({ v: 99, interviewId: ulid(), reason: 'idle', packId: 'warehouse-sorter' });
  k3.db
    .prepare('INSERT INTO outbox (id, kind, subject_id, payload, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(ulid(), 'interview.abandoned', ulid(), packJson(payload), sha256Hex('interview.abandoned\n' + payload), new Date(Date.now() - 3 * 3_600_000).toISOString());
  if ((await syncNow(k3.db, k3.dataDir, { maxAttempts: 1, report })).ok) throw new Error('kiosk 3 should not get its unreadable record through');

  return {
    url,
    store,
    k1,
    k2,
    k3,
    report,
    candidateId: cand.id,
    scoredInterview: [...ids.values()][0]!.interviewId,
    erasedInterview: gone.interviewId,
    keptInterview: kept.interviewId,
    keptName: kept.name,
    async close() {
      k1.close();
      k2.close();
      k3.close();
      await app.close();
      await store.close();
      pg?.stop();
    },
  };
}
