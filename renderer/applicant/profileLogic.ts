import { MAINLAND_MOBILE, type Profile } from '../../electron/shared/contract/interview';
import type { AvailabilityCell } from '../../core/packs/packSchema';

/** Pure rules behind the profile pages, kept apart from React so they can be unit-tested. */
export type Industry = Profile['industries'][number];
export const INDUSTRIES: readonly Industry[] = ['retail', 'restaurant', 'cashier', 'warehouse', 'delivery', 'events', 'other', 'none'];

export type ProfileDraft = {
  name: string;
  mobile: string;
  availability: AvailabilityCell[];
  industries: Industry[];
  /** As typed; empty means "prefer not to say". */
  wage: string;
  earliestStart: string | null;
  confirmations: Record<string, boolean>;
};

export const emptyDraft = (): ProfileDraft => ({ name: '', mobile: '', availability: [], industries: [], wage: '', earliestStart: null, confirmations: {} });

/** Accepts what people actually type: spaces, dashes, full-width digits, a +86 prefix. */
export function normalizeMobile(s: string): string {
  const ascii = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-－()（）]/g, '');
  return ascii.replace(/^(\+86|0086)/, '');
}

export type MobileProblem = 'empty' | 'notDigits' | 'length' | 'prefix';
export function mobileProblem(raw: string): MobileProblem | null {
  const m = normalizeMobile(raw);
  if (m === '') return 'empty';
  if (!/^\d+$/.test(m)) return 'notDigits';
  if (m.length !== 11) return 'length';
  if (!MAINLAND_MOBILE.test(m)) return 'prefix';
  return null;
}

/** "None before" excludes every other choice, and the other way round. */
export function toggleIndustry(list: readonly Industry[], v: Industry): Industry[] {
  if (list.includes(v)) return list.filter((x) => x !== v);
  if (v === 'none') return ['none'];
  return [...list.filter((x) => x !== 'none'), v];
}

/** Expected hourly wage in yuan: null when left empty, 'invalid' when it is not a sensible amount. */
export function parseWage(s: string): number | null | 'invalid' {
  const t = s.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (t === '') return null;
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(t)) return 'invalid';
  const n = Number(t);
  return n > WAGE_MAX_YUAN ? 'invalid' : n;
}

/** The hourly wage range the kiosk takes, said in the message when a number falls outside it. */
export const WAGE_MAX_YUAN = 1000;
/** Why a wage is not taken: not a number at all, or a number above WAGE_MAX_YUAN (9999 is the latter). */
export function wageProblem(s: string): 'notNumber' | 'range' | null {
  if (parseWage(s) !== 'invalid') return null;
  const t = s.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d+(\.\d+)?$/.test(t) ? 'range' : 'notNumber';
}

export const PROFILE_STEPS = ['contact', 'availability', 'experience', 'start', 'confirm'] as const;
export type ProfileStep = (typeof PROFILE_STEPS)[number];

/** i18n keys of what stops the applicant leaving this page; empty when the page is complete. */
export function stepProblems(step: ProfileStep, d: ProfileDraft, confirmIds: readonly string[]): string[] {
  switch (step) {
    case 'contact': {
      const out: string[] = [];
      if (d.name.trim() === '') out.push('applicant.profile.problems.name');
      const mp = mobileProblem(d.mobile);
      if (mp) out.push(`applicant.profile.problems.mobile.${mp}`);
      return out;
    }
    case 'availability':
      return d.availability.length === 0 ? ['applicant.profile.problems.availability'] : [];
    case 'experience':
      return [
        ...(d.industries.length === 0 ? ['applicant.profile.problems.industries'] : []),
        ...(wageProblem(d.wage) === 'notNumber' ? ['applicant.profile.problems.wage'] : wageProblem(d.wage) === 'range' ? ['applicant.profile.problems.wageRange'] : []),
      ];
    case 'start':
      return d.earliestStart ? [] : ['applicant.profile.problems.start'];
    case 'confirm':
      return confirmIds.every((id) => id in d.confirmations) ? [] : ['applicant.profile.problems.confirm'];
  }
}

export function toProfile(d: ProfileDraft): Profile {
  const wage = parseWage(d.wage);
  return {
    name: d.name.trim(),
    mobile: normalizeMobile(d.mobile),
    availability: d.availability,
    industries: d.industries,
    expectedWageYuan: typeof wage === 'number' ? wage : null,
    earliestStart: d.earliestStart ?? '',
  };
}

/** Shown on the resume prompt: one rule with the service, which already sends the name masked. */
export { maskName } from '../../electron/shared/maskName';

/** "12.5" style yuan from fen, without trailing zeros noise: 1250 → "12.50", 2000 → "20". */
export const fenToYuan = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
