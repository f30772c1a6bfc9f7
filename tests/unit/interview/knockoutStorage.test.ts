import { describe, expect, it } from 'vitest';
import { evaluateKnockouts, readKnockouts, storeKnockouts } from '../../../electron/services/interview/knockouts.js';
import type { JobPack } from '../../../core/packs/packSchema.js';

const pack = {
  knockouts: [
    {
      id: 'min-age-16',
      kind: 'confirm',
      question: { 'zh-CN': '你满16岁了吗？', en: 'Are you 16 or older?' },
      explain: { 'zh-CN': '按照劳动法，用人单位不能招用未满16周岁的人。', en: 'By law, employers cannot hire anyone under 16.' },
    },
    { id: 'start-soon', kind: 'earliestStart', withinDays: 14, explain: { 'zh-CN': '需要能在两周内到岗。', en: 'We need someone who can start within two weeks.' } },
  ],
} as unknown as Pick<JobPack, 'knockouts'>;

describe('knock-out results as stored', () => {
  const checks = evaluateKnockouts(pack, { availability: [], earliestStart: '2026-12-30' }, { 'min-age-16': true }, new Date('2026-12-01T00:00:00Z'));

  it('keep rule, kind and outcome only; the wording comes back from the pack snapshot', () => {
    const stored = storeKnockouts(checks);
    expect(JSON.parse(stored)).toEqual([
      { ruleId: 'min-age-16', kind: 'confirm', passed: true },
      { ruleId: 'start-soon', kind: 'earliestStart', passed: false },
    ]);
    expect(stored).not.toContain('劳动法');
    expect(readKnockouts(stored, pack)).toEqual(checks);
  });

  it('rows written before keep their own copy of the wording', () => {
    const legacy = JSON.stringify([{ ruleId: 'min-age-16', kind: 'confirm', passed: false, explain: { 'zh-CN': '旧的说明', en: 'the old text' } }]);
    expect(readKnockouts(legacy, pack)).toEqual([{ ruleId: 'min-age-16', kind: 'confirm', passed: false, explain: { 'zh-CN': '旧的说明', en: 'the old text' } }]);
  });

  it('say so when the snapshot lacks the rule, and give null when nothing was stored', () => {
    expect(readKnockouts(JSON.stringify([{ ruleId: 'gone', kind: 'confirm', passed: false }]), pack)![0]!.explain.en).toMatch(/not in the job pack/);
    expect(readKnockouts(null, pack)).toBeNull();
    expect(readKnockouts('[]', pack)).toEqual([]);
  });
});
