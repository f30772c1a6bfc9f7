/**
 * Issue 13: `audit verify` on the kiosk compares its chain with the last hash head office
 * anchored. The kiosk keeps the anchor GET /v1/kiosks/audit-anchor returns after each sync
 * round; a log cut short or rewritten and re-chained after it synced still verifies on its own,
 * and only the anchor shows it (exit 1, naming the problem).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { appendAudit } from '../../../electron/services/audit/auditLog.js';
import { loadOrCreateKeyFile } from '../../../electron/services/db/keyFile.js';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { storeAnchor, storedAnchor } from '../../../electron/services/sync/auditAnchor.js';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { syncNow } from '../../../electron/services/sync/syncService.js';
import { canonicalJson, sha256Hex } from '../../../core/ids.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, listenHo, tempDir } from './harness.js';

function auditVerify(dataDir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'electron/cli/kiosk.ts'), 'audit', 'verify'], {
    cwd: APP_ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'error', KIOSK_SYNC: 'off' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as Record<string, unknown> | null, stderr: r.stderr };
}

/** What someone with the key does to hide entries: change them and re-chain everything after. */
function rewriteFrom(db: Db, seq: number) {
  const rows = db.prepare('SELECT seq, at, actor, action, subject, detail_json, prev_hash FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail_json: string;
    prev_hash: string;
  }[];
  let prev = rows[0]!.prev_hash;
  for (const r of rows) {
    const actor = r.seq === seq ? 'someone else' : r.actor;
    const hash = sha256Hex(prev + '\n' + canonicalJson({ at: r.at, actor, action: r.action, subject: r.subject, detail: r.detail_json }));
    db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(actor, prev, hash, r.seq);
    prev = hash;
  }
}

describe('audit verify against the anchor head office keeps', () => {
  let store: HoStore;
  let ho: Awaited<ReturnType<typeof listenHo>>;
  beforeAll(async () => {
    store = await openStore({ file: path.join(tempDir('ho-'), 'ho.db') });
    ho = await listenHo(store);
  });
  afterAll(async () => {
    await ho.close();
    await store.close();
    cleanupTempDirs();
  });

  async function syncedKiosk() {
    const dataDir = tempDir('kiosk-anchor-');
    const open = () => openDatabase({ file: path.join(dataDir, 'kiosk.db'), key: loadOrCreateKeyFile(path.join(dataDir, 'kiosk.key')) });
    const db = open();
    await enrollKiosk(db, ho.url, (await issueEnrollmentCode(store, 'S700')).code);
    for (let i = 0; i < 6; i++) appendAudit(db, { actor: 'manager', action: 'test.entry', subject: `s${i}`, detail: { i } });
    completeInterview(db);
    expect(storedAnchor(db)).toBeNull();
    const r = await syncNow(db, dataDir, { maxAttempts: 1 });
    expect(r.ok, r.error ?? '').toBe(true);
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    // The sync round stored what head office anchored: the head the batch carried.
    expect(storedAnchor(db)).toEqual(head);
    return { dataDir, db, head, open };
  }

  it('after a sync round the kiosk keeps the anchor; intact → exit 0; cut short → exit 1 "truncated"', async () => {
    const { dataDir, db, head } = await syncedKiosk();
    db.close();
    const ok = auditVerify(dataDir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, anchor: { seq: head.seq, ok: true } });

    const db2 = openDatabase({ file: path.join(dataDir, 'kiosk.db'), key: loadOrCreateKeyFile(path.join(dataDir, 'kiosk.key')) });
    db2.prepare('DELETE FROM audit_log WHERE seq >= ?').run(head.seq - 2); // the chain that is left still verifies on its own
    db2.close();
    const bad = auditVerify(dataDir);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, problem: 'truncated', anchor: { seq: head.seq, ok: false, problem: 'truncated' } });
    expect(bad.json).not.toHaveProperty('firstBrokenSeq');
    expect(bad.stderr).toMatch(/cut short/);
  }, 60_000);

  it('a log rewritten and re-chained after it synced → exit 1 "rewritten"', async () => {
    const { dataDir, db, head } = await syncedKiosk();
    rewriteFrom(db, head.seq - 3);
    db.close();
    const bad = auditVerify(dataDir);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, problem: 'rewritten', anchor: { seq: head.seq, ok: false, problem: 'rewritten' } });
    expect(bad.stderr).toMatch(/rewritten after it was synced/);
  }, 60_000);

  it('the kept anchor never moves back (an older or empty answer leaves it)', async () => {
    const { db, head } = await syncedKiosk();
    expect(storeAnchor(db, null)).toEqual(head);
    expect(storeAnchor(db, { seq: head.seq - 1, hash: 'x' })).toEqual(head);
    expect(storedAnchor(db)).toEqual(head);
    db.close();
  }, 60_000);
});
