import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/tempKiosk.js';
import { finishInterview, managerKiosk, setUpStore, type ManagerKiosk } from './managerHarness.js';

/** Runs the real CLI in a child process against the kiosk's data dir, as a store technician would. */
function auditVerify(dataDir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), 'audit', 'verify'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, json: r.stdout.trim() ? (JSON.parse(r.stdout.trim()) as Record<string, unknown>) : null, stderr: r.stderr };
}

let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k);
  await finishInterview(k, { name: '陈一', mobile: '13900000001' });
  k.db.close();
});
afterEach(async () => {
  await k.close();
});

function tamper(sql: string) {
  const db = new Database(k.config.dbFile);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${k.key}'"`);
  db.prepare(sql).run();
  db.close();
}

describe('kiosk audit verify', () => {
  it('exits 0 on an intact chain and 1 naming the first changed entry', () => {
    const ok = auditVerify(k.config.dataDir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ ok: true });
    const entries = ok.json!.entries as number;
    expect(entries).toBeGreaterThan(4);

    tamper(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`);
    const bad = auditVerify(k.config.dataDir);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, firstBrokenSeq: 3, problem: expect.stringContaining('changed') });
    expect(bad.stderr).toContain('#3');
  });

  it('detects a removed entry by the broken link of the next one', () => {
    tamper(`DELETE FROM audit_log WHERE seq = 2`);
    const bad = auditVerify(k.config.dataDir);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, firstBrokenSeq: 3, problem: expect.stringContaining('removed') });
  });

  it('exits 2 with a clear message when there is no database', () => {
    const r = auditVerify(path.join(k.config.dataDir, 'nowhere'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no kiosk database');
  });
});
