import type { AvailabilityCell, JobPack, KnockoutRule } from '../../shared/packs/packSchema.js';
import type { Profile } from '../../shared/contract/interview.js';

export type KnockoutResult = { ruleId: string; kind: KnockoutRule['kind']; passed: boolean; explain: KnockoutRule['explain'] };

/**
 * Evaluates a pack's knock-out rules against the profile and the applicant's yes/no answers.
 * A missing confirmation counts as "no": the screen always asks every confirm question.
 */
export function evaluateKnockouts(
  pack: Pick<JobPack, 'knockouts'>,
  profile: Pick<Profile, 'availability' | 'earliestStart'>,
  confirmations: Record<string, boolean>,
  today: Date,
): KnockoutResult[] {
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
