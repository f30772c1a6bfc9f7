import { ScoringPolicy } from './scoreResult.js';
import type { FeatureGroup } from './weightsFile.js';

/**
 * The store's scoring policy (the kiosk keeps it in its settings table, key 'scoring.policy':
 * electron/services/scoring/policySetting.ts). Everything beyond the words of the answers and the
 * skills test is off by default: delivery (pace, pauses, latency) because typed
 * answers have none; face signals because camera use is optional; expression signals unless the
 * jurisdiction explicitly allows them (and then only with face signals on, capped).
 */
export { ScoringPolicy };
export const DEFAULT_POLICY: ScoringPolicy = Object.freeze({ useSpeechDelivery: false, useFaceSignals: false, useExpressionSignals: false });

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
