import { verifyAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';

export type AuditEntryView = { seq: number; at: string; actor: string; action: string; subject: string | null };

/** The console's audit card: whether the hash chain holds (and where it first breaks), and the newest entries. */
export function auditSummary(db: Db, recentCount = 40) {
  const v = verifyAudit(db);
  const recent = db.prepare('SELECT seq, at, actor, action, subject FROM audit_log ORDER BY seq DESC LIMIT ?').all(recentCount) as AuditEntryView[];
  return { isIntact: v.ok, entries: v.entries, firstBrokenSeq: v.ok ? null : v.firstBrokenSeq, recent };
}
