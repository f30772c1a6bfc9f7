import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../core/scoring/clauses.js';

/** The words of the answer that are read as negated, for assertions. */
const negated = (text: string): string[] =>
  readAnswer(text)
    .clauses.flatMap((c) => c.tokens)
    .filter((t) => t.negated)
    .map((t) => t.norm);
const clauses = (text: string): string[] => readAnswer(text).clauses.map((c) => c.text.trim());

describe('clauses', () => {
  it('splits on sentence punctuation, commas and sequence/contrast markers, keeping exact offsets', () => {
    const text = '我会先把包裹拿回来，然后告诉班长。但是不会瞒着';
    const r = readAnswer(text);
    for (const c of r.clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(clauses(text)).toEqual(['我会先把包裹拿回来', '然后告诉班长', '但是不会瞒着']);
  });

  it('splits unpunctuated speech-recogniser output at 然后/再/then/but', () => {
    expect(clauses('嗯 那个 我 会 先 把 包裹 拿 回来 然后 告诉 班长').length).toBe(2);
    expect(clauses('i would pull it out then tell the lead but not leave it').length).toBe(3);
  });

  it('keeps decimals together and does not split 不再', () => {
    expect(clauses('找零 12.35 元')).toEqual(['找零 12.35 元']);
    expect(clauses('以后我不再犯这种错')).toHaveLength(1);
  });
});

describe('Chinese negation scope', () => {
  it('the quoted case: 我不会自己偷偷补上这50元，也不会瞒着 — both acts negated', () => {
    const n = negated('我不会自己偷偷补上这50元，也不会瞒着');
    expect(n).toEqual(expect.arrayContaining(['补上', '瞒']));
  });

  it('scope ends at a fresh 我会/我就 statement, at 就/才/而是/但 and at the clause end', () => {
    expect(negated('我不会瞒着我会马上告诉班长')).not.toContain('告诉');
    expect(negated('不用等，就直接告诉班长')).not.toContain('告诉');
    expect(negated('我不是不管，而是先告诉班长')).not.toContain('告诉');
    expect(negated('我不会走，我道歉')).not.toContain('道歉');
  });

  it('但 is not a cut after a purpose: 我不会为了快就乱放 still rules out 乱放', () => {
    expect(negated('我不会为了快就乱放')).toContain('乱放');
  });

  it('double negation is affirmative; lexicalised 不 words are not negation', () => {
    expect(negated('我不得不告诉经理')).toEqual([]);
    expect(negated('不好意思，我马上帮你换')).toEqual([]);
    expect(negated('我不断道歉')).toEqual([]);
    expect(negated('不管多忙，我都先核对')).toEqual([]);
    expect(negated('我不怕麻烦，会一件件核对')).toEqual([]);
  });

  it('A-not-A questions are not negation', () => {
    expect(negated('先看看是不是质量问题')).toEqual([]);
    expect(negated('问他要不要换一双')).toEqual([]);
  });

  it('从不迟到 negates 迟到 (never late)', () => {
    expect(negated('我从不迟到')).toEqual(['迟到']);
  });
});

describe('English negation scope', () => {
  it("I'd never hide it, I'd tell my lead", () => {
    const n = negated("I'd never hide it, I'd tell my lead.");
    expect(n).toContain('hide');
    expect(n).not.toContain('tell');
  });

  it("won't / wouldn't / don't without apostrophes (speech) and not across but/instead/a new subject", () => {
    expect(negated('i wont hide it i would tell the lead')).toEqual(['hide', 'it']);
    expect(negated("I wouldn't argue but I'd listen")).toEqual(['argue']);
    expect(negated("Rather than hiding it, I'd report it")).not.toContain('report');
  });

  it("negated hesitation and 'not only' are affirmative", () => {
    expect(negated("I wouldn't hesitate to tell my supervisor")).toEqual([]);
    expect(negated('not only would I apologise, I would offer a refund')).toEqual([]);
  });

  it("'I don't think I would leave it' negates leaving; the next statement is free", () => {
    const n = negated('i dont think i would leave it i would pull it out');
    expect(n).toContain('leave');
    expect(n).not.toContain('pull');
  });

  it('without / never / nobody open a scope', () => {
    expect(negated('I never shout at customers')).toContain('shout');
    expect(negated('without telling anyone')).toContain('telling');
  });
});
