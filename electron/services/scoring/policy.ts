import { ScoringPolicy } from '../../shared/contract/scoring.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import type { FeatureGroup } from './weightsFile.js';

/**
 * The store's scoring policy (settings key 'scoring.policy'). Everything beyond the words of the
 * answers and the skills test is off by default: delivery (pace, pauses, latency) because typed
 * answers have none; face signals because camera use is optional; expression signals unless the
 * jurisdiction explicitly allows them (and then only with face signals on, capped).
 */
export { ScoringPolicy };
export const DEFAULT_POLICY: ScoringPolicy = Object.freeze({ useSpeechDelivery: false, useFaceSignals: false, useExpressionSignals: false });
export const POLICY_KEY = 'scoring.policy';

export function isGroupEnabled(policy: ScoringPolicy, group: FeatureGroup): boolean {
  switch (group) {
    case 'text':
    case 'skills':
      return true;
    case 'speech':
      return policy.useSpeechDelivery;
    case 'face':
      return policy.useFaceSignals;
    case 'expression':
      return policy.useFaceSignals && policy.useExpressionSignals;
  }
}

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
