/**
 * The console's action log (ho_console_audit): every sign-in attempt, refusal, view of an
 * applicant's record and change, with who, from where, and whether it went through. Kept
 * apart from ho_events (kiosk security events) and from the model change log, which the model
 * actions also write through the fairness service functions.
 */
import { ulid } from '../../core/ids.js';
import type { Queryable } from '../store/types.js';

export type AuditOutcome = 'ok' | 'refused' | 'failed';
export type AuditEntry = { at: string; username: string; action: string; target: string | null; outcome: AuditOutcome; detail: string; ip: string };

export async function recordAudit(
  q: Queryable,
  e: { adminId: string | null; username: string; action: string; target?: string | null; outcome: AuditOutcome; detail?: string; ip: string },
): Promise<void> {
  await q.run('INSERT INTO ho_console_audit (id, at, admin_id, username, action, target, outcome, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    ulid(),
    new Date().toISOString(),
    e.adminId,
    e.username.slice(0, 80),
    e.action.slice(0, 60),
    e.target?.slice(0, 200) ?? null,
    e.outcome,
    (e.detail ?? '').slice(0, 1000),
    e.ip.slice(0, 64),
  ]);
}

export async function listAudit(q: Queryable, opts: { limit?: number; username?: string } = {}): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(1000, opts.limit ?? 200));
  const rows = await q.all<{ at: string; username: string; action: string; target: string | null; outcome: AuditOutcome; detail: string; ip: string }>(
    `SELECT at, username, action, target, outcome, detail, ip FROM ho_console_audit ${opts.username ? 'WHERE username = ?' : ''} ORDER BY seq DESC LIMIT ?`,
    opts.username ? [opts.username, limit] : [limit],
  );
  return rows;
}
