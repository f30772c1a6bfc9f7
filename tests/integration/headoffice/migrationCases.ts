/**
 * Data for the head-office migration tests (migrationsSuite.ts), one case per schema version:
 * `seed` writes rows a database at that version could hold (in tables that exist at that
 * version, on both dialects), `check` asserts what the step to that version must have done to
 * the rows seeded at the versions before it. Version 0 is a database that holds only ho_meta and
 * a table of the operator's own. Adding a migration N: add case N here (headoffice/store/migrations/README.md).
 */
import { expect } from 'vitest';
import type { Dialect } from '../../../headoffice/store/migrations/index.js';
import type { Queryable } from '../../../headoffice/store/types.js';

export type MigrationCase = {
  version: number;
  /** Rows a database at `version` may hold, written once the store is at `version`. */
  seed(q: Queryable, dialect: Dialect): Promise<void>;
  /** After upgrading a seeded store from `version - 1` to `version`: what the step did. */
  check(q: Queryable, dialect: Dialect): Promise<void>;
  /** Columns the step drops on purpose (the generic "every old row and value is kept" check skips them). */
  drops?: Record<string, string[]>;
};

const AT = '2026-01-05T08:30:00.000Z';
const LATER = '2026-02-05T08:30:00.000Z';

const insert = (q: Queryable, table: string, row: Record<string, string | number | null | Buffer>) => {
  const cols = Object.keys(row);
  return q.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
};
const record = (q: Queryable, r: { id: string; kiosk: string; store: string; kind: string; subject: string; interview: string | null; applicant: string | null; erased?: boolean }) =>
  insert(q, 'ho_records', {
    id: r.id,
    kiosk_id: r.kiosk,
    store_id: r.store,
    batch_id: `b_${r.kiosk}`,
    kiosk_order: Number(r.id.slice(1)),
    kind: r.kind,
    subject_id: r.subject,
    interview_id: r.interview,
    applicant_id: r.applicant,
    status: r.erased ? 'erased' : 'accepted',
    payload_json: r.erased ? null : JSON.stringify({ kind: r.kind, v: 1, note: '面试 ; semicolons stay data' }),
    content_hash: `h_${r.id}`,
    kiosk_created_at: AT,
    received_at: AT,
    erased_at: r.erased ? LATER : null,
  });
const tableNames = async (q: Queryable, dialect: Dialect): Promise<string[]> =>
  (
    await q.all<{ name: string }>(
      dialect === 'sqlite'
        ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
        : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    )
  ).map((r) => r.name);
