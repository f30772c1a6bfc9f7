import type { AvailabilityCell, JobPack, KnockoutRule } from '../../../core/packs/packSchema.js';
import type { Profile } from '../../shared/contract/interview.js';

export type KnockoutResult = { ruleId: string; kind: KnockoutRule['kind']; passed: boolean; explain: KnockoutRule['explain'] };

/** A knock-out result as interviews.knockout_json keeps it: the outcome per rule, not its wording. */
type StoredKnockout = { ruleId: string; kind: KnockoutRule['kind']; passed: boolean; explain?: KnockoutRule['explain'] };

/**
 * What interviews.knockout_json stores: rule, kind and outcome. The explanation is the pack's own
 * text, kept once in the interview's pack snapshot; a copy per interview was ~1 kB of the kiosk's
 * database (issue 17, item 4).
 */
export const storeKnockouts = (checks: readonly KnockoutResult[]): string => JSON.stringify(checks.map(({ ruleId, kind, passed }) => ({ ruleId, kind, passed })));

const MISSING_EXPLAIN = { 'zh-CN': '（岗位包里没有这条规则的说明）', en: "(this rule's explanation is not in the job pack)" } as const;

/**
 * Stored knock-out results with their explanations from the interview's pack snapshot (the same
 * pack that evaluated them). Rows written before this kept their own copy, which wins. Null when
 * nothing was stored (the profile step was not reached).
 */
export function readKnockouts(stored: string | null, pack: Pick<JobPack, 'knockouts'>): KnockoutResult[] | null {
  if (stored === null) return null;
  return (JSON.parse(stored) as StoredKnockout[]).map((k) => ({
    ruleId: k.ruleId,
    kind: k.kind,
    passed: k.passed,
    explain: k.explain ?? pack.knockouts.find((r) => r.id === k.ruleId)?.explain ?? MISSING_EXPLAIN,
  }));
}

/**
 * Evaluates a pack's knock-out rules against the profile and the applicant's yes/no answers.
 * A missing confirmation counts as "no": the screen always asks every confirm question.
 */
export function evaluateKnockouts(pack: Pick<JobPack, 'knockouts'>, profile: Pick<Profile, 'availability' | 'earliestStart'>, confirmations: Record<string, boolean>, today: Date): KnockoutResult[] {
  return pack.knockouts.map((rule) => ({ ruleId: rule.id, kind: rule.kind, explain: rule.explain, passed: passes(rule, profile, confirmations, today) }));
}

function passes(rule: KnockoutRule, profile: Pick<Profile, 'availability' | 'earliestStart'>, confirmations: Record<string, boolean>, today: Date): boolean {
  switch (rule.kind) {
    case 'confirm':
      return confirmations[rule.id] === true;
    case 'availability': {
      const cells = new Set<AvailabilityCell>(profile.availability);
      const daysOk = rule.requireDays.every((d) => [...cells].some((c) => c.startsWith(`${d}-`)));
      const slotOk = !rule.requireSlots || [...cells].filter((c) => c.endsWith(`-${rule.requireSlots!.slot}`)).length >= rule.requireSlots.minCount;
      return daysOk && slotOk;
    }
    case 'earliestStart': {
      const start = Date.parse(`${profile.earliestStart}T00:00:00Z`);
      const base = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
      return Number.isFinite(start) && (start - base) / 86_400_000 <= rule.withinDays;
    }
  }
}
