import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Profile } from '../../../electron/shared/contract/interview';
import { DAYS, SLOTS } from '../../../core/packs/packSchema';
import { toggleCell, toggleDay } from '../../../renderer/components/availability';
import { addDays, isoDate, upcomingDays } from '../../../renderer/components/dates';
import {
  emptyDraft,
  fenToYuan,
  INDUSTRIES,
  maskName,
  mobileProblem,
  normalizeMobile,
  parseWage,
  PROFILE_STEPS,
  stepProblems,
  toggleIndustry,
  toProfile,
} from '../../../renderer/applicant/profileLogic';

describe('mobile validation (mainland China)', () => {
  it.each([
    ['13800138000', null],
    ['139 1234 5678', null],
    ['+86 186-0000-1111', null],
    ['１３８００１３８０００', null],
    ['', 'empty'],
    ['1380013800', 'length'],
    ['138001380001', 'length'],
    ['12800138000', 'prefix'],
    ['23800138000', 'prefix'],
    ['1380013800a', 'notDigits'],
  ])('%s → %s', (input, problem) => {
    expect(mobileProblem(input)).toBe(problem);
  });
  it('normalises what the contract accepts', () => {
    const m = normalizeMobile('+86 139-1234-5678');
    expect(m).toBe('13912345678');
    expect(Profile.shape.mobile.safeParse(m).success).toBe(true);
  });
});

describe('profile pages', () => {
  const full = {
    ...emptyDraft(),
    name: ' 王小明 ',
    mobile: '13800138000',
    availability: ['sat-morning' as const],
    industries: ['retail' as const],
    wage: '',
    earliestStart: '2026-12-01',
    confirmations: { 'min-age-16': true },
  };
  it('each page names what is missing, and nothing when complete', () => {
    const empty = emptyDraft();
    expect(stepProblems('contact', empty, [])).toEqual(['applicant.profile.problems.name', 'applicant.profile.problems.mobile.empty']);
    expect(stepProblems('availability', empty, [])).toEqual(['applicant.profile.problems.availability']);
    expect(stepProblems('experience', { ...empty, industries: ['none'], wage: 'abc' }, [])).toEqual(['applicant.profile.problems.wage']);
    expect(stepProblems('start', empty, [])).toEqual(['applicant.profile.problems.start']);
    expect(stepProblems('confirm', empty, ['min-age-16'])).toEqual(['applicant.profile.problems.confirm']);
    // "No" is an answer too: the knock-out explanation follows, the form does not block it.
    expect(stepProblems('confirm', { ...empty, confirmations: { 'min-age-16': false } }, ['min-age-16'])).toEqual([]);
    for (const s of PROFILE_STEPS) expect(stepProblems(s, full, ['min-age-16'])).toEqual([]);
  });
  it('builds a profile the contract accepts', () => {
    const p = toProfile({ ...full, wage: '25.5' });
    expect(Profile.parse(p)).toEqual({ ...p, name: '王小明', expectedWageYuan: 25.5 });
    expect(toProfile(full).expectedWageYuan).toBeNull();
  });
  it('wage: empty is fine, nonsense is not', () => {
    expect(parseWage('')).toBeNull();
    expect(parseWage('２５')).toBe(25);
    expect(parseWage('-3')).toBe('invalid');
    expect(parseWage('5000')).toBe('invalid');
  });
  it('"no experience yet" excludes the other industries', () => {
    expect(toggleIndustry(['retail', 'cashier'], 'none')).toEqual(['none']);
    expect(toggleIndustry(['none'], 'retail')).toEqual(['retail']);
    expect(toggleIndustry(['retail'], 'retail')).toEqual([]);
  });
  it('the resume prompt shows at most the first character of a name', () => {
    expect(maskName('王小明')).toBe('王＊＊');
    expect(maskName('Li Wei')).toBe('L＊＊＊');
    expect(maskName(null)).toBe('');
  });
  it('prices read naturally', () => {
    expect(fenToYuan(2000)).toBe('20');
    expect(fenToYuan(1265)).toBe('12.65');
    expect(fenToYuan(1250)).toBe('12.50');
  });
});

describe('availability grid', () => {
  it('toggles one cell and keeps day-then-slot order', () => {
    expect(toggleCell(['sun-night'], 'mon-morning')).toEqual(['mon-morning', 'sun-night']);
    expect(toggleCell(['mon-morning', 'sun-night'], 'mon-morning')).toEqual(['sun-night']);
  });
  it('tapping a day fills it, tapping a full day clears it', () => {
    const filled = toggleDay(['sat-evening'], 'sat');
    expect(filled).toEqual(SLOTS.map((s) => `sat-${s}`));
    expect(toggleDay(filled, 'sat')).toEqual([]);
    const week = DAYS.reduce((acc, d) => toggleDay(acc, d), [] as ReturnType<typeof toggleDay>);
    expect(week).toHaveLength(28);
    expect(Profile.shape.availability.safeParse(week).success).toBe(true);
  });
});

describe('start dates', () => {
  it('counts calendar days across a month end', () => {
    const d = new Date(2026, 0, 30);
    expect(isoDate(addDays(d, 2))).toBe('2026-02-01');
    expect(upcomingDays(d, 0, 3).map(isoDate)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
  });
});

describe('keys built at run time exist in both languages', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const keysOf = (lang: string, ns: string) => {
    const out = new Set<string>();
    const walk = (p: string, o: Record<string, unknown>) =>
      Object.entries(o).forEach(([k, v]) => (v && typeof v === 'object' ? walk(`${p}.${k}`, v as Record<string, unknown>) : out.add(`${p}.${k}`)));
    walk(ns, JSON.parse(fs.readFileSync(path.join(root, 'renderer/i18n/locales', lang, `${ns}.json`), 'utf8')));
    return out;
  };
  it.each(['zh-CN', 'en'])('%s', (lang) => {
    const have = new Set([...keysOf(lang, 'common'), ...keysOf(lang, 'applicant')]);
    const needed = [
      ...SLOTS.map((s) => `common.slots.${s}`),
      ...DAYS.map((d) => `common.days.${d}`),
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => `common.weekdays.${d}`),
      ...INDUSTRIES.map((i) => `common.industries.${i}`),
      ...PROFILE_STEPS.flatMap((s) => [`applicant.profile.${s}.title`, `applicant.profile.${s}.lead`]),
      ...['empty', 'notDigits', 'length', 'prefix'].map((p) => `applicant.profile.problems.mobile.${p}`),
      ...['profile', 'knockout', 'skills', 'finish', 'ended'].map((s) => `applicant.resume.at.${s}`),
      ...['recorded', 'camera', 'assessment', 'person', 'human'].flatMap((s) => [`applicant.notice.${s}.title`, `applicant.notice.${s}.text`]),
      'common.langSwitch.zh-CN',
      'common.langSwitch.en',
    ];
    expect(needed.filter((k) => !have.has(k))).toEqual([]);
  });
});

describe('wage messages say what is wrong', () => {
  it('a number out of range gets the range, not "numbers only"', async () => {
    const { stepProblems, wageProblem, emptyDraft } = await import('../../../renderer/applicant/profileLogic');
    expect(wageProblem('9999')).toBe('range');
    expect(wageProblem('0')).toBe(null);
    expect(wageProblem('abc')).toBe('notNumber');
    expect(wageProblem('25')).toBe(null);
    expect(stepProblems('experience', { ...emptyDraft(), industries: ['none'], wage: '9999' }, [])).toEqual(['applicant.profile.problems.wageRange']);
  });
});
