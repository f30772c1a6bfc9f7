import { describe, expect, it } from 'vitest';
import { findAny, findPhrase, prepare, stem } from '../../../core/scoring/text.js';

describe('phrase matching', () => {
  it('matches Chinese phrases whatever jieba does with the surrounding words', () => {
    const doc = prepare('我当时主动帮他找了一双新的鞋。');
    // jieba splits 主动|帮|他|找; the phrase still matches and the quote is the applicant's text.
    expect(findPhrase(doc, '主动帮').map((h) => h.quote.text)).toEqual(['主动帮']);
    expect(findPhrase(doc, '帮他找').map((h) => h.quote.text)).toEqual(['帮他找']);
  });

  it('normalises full-width characters and ignores spaces inside a phrase, quoting the original', () => {
    const text = '我会 保持 冷静，然后ＣＡＬＬ the Manager.';
    const doc = prepare(text);
    const zh = findPhrase(doc, '保持冷静')[0]!;
    expect(zh.quote.text).toBe('保持 冷静');
    expect(text.slice(zh.quote.start, zh.quote.end)).toBe(zh.quote.text);
    expect(findPhrase(doc, 'call the manager')[0]!.quote.text).toBe('ＣＡＬＬ the Manager');
  });

  it('stems English lightly so tenses and plurals match', () => {
    expect(stem('helped')).toBe(stem('help'));
    expect(stem('helping')).toBe(stem('helps'));
    expect(stem('apologized')).toBe(stem('apologize'));
    expect(stem('tried')).toBe(stem('try'));
    const doc = prepare('I listened and then apologised to both customers.');
    expect(findPhrase(doc, 'listen')[0]!.quote.text).toBe('listened');
    expect(findPhrase(doc, 'apologise')[0]!.quote.text).toBe('apologised');
    expect(findPhrase(doc, 'customer')[0]!.quote.text).toBe('customers');
  });

  it('treats a phrase right after a negation in the same clause as negated', () => {
    expect(findPhrase(prepare('我不会很慌'), '很慌')[0]!.negated).toBe(true);
    expect(findPhrase(prepare('我没有道歉'), '道歉')[0]!.negated).toBe(true);
    expect(findPhrase(prepare('我马上道歉'), '道歉')[0]!.negated).toBe(false);
    // 不断 is not a negation of what follows it.
    expect(findPhrase(prepare('我不断道歉'), '道歉')[0]!.negated).toBe(false);
    // Negation does not reach across a comma.
    expect(findPhrase(prepare('我不会走，我道歉'), '道歉')[0]!.negated).toBe(false);
    expect(findPhrase(prepare('I would never panic.'), 'panic')[0]!.negated).toBe(true);
    expect(findPhrase(prepare("I don't ignore them"), 'ignore them')[0]!.negated).toBe(true);
    expect(findPhrase(prepare('No. I stayed calm'), 'stayed calm')[0]!.negated).toBe(false);
  });

  it('findAny prefers a real hit over a negated synonym', () => {
    const doc = prepare('I did not shout, I stayed calm.');
    expect(findAny(doc, ['shout', 'stayed calm']).hit?.quote.text).toBe('stayed calm');
    const neg = findAny(prepare('I did not apologize.'), ['apologize', 'said sorry']);
    expect(neg.hit).toBeNull();
    expect(neg.negated?.quote.text).toBe('apologize');
  });

  it('counts jieba segments without punctuation', () => {
    expect(prepare('嗯，那个，就是我主动帮忙。').segments).toEqual(['嗯', '那个', '就是', '我', '主动', '帮忙']);
  });
});
