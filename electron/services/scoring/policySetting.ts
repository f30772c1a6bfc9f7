import { DEFAULT_POLICY, ScoringPolicy } from '../../../core/scoring/policy.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';

/** The kiosk's copy of the store's scoring policy (core/scoring/policy.ts), in the settings table. */
export const POLICY_KEY = 'scoring.policy';

export function readPolicy(db: Db): ScoringPolicy {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(POLICY_KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_POLICY;
  try {
    const parsed = ScoringPolicy.safeParse(JSON.parse(row.value));
    // A damaged setting falls back to the strictest policy rather than to something looser.
    return parsed.success ? parsed.data : DEFAULT_POLICY;
  } catch {
    return DEFAULT_POLICY;
  }
}

export function writePolicy(db: Db, policy: ScoringPolicy, actor: string): void {
  db.transaction(() => {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(POLICY_KEY, JSON.stringify(policy));
    appendAudit(db, { actor, action: 'scoring.policy.changed', subject: null, detail: { ...policy } });
  })();
}
