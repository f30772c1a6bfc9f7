import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/services/audit/auditLog.js';
import { migrations, runMigrations } from '../../../electron/services/db/migrations/index.js';

describe('migration 0100: notify consents', () => {
  it('copies choices made before it from the audit log, in order, and checks its columns', () => {
    const db = new Database(':memory:');
    runMigrations(db, migrations, 90);
    appendAudit(db as never, {
      actor: 'applicant',
      action: 'notify.consented',
      subject: 'iv1',
      detail: { consentId: 'c1', channel: 'sms', wordingVersion: 'notify-1', at: '2026-11-01T10:00:00.000Z' },
    });
    appendAudit(db as never, { actor: 'staff', action: 'notify.withdrawn', subject: 'iv1', detail: { consentId: 'c2', channel: 'sms', wordingVersion: 'notify-1', at: '2026-11-02T10:00:00.000Z' } });
    appendAudit(db as never, { actor: 'applicant', action: 'consent.recorded', subject: 'iv2', detail: {} });
    expect(runMigrations(db, migrations, 100)).toBe(100);
    expect(db.prepare('SELECT id, interview_id, granted, channel, wording_version, at, actor FROM notify_consents ORDER BY at').all()).toEqual([
      { id: 'c1', interview_id: 'iv1', granted: 1, channel: 'sms', wording_version: 'notify-1', at: '2026-11-01T10:00:00.000Z', actor: 'applicant' },
      { id: 'c2', interview_id: 'iv1', granted: 0, channel: 'sms', wording_version: 'notify-1', at: '2026-11-02T10:00:00.000Z', actor: 'staff' },
    ]);
    expect(() => db.prepare(`INSERT INTO notify_consents VALUES ('c3', 'iv1', 2, 'sms', 'v', 'x', 'a')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO notify_consents VALUES ('c4', 'iv1', 1, 'email', 'v', 'x', 'a')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
