import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseAnswer, type AnswerAnalysis } from '../../../core/scoring/answerAnalysis.js';
import { questionContexts } from '../../../core/scoring/features.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import { realPack, ROOT } from '../../fixtures/scoring/fixtures.js';

/** Reads an answer the way the kiosk does: the shipped pack and its model's exemplars. */
function read(packId: string, questionId: string, text: string): AnswerAnalysis {
  const pack = realPack(packId);
  const w = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models/scoring/weights', `${packId}.weights.json`), 'utf8')));
  const q = pack.questions.find((x) => x.id === questionId)!;
  return analyseAnswer(q, text, questionContexts(pack, w).get(questionId)!);
}
const credited = (a: AnswerAnalysis, polarity: 'positive' | 'negative') => a.hits.filter((h) => h.polarity === polarity && h.status === 'credited').map((h) => h.indicatorId);

describe('the cases an outside check quoted', () => {
  it('"Not my job, the forklift drivers should…" is a red flag, never teamwork evidence', () => {
    const a = read('warehouse-sorter', 'unsafe-stack', "Not my job, the forklift drivers should watch where they're going");
    expect(credited(a, 'positive')).toEqual([]);
    expect(credited(a, 'negative')).toEqual(['not-my-job']);
    expect(a.isThin).toBe(true);
  });

  it('"周末不想上班" earns no reliability credit', () => {
    const a = read('retail-sales', 'why-retail', '周末不想上班');
    expect(credited(a, 'positive')).toEqual([]);
  });

  it('a negated bad act ("我不会自己偷偷补上这50元，也不会瞒着") is recorded as avoided, not as the act', () => {
    const a = read('cashier', 'till-short', '我会先重新点一遍钱，核对小票和退款记录。我不会自己偷偷补上这50元，也不会瞒着。');
    expect(credited(a, 'negative')).toEqual([]);
    const avoided = a.hits.filter((h) => h.status === 'avoided');
    expect(avoided.map((h) => h.indicatorId)).toContain('cover-it-myself');
    expect(avoided[0]!.clause.text).toBe('我不会自己偷偷补上这50元');
  });

  it('a negated good act ("I wouldn\'t tell anyone") earns no credit for telling', () => {
    const a = read('warehouse-sorter', 'wrong-chute', "I wouldn't tell my shift lead, I'd just leave it.");
    expect(credited(a, 'positive')).toEqual([]);
    expect(a.hits.find((h) => h.indicatorId === 'tell-lead')?.status).toBe('negated');
    expect(credited(a, 'negative')).toEqual(['let-it-go']);
  });
});

describe('gates: answers that earn nothing and get the follow-up', () => {
  it.each([
    ['retail-sales', 'complaint', '好'],
    ['warehouse-sorter', 'wrong-chute', 'Tell someone.'],
    ['warehouse-sorter', 'wrong-chute', 'Yes.'],
    ['cashier', 'till-short', '不知道'],
  ])('one or two words: %s %s "%s"', (p, q, text) => {
    const a = read(p, q, text);
    expect(a.gate).toBe('too-short');
    expect(a.isThin).toBe(true);
    expect(credited(a, 'positive')).toEqual([]);
  });

  it.each([
    ['retail-sales', 'complaint', '道歉 倾听 耐心 安抚 换货 退款 回访'],
    ['warehouse-sorter', 'wrong-chute', 'stop check scan correct chute tell supervisor'],
    ['warehouse-sorter', 'wrong-chute', 'hold the cage pull it out rescan tell the lead check the rest'],
    ['cashier', 'long-queue', 'apologise, another till, points later, manager, sorry'],
  ])('keyword lists: %s %s "%s"', (p, q, text) => {
    const a = read(p, q, text);
    expect(a.gate).toBe('keyword-list');
    expect(credited(a, 'positive')).toEqual([]);
    expect(a.substantiveClauses).toEqual([]);
  });

  it('a copy of the question', () => {
    const pack = realPack('warehouse-sorter');
    for (const lang of ['zh-CN', 'en'] as const) {
      const a = read('warehouse-sorter', 'wrong-chute', pack.questions[0]!.text[lang]);
      expect(a.gate).toBe('question-copy');
      expect(credited(a, 'positive')).toEqual([]);
    }
  });

  it('fluent off-topic talk', () => {
    expect(read('retail-sales', 'complaint', '我平时很喜欢打篮球，周末经常和朋友一起去公园，天气好的时候还会去爬山，感觉整个人都很放松。').gate).toBe('off-topic');
    expect(read('warehouse-sorter', 'wrong-chute', 'I really love cooking on the weekends, my favourite is a big Sunday roast and my family always comes round.').gate).toBe('off-topic');
  });

  it('a real answer passes every gate, and every quote is a whole clause and an exact substring', () => {
    const text = 'I would hold the cage, pull the parcel out, rescan it and put it in the right chute, then tell my shift lead and check the rest of the cage.';
    const a = read('warehouse-sorter', 'wrong-chute', text);
    expect(a.gate).toBeNull();
    expect(a.isThin).toBe(false);
    expect(credited(a, 'positive').length).toBeGreaterThanOrEqual(4);
    for (const h of a.hits) {
      expect(text.slice(h.clause.start, h.clause.end)).toBe(h.clause.text);
      expect(h.clause.text).toBe(h.clause.text.trim());
      expect(h.clause.text.length).toBeGreaterThan(h.match.text.length - 1);
    }
  });

  it('credits at most two indicators in one clause', () => {
    const a = read('warehouse-sorter', 'wrong-chute', 'i would hold the cage and pull it out and rescan it and tell my lead and check the rest of the cage and find out why');
    const perClause = new Map<string, number>();
    for (const h of a.hits.filter((x) => x.status === 'credited' && x.polarity === 'positive')) perClause.set(h.clause.text, (perClause.get(h.clause.text) ?? 0) + 1);
    for (const n of perClause.values()) expect(n).toBeLessThanOrEqual(2);
  });
});

describe('hostile and odd input', () => {
  it('saying the same clause again and again is not more statements', () => {
    const once = read('retail-sales', 'complaint', '我会先跟顾客道歉，请他到旁边坐下，给他换一双新的。');
    const many = read('retail-sales', 'complaint', '我会先跟顾客道歉，请他到旁边坐下，给他换一双新的。'.repeat(20));
    expect(many.statements).toBe(once.statements);
    expect(many.contentSize).toBe(once.contentSize);
  });

  it('a 10,000-character paste is read up to its first 2,000 characters, and every quote stays exact', () => {
    const good = '我会先跟顾客道歉，请他到旁边坐下，仔细看看鞋，给他换一双新的或者退款。';
    const text = good.repeat(Math.ceil(10_000 / good.length)).slice(0, 10_000);
    const a = read('retail-sales', 'complaint', text);
    expect(a.text.length).toBe(2000);
    for (const h of a.hits) expect(text.slice(h.clause.start, h.clause.end)).toBe(h.clause.text);
  });

  it('English words inside a Chinese answer are matched like English ("我会先 apologise")', () => {
    const a = read('retail-sales', 'complaint', '我会先 apologise，然后 offer a refund or exchange。');
    expect(credited(a, 'positive')).toEqual(expect.arrayContaining(['apologise-first', 'offer-exchange-refund']));
  });

  it.each(['', '   \n\t', '😀😀😀👍', '。。。！！！???'])('nothing to read ("%s") is an empty answer', (text) => {
    expect(read('retail-sales', 'complaint', text).gate).toBe('empty');
  });
});
