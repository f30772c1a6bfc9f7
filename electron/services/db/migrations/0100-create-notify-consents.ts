import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The applicant's optional consent to be sent the result by SMS (issue 16): its own row per
 * choice (a withdrawal is a new row with granted = 0), with the time and the version of the
 * words shown, so the latest row is the choice in force. Rows carry interview_id, so erasing an
 * interview (deletion, retention) erases them with it. Choices recorded before this table
 * existed lived only in the audit log; they are copied in, so no earlier choice is lost.
 */
export default {
  version: 100,
  name: '0100-create-notify-consents',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE notify_consents (
        id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL,
        granted INTEGER NOT NULL CHECK (granted IN (0,1)),
        channel TEXT NOT NULL CHECK (channel IN ('sms','wechat')),
        wording_version TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notify_consents_interview ON notify_consents (interview_id, at);
    `);
    const old = db.prepare(`SELECT actor, action, subject, detail_json FROM audit_log WHERE action IN ('notify.consented', 'notify.withdrawn') AND subject IS NOT NULL ORDER BY seq`).all() as {
      actor: string;
      action: string;
      subject: string;
      detail_json: string;
    }[];
    const put = db.prepare('INSERT OR IGNORE INTO notify_consents (id, interview_id, granted, channel, wording_version, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of old) {
      const d = JSON.parse(r.detail_json) as { consentId?: string; channel?: string; wordingVersion?: string; at?: string };
      if (!d.consentId || !d.at) continue;
      put.run(d.consentId, r.subject, r.action === 'notify.consented' ? 1 : 0, d.channel === 'wechat' ? 'wechat' : 'sms', d.wordingVersion ?? 'unknown', d.at, r.actor);
    }
  },
};
