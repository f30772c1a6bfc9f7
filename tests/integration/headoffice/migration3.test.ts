/**
 * Schema v3 on a database that already holds data from v2: owners are backfilled from what
 * was received (an interview's own record wins over a stranger's earlier decision), old tokens
 * get an expiry, counters start at zero.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrate } from '../../../headoffice/store/openStore.js';
import { hoMigrations } from '../../../headoffice/store/schema.js';
import { openSqliteStore } from '../../../headoffice/store/sqliteStore.js';
import { cleanupTempDirs, tempDir } from '../sync/harness.js';

afterAll(cleanupTempDirs);

it('migrates a v2 head-office database with data to v3 and on', async () => {
  const store = openSqliteStore(path.join(tempDir('ho-mig-'), 'ho.db'));
  await store.run('CREATE TABLE ho_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const m of hoMigrations.filter((x) => x.version <= 2)) for (const s of m.sqlite.split(';').map((x) => x.trim()).filter(Boolean)) await store.run(s);
  await store.run(`INSERT INTO ho_meta (key, value) VALUES ('schema_version', '2')`);
  const at = '2026-01-01T00:00:00.000Z';
  for (const [id, store_] of [['k_a', 'S1'], ['k_h', 'S9']]) await store.run(`INSERT INTO ho_kiosks (id, store_id, label, public_key_pem, enrolled_at) VALUES (?, ?, 'x', 'pem', ?)`, [id, store_, at]);
  const rec = (seq: number, id: string, kiosk: string, storeId: string, kind: string, subject: string, interview: string | null, applicant: string | null) =>
    store.run(
      `INSERT INTO ho_records (seq, id, kiosk_id, store_id, batch_id, kiosk_order, kind, subject_id, interview_id, applicant_id, status, payload_json, content_hash, kiosk_created_at, received_at)
       VALUES (?, ?, ?, ?, 'b', ?, ?, ?, ?, ?, 's', '{}', 'h', ?, ?)`,
      [seq, id, kiosk, storeId, seq, kind, subject, interview, applicant, at, at],
    );
  // A stranger's decision arrived before the owner's interview (possible before v3).
  await rec(1, 'r1', 'k_h', 'S9', 'decision.made', 'iv1', 'iv1', null);
  await rec(2, 'r2', 'k_a', 'S1', 'interview.completed', 'iv1', 'iv1', 'ap1');
  await rec(3, 'r3', 'k_a', 'S1', 'human.requested', 'hr1', null, null);
  await store.run(`INSERT INTO ho_tokens (id, name, token_hash, scopes, created_at) VALUES ('t1', 'old', 'hash', 'feed:read', ?)`, [at]);

  expect(await migrate(store)).toBe(hoMigrations.at(-1)!.version);
  expect(await store.all('SELECT subject_id, kiosk_id, store_id FROM ho_owners ORDER BY subject_id')).toEqual([
    { subject_id: 'ap1', kiosk_id: 'k_a', store_id: 'S1' },
    { subject_id: 'hr1', kiosk_id: 'k_a', store_id: 'S1' },
    { subject_id: 'iv1', kiosk_id: 'k_a', store_id: 'S1' },
  ]);
  const tok = (await store.get<{ expires_at: string }>(`SELECT expires_at FROM ho_tokens WHERE id = 't1'`))!;
  expect(Math.abs(Date.parse(tok.expires_at) - (Date.now() + 90 * 86_400_000))).toBeLessThan(120_000);
  expect(await store.all('SELECT refused_records, replaced_by FROM ho_kiosks')).toEqual([{ refused_records: 0, replaced_by: null }, { refused_records: 0, replaced_by: null }]);
  expect(await migrate(store)).toBe(hoMigrations.at(-1)!.version); // idempotent
  await store.close();
});
