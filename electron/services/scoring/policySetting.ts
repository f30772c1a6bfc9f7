import type { ScoringPolicy } from '../../../core/scoring/policy.js';
import { getSetting, setSetting, type SettingKey } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';

/** The kiosk's copy of the store's scoring policy (core/scoring/policy.ts), in the settings table. */
export const POLICY_KEY = 'scoring.policy' satisfies SettingKey;

/** A damaged setting reads as the strictest policy rather than as something looser (app/settings.ts). */
export const readPolicy = (db: Db): ScoringPolicy => getSetting(db, POLICY_KEY);

export function writePolicy(db: Db, policy: ScoringPolicy, actor: string): void {
  db.transaction(() => {
    setSetting(db, POLICY_KEY, policy);
    appendAudit(db, { actor, action: 'scoring.policy.changed', subject: null, detail: { ...policy } });
  })();
}
