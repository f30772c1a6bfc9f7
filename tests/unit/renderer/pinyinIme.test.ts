import chinese from 'simple-keyboard-layouts/build/layouts/chinese';
import { describe, expect, it } from 'vitest';
import { paginate } from '../../../renderer/components/keyboard/OnScreenKeyboard';
import phrases from '../../../renderer/components/keyboard/pinyinPhrases.json';
import { candidatesFor, segment, showComposition, type CharTable } from '../../../renderer/components/keyboard/pinyinIme';

const chars = (chinese as { layoutCandidates?: CharTable }).layoutCandidates!;
const texts = (letters: string) => candidatesFor(letters, chars, phrases).map((c) => c.text);

describe('pinyin input of the on-screen keyboard', () => {
  it('splits letters into whole syllables where it can (xianguo is xian guo, not xiang + uo)', () => {
    expect(segment('xianguo', chars)).toEqual({ syllables: ['xian', 'guo'], partial: '' });
    expect(segment('xiang', chars)).toEqual({ syllables: ['xiang'], partial: '' });
    expect(segment('bangzhuguke', chars)).toEqual({ syllables: ['bang', 'zhu', 'gu', 'ke'], partial: '' });
    expect(segment('nizh', chars)).toEqual({ syllables: ['ni'], partial: 'zh' });
    expect(showComposition('gukeq', chars)).toBe('gu ke q');
  });

  it('offers whole words first, then the characters of the first syllable', () => {
    expect(texts('guke')[0]).toBe('顾客');
    expect(texts('guke')).toContain('顾');
    expect(texts('women')[0]).toBe('我们');
    expect(texts('fangan')[0]).toBe('方案');
    expect(texts('lv')).toContain('绿'); // ü typed as v
    expect(texts('nih')[0]).toBe('你好'); // the unfinished syllable completes a word
  });

  it('a picked candidate consumes only its own letters', () => {
    const single = candidatesFor('bangzhu', chars, phrases).find((c) => c.text === '帮')!;
    expect(single.consumes).toBe(4);
    const word = candidatesFor('bangzhu', chars, phrases).find((c) => c.text === '帮助')!;
    expect(word.consumes).toBe(7);
    expect(candidatesFor('', chars, phrases)).toEqual([]);
  });

  it('pages candidates by the width they take, never leaving one out', () => {
    const words = ['顾客', '股', '古', '顾', '故', '固', '鼓', '骨', '估', '谷', '贾', '姑'];
    const pages = paginate(words, 700, 40);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(words.map((_, i) => i));
  });
});
