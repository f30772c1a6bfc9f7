import { describe, expect, it } from 'vitest';
import { analyseAnswer, topicTerms } from '../../../electron/services/scoring/answerFeatures.js';
import { FX_ANSWERS, FX_PACK } from '../../fixtures/scoring/fixtures.js';

const q = (id: string) => FX_PACK.questions.find((x) => x.id === id)!;

describe('per-answer features', () => {
  it('finds situation/action/result markers in both languages', () => {
    const zh = analyseAnswer(q('q1'), FX_ANSWERS['zh-CN'].strong.q1!);
    expect(zh.structure).toBe(1);
    expect(zh.star.situation?.text).toBe('有一次');
    const en = analyseAnswer(q('q1'), FX_ANSWERS.en.strong.q1!);
    expect(en.structure).toBe(1);
    expect(analyseAnswer(q('q1'), '还好吧。').structure).toBe(0);
  });

  it('counts specific details: digits, Chinese numerals with a measure word, times and places — not 一起/一下', () => {
    const a = analyseAnswer(q('q2'), '周六晚上七点，店里排了二十多人，我等了5分钟。');
    expect(a.specifics.map((s) => s.text)).toEqual(expect.arrayContaining(['晚上', '七点', '店里', '5分钟']));
    expect(a.specificity).toBe(1);
    expect(analyseAnswer(q('q2'), '我们一起想一下办法，大家一样努力。').specifics).toEqual([]);
    expect(analyseAnswer(q('q2'), 'At 7pm on Saturday twenty people were at the checkout.').specifics.length).toBeGreaterThanOrEqual(3);
  });

  it('measures relevance from topic words and question terms', () => {
    expect(topicTerms(q('q1'))).toEqual(expect.arrayContaining(['顾客', 'customer', '帮助']));
    expect(analyseAnswer(q('q1'), '顾客不满意，我帮助他退换。').relevance).toBe(1);
    expect(analyseAnswer(q('q1'), '我喜欢打篮球。').relevance).toBe(0);
  });

  it('measures fillers and length', () => {
    const weak = analyseAnswer(q('q1'), FX_ANSWERS['zh-CN'].weak.q1!);
    expect(weak.fillerWords).toEqual(['嗯', '那个', '就是']);
    expect(weak.filler).toBe(1);
    const en = analyseAnswer(q('q1'), 'Um, like, you know, it was fine.');
    expect(en.fillerWords).toEqual(expect.arrayContaining(['um', 'like', 'you know']));
    expect(analyseAnswer(q('q1'), FX_ANSWERS['zh-CN'].strong.q1!).length).toBe(1);
    expect(weak.length).toBeLessThan(0.3);
  });

  it('reports indicator hits with the quoted words, and negated ones separately', () => {
    const a = analyseAnswer(q('q2'), '我不会很慌，我会保持冷静，通知店长。');
    const by = Object.fromEntries(a.indicators.map((i) => [i.indicatorId, i]));
    expect(by.calm!.hit?.text).toBe('保持冷静');
    expect(by.escalate!.hit?.text).toBe('通知店长');
    expect(by.panic!.hit).toBeNull();
    expect(by.panic!.negated?.text).toBe('很慌');
  });
});