const count = async (q: Queryable, table: string) => (await q.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
const expectTables = async (q: Queryable, dialect: Dialect, names: string[]) => expect(await tableNames(q, dialect)).toEqual(expect.arrayContaining(names));

export const migrationCases: MigrationCase[] = [
  {
    version: 0,
    async seed(q) {
      // A PostgreSQL database (or SQLite file) may hold the operator's own tables: never touched.
      await q.run('CREATE TABLE operator_notes (id TEXT PRIMARY KEY, note TEXT NOT NULL)');
      await insert(q, 'operator_notes', { id: 'n1', note: 'backup taken 2026-01-04' });
    },
    async check() {
      throw new Error('version 0 is the empty database; there is no step to it');
    },
  },
  {
    version: 1,
    async seed(q) {
      await insert(q, 'ho_keys', { id: 'hk1', public_key_pem: 'PUBLIC PEM', private_key_pem: 'PRIVATE PEM', created_at: AT });
      await insert(q, 'ho_enrollment_codes', { code_hash: 'code_used', store_id: 'S1', created_at: AT, expires_at: LATER, used_at: AT, kiosk_id: 'k_a' });
      await insert(q, 'ho_enrollment_codes', { code_hash: 'code_open', store_id: 'S9', created_at: AT, expires_at: LATER, used_at: null, kiosk_id: null });
      const kiosk = (id: string, store: string, revoked: string | null) =>
        insert(q, 'ho_kiosks', {
          id,
          store_id: store,
          label: `柜台 ${id}`,
          public_key_pem: `PEM ${id}`,
          enrolled_at: AT,
          watermark_seq: 3,
          watermark: 'r3',
          last_seen_at: AT,
          versions_json: '[{"kind":"pack","name":"retail","version":2}]',
          last_error: null,
          revoked_at: revoked,
        });
      await kiosk('k_a', 'S1', null);
      await kiosk('k_h', 'S9', null);
      await kiosk('k_old', 'S1', LATER);
      await insert(q, 'ho_batches', { id: 'b_k_a', kiosk_id: 'k_a', seq: 1, record_count: 3, last_record_id: 'r4', source: 'push', received_at: AT });
      await insert(q, 'ho_batches', { id: 'b_k_h', kiosk_id: 'k_h', seq: 1, record_count: 1, last_record_id: 'r1', source: 'usb', received_at: AT });
      // Receive order (seq 1, 2, …): a stranger's decision on iv1 arrived before iv1's own record (possible before v3).
      await record(q, { id: 'r1', kiosk: 'k_h', store: 'S9', kind: 'decision.made', subject: 'iv1', interview: 'iv1', applicant: null });
      await record(q, { id: 'r2', kiosk: 'k_a', store: 'S1', kind: 'interview.completed', subject: 'iv1', interview: 'iv1', applicant: 'ap1' });
      await record(q, { id: 'r3', kiosk: 'k_a', store: 'S1', kind: 'human.requested', subject: 'hr1', interview: null, applicant: null });
      await record(q, { id: 'r4', kiosk: 'k_a', store: 'S1', kind: 'interview.completed', subject: 'iv2', interview: 'iv2', applicant: 'ap2', erased: true });
      await insert(q, 'ho_erasures', { applicant_id: 'ap2', interview_id: 'iv2', record_id: 'r5' });
      await insert(q, 'ho_interviews', {
        id: 'iv1',
        kiosk_id: 'k_a',
        store_id: 'S1',
        pack_id: 'retail',
        applicant_id: 'ap1',
        status: 'completed',
        started_at: AT,
        finished_at: AT,
        band: 'B',
        overall: 0.625,
        decision: 'advance',
        scheduled: 1,
        updated_at: AT,
      });
      await insert(q, 'ho_interviews', {
        id: 'iv2',
        kiosk_id: 'k_a',
        store_id: 'S1',
        pack_id: 'retail',
        applicant_id: null,
        status: 'erased',
        started_at: null,
        finished_at: null,
        band: null,
        overall: null,
        decision: null,
        scheduled: 0,
        updated_at: LATER,
      });
      await insert(q, 'ho_tokens', { id: 't1', name: 'HR system', token_hash: 'th_1', scopes: 'feed:read', created_at: AT, revoked_at: null, feed_cursor: 2, last_used_at: AT });
      await insert(q, 'ho_downlink', { kind: 'pack', name: 'retail', version: 1, sha256: 'sha_1', content: Buffer.from([0, 1, 2, 0x3b, 255]), signature: 'sig_1', stores: null, published_at: AT });
      await insert(q, 'ho_downlink', { kind: 'model', name: 'retail', version: 2, sha256: 'sha_2', content: Buffer.from('模型', 'utf8'), signature: 'sig_2', stores: '["S1"]', published_at: LATER });
      await insert(q, 'ho_events', { id: 'e1', at: AT, kind: 'bad_signature', kiosk_id: 'k_h', detail: '{"batch":"b_k_h"}' });
    },
    async check(q, dialect) {
      await expectTables(q, dialect, ['ho_keys', 'ho_enrollment_codes', 'ho_kiosks', 'ho_batches', 'ho_records', 'ho_erasures', 'ho_interviews', 'ho_tokens', 'ho_downlink', 'ho_events']);
      expect(await count(q, 'ho_records')).toBe(0);
      // Receive order is numbered by the database.
      await record(q, { id: 'r9', kiosk: 'k_a', store: 'S1', kind: 'interview.completed', subject: 'iv9', interview: 'iv9', applicant: null });
      await record(q, { id: 'r10', kiosk: 'k_a', store: 'S1', kind: 'decision.made', subject: 'iv9', interview: 'iv9', applicant: null });
      expect(await q.all('SELECT seq, id FROM ho_records ORDER BY seq')).toEqual([
        { seq: 1, id: 'r9' },
        { seq: 2, id: 'r10' },
      ]);
      await expect(record(q, { id: 'r9', kiosk: 'k_a', store: 'S1', kind: 'x', subject: 'x', interview: null, applicant: null })).rejects.toThrow();
    },
  },
  {
    version: 2,
    async seed(q) {
      await insert(q, 'ho_outcomes', {
        interview_id: 'iv1',
        store_id: 'S1',
        pack_id: 'retail',
        hire_date: '2026-01-10',
        retained_30: 1,
        retained_90: null,
        rating: 4,
        source: 'api',
        recorded_by: 'token:t1',
        recorded_at: LATER,
      });
      await insert(q, 'ho_selfid', {
        interview_id: 'iv1',
        record_id: 'r6',
        content_hash: 'h_r6',
        kiosk_id: 'k_a',
        store_id: 'S1',
        kiosk_order: 6,
        gender: 'female',
        age_band: '25-34',
        received_at: AT,
      });
      // An interview head office knows only from its self-ID record.
      await insert(q, 'ho_selfid', { interview_id: 'iv3', record_id: 'r7', content_hash: 'h_r7', kiosk_id: 'k_h', store_id: 'S9', kiosk_order: 7, gender: null, age_band: null, received_at: AT });
      await insert(q, 'ho_model_candidates', {
        id: 'c1',
        pack_id: 'retail',
        base_version: 'retail-1',
        model_version: 'retail-2',
        weights_json: '{"w":[0.5,-0.25]}',
        status: 'published',
        validity_json: '{"n":120}',
        comparison_json: '{}',
        impact_json: '{"groups":[]}',
        created_by: 'boss',
        created_at: AT,
        reason: 'refit after 120 outcomes',
        approved_by: 'auditor',
        approved_at: AT,
        approval_reason: 'ratios ≥ 0.8',
        downlink_version: 2,
        published_at: LATER,
      });
      await insert(q, 'ho_model_changes', { id: 'mc1', at: AT, pack_id: 'retail', candidate_id: 'c1', action: 'publish', actor: 'auditor', reason: 'approved', detail_json: '{}' });
    },
    async check(q, dialect) {
      await expectTables(q, dialect, ['ho_outcomes', 'ho_selfid', 'ho_model_candidates', 'ho_model_changes']);
      for (const t of ['ho_outcomes', 'ho_selfid', 'ho_model_candidates', 'ho_model_changes']) expect(await count(q, t), t).toBe(0);
    },
  },
  {
    version: 3,
    async seed(q) {
      await q.run(`UPDATE ho_kiosks SET refused_records = 2 WHERE id = 'k_a'`);
      await q.run(`UPDATE ho_kiosks SET replaced_by = 'k_a' WHERE id = 'k_old'`);
      await q.run(`UPDATE ho_enrollment_codes SET replaces_kiosk_id = 'k_old' WHERE code_hash = 'code_used'`);
      await insert(q, 'ho_tokens', { id: 't2', name: 'payroll', token_hash: 'th_2', scopes: 'feed:read,outcomes:write', created_at: AT, feed_cursor: 0, expires_at: LATER });
      await insert(q, 'ho_owners', { subject_id: 'hr2', kiosk_id: 'k_h', store_id: 'S9', record_id: 'r8', claimed_at: LATER });
      await insert(q, 'ho_auth_failures', { source: '10.0.0.7', kind: 'enroll', window_start_ms: 1_767_600_000_000, failures: 2, total: 5, last_at: AT });
    },
    async check(q) {
      // Backfilled owners: iv1 goes to the kiosk that sent its interview record, not the stranger
      // whose decision arrived first; the applicant, the call-back request and the interview known
      // only from self-ID go to their senders.
      expect(await q.all('SELECT subject_id, kiosk_id, store_id, record_id FROM ho_owners ORDER BY subject_id')).toEqual([
        { subject_id: 'ap1', kiosk_id: 'k_a', store_id: 'S1', record_id: 'r2' },
        { subject_id: 'ap2', kiosk_id: 'k_a', store_id: 'S1', record_id: 'r4' },
        { subject_id: 'hr1', kiosk_id: 'k_a', store_id: 'S1', record_id: 'r3' },
        { subject_id: 'iv1', kiosk_id: 'k_a', store_id: 'S1', record_id: 'r2' },
        { subject_id: 'iv2', kiosk_id: 'k_a', store_id: 'S1', record_id: 'r4' },
        { subject_id: 'iv3', kiosk_id: 'k_h', store_id: 'S9', record_id: 'r7' },
      ]);
      // Tokens made before expiry existed get 90 days from the upgrade.
      const tok = (await q.get<{ expires_at: string }>(`SELECT expires_at FROM ho_tokens WHERE id = 't1'`))!;
      expect(tok.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(tok.expires_at) - (Date.now() + 90 * 86_400_000))).toBeLessThan(120_000);
      expect(await q.all('SELECT id, refused_records, replaced_by FROM ho_kiosks ORDER BY id')).toEqual([
        { id: 'k_a', refused_records: 0, replaced_by: null },
        { id: 'k_h', refused_records: 0, replaced_by: null },
        { id: 'k_old', refused_records: 0, replaced_by: null },
      ]);
      expect(await q.all('SELECT code_hash, replaces_kiosk_id FROM ho_enrollment_codes ORDER BY code_hash')).toEqual([
        { code_hash: 'code_open', replaces_kiosk_id: null },
        { code_hash: 'code_used', replaces_kiosk_id: null },
      ]);
      expect(await count(q, 'ho_auth_failures')).toBe(0);
    },
  },
  {
    version: 4,
    async seed(q) {
      await q.run(`UPDATE ho_kiosks SET audit_seq = 40, audit_hash = 'ah40', audit_batch_seq = 1, audit_at = ? WHERE id = 'k_a'`, [AT]);
      await q.run(`UPDATE ho_kiosks SET audit_alert = ? WHERE id = 'k_h'`, ['{"at":"2026-01-05","seq":12}']);
    },
    async check(q) {
      expect(await q.all('SELECT id, audit_seq, audit_hash, audit_batch_seq, audit_at, audit_alert FROM ho_kiosks ORDER BY id')).toEqual(
        ['k_a', 'k_h', 'k_old'].map((id) => ({ id, audit_seq: null, audit_hash: null, audit_batch_seq: null, audit_at: null, audit_alert: null })),
      );
    },
  },
  {
    version: 5,
    async seed(q) {
      await insert(q, 'ho_admins', {
        id: 'a1',
        username: 'hr.li',
        display_name: '李经理',
        role: 'hr',
        password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        created_at: AT,
        created_by: 'cli',
        password_changed_at: AT,
        disabled_at: null,
        failed_logins: 1,
        locked_until: null,
        last_login_at: AT,
      });
      await insert(q, 'ho_sessions', { token_hash: 'sess_1', admin_id: 'a1', csrf_token: 'csrf_1', created_at: AT, expires_at: LATER, idle_expires_at: LATER, ip: '127.0.0.1' });
      await insert(q, 'ho_console_audit', { id: 'ca1', at: AT, admin_id: 'a1', username: 'hr.li', action: 'login', target: null, outcome: 'ok', detail: '{}', ip: '127.0.0.1' });
    },
    async check(q, dialect) {
      await expectTables(q, dialect, ['ho_admins', 'ho_sessions', 'ho_console_audit']);
      for (const t of ['ho_admins', 'ho_sessions', 'ho_console_audit']) expect(await count(q, t), t).toBe(0);
      // A session must name an existing admin.
      await expect(insert(q, 'ho_sessions', { token_hash: 's', admin_id: 'nobody', csrf_token: 'c', created_at: AT, expires_at: AT, idle_expires_at: AT, ip: '::1' })).rejects.toThrow();
    },
  },
  {
    version: 6,
    async seed(q) {
      await insert(q, 'ho_notifications', {
        id: 'n1',
        event_key: 'decision:iv1',
        store_id: 'S1',
        interview_id: 'iv1',
        kind: 'decision',
        lang: 'zh-CN',
        channel: 'sms',
        recipient: '13800001234',
        body_text: '您好，您的面试结果已出',
        status: 'sent',
        not_before_ms: 1000,
        next_attempt_ms: 1000,
        lease_until_ms: null,
        attempts: 1,
        last_status: 200,
        last_error: null,
        cancel_reason: null,
        created_at: AT,
        updated_at: AT,
        sent_at: AT,
        erased_at: null,
      });
      await insert(q, 'ho_notify_attempts', { notification_id: 'n1', attempt: 1, at: AT, http_status: 200, error: null, duration_ms: 35, response_excerpt: '{"ok":true}' });
      await insert(q, 'ho_notify_templates', { store_id: '*', kind: 'decision', lang: 'zh-CN', body: '{store}：{result}', updated_at: AT });
      await insert(q, 'ho_notify_stores', { store_id: 'S1', name_zh: '一号店', name_en: 'Store 1', result_url: 'https://ho.example/r', updated_at: AT });
      await insert(q, 'ho_receipts', { code_hash: 'rc_1', check_hash: 'chk_1', interview_id: 'iv1', store_id: 'S1' });
      await insert(q, 'ho_notify_optouts', { interview_id: 'iv2', at: AT });
      await insert(q, 'ho_lookup_limits', { key: 'src:10.0.0.7', window_start_ms: 1000, count: 3 });
    },
    async check(q, dialect) {
      const tables = ['ho_notifications', 'ho_notify_attempts', 'ho_notify_templates', 'ho_notify_stores', 'ho_receipts', 'ho_notify_optouts', 'ho_lookup_limits'];
      await expectTables(q, dialect, tables);
      for (const t of tables) expect(await count(q, t), t).toBe(0);
    },
  },
  {
    version: 7,
    async seed(q) {
      await q.run(`UPDATE ho_notify_stores SET region = 'east', updated_by = 'a1' WHERE store_id = 'S1'`);
      await q.run(`UPDATE ho_kiosks SET sync_lag_ms = 5000, pending_records = 3, status_json = '{"packs":[]}', status_at = ?, errors_json = '["speech off"]' WHERE id = 'k_a'`, [AT]);
    },
    async check(q) {
      expect(await q.all('SELECT store_id, name_zh, region, updated_by FROM ho_notify_stores')).toEqual([{ store_id: 'S1', name_zh: '一号店', region: null, updated_by: null }]);
      expect(await q.all('SELECT id, sync_lag_ms, pending_records, status_json, status_at, errors_json FROM ho_kiosks ORDER BY id')).toEqual(
        ['k_a', 'k_h', 'k_old'].map((id) => ({ id, sync_lag_ms: null, pending_records: null, status_json: null, status_at: null, errors_json: '[]' })),
      );
    },
  },
  {
    version: 8,
    async seed(q) {
      await insert(q, 'ho_secondround_picks', {
        decision_id: 'd1',
        id: 'p1',
        interview_id: 'iv1',
        store_id: 'S1',
        kiosk_id: 'k_a',
        offer_id: 'o1',
        slot_id: 's1',
        slot_date: '2026-02-10',
        slot_start: '14:30',
        slot_place: '二楼办公室',
        picked_at: AT,
        resolved_at: null,
        resolution: null,
      });
    },
    async check(q, dialect) {
      await expectTables(q, dialect, ['ho_secondround_picks']);
      expect(await count(q, 'ho_secondround_picks')).toBe(0);
      const pick = { id: 'p2', interview_id: 'iv1', store_id: 'S1', kiosk_id: 'k_a', offer_id: 'o1', slot_id: 's2', slot_date: '2026-02-10', slot_start: '15:00', slot_place: 'Office', picked_at: AT };
      await insert(q, 'ho_secondround_picks', { decision_id: 'd1', ...pick });
      // One pick per decision; a resolution is 'booked' or 'lapsed'.
      await expect(insert(q, 'ho_secondround_picks', { decision_id: 'd1', ...pick, id: 'p3' })).rejects.toThrow();
      await expect(q.run(`UPDATE ho_secondround_picks SET resolution = 'maybe' WHERE id = 'p2'`)).rejects.toThrow();
      await q.run(`DELETE FROM ho_secondround_picks`);
    },
  },
];
