import { describe, expect, it } from 'vitest';
import { joinTranscript, pauseRatio, rateUnitFor, speakingRate, speakingSpan, type Word } from '../../../electron/services/speech/speechMetrics.js';
import { parseVoskPartial, parseVoskResult } from '../../../electron/services/speech/voskResult.js';

const w = (word: string, start: number, end: number): Word => ({ word, start, end, conf: 1 });

describe('speaking rate and pauses', () => {
  it('counts Chinese characters per minute over the speaking span, not leading silence', () => {
    // 7 characters spoken between 2.0 s and 3.5 s → 7 / 1.5 s = 280 per minute.
    const words = [w('我', 2.0, 2.2), w('可以', 2.2, 2.7), w('周末', 2.8, 3.1), w('工作', 3.1, 3.5)];
    expect(rateUnitFor('zh-CN')).toBe('cpm');
    expect(speakingRate(words, 'zh-CN')).toBeCloseTo(280, 6);
  });

  it('counts English words per minute', () => {
    const words = [w('i', 0, 0.2), w('enjoy', 0.3, 0.7), w('talking', 0.8, 1.2), w('with', 1.3, 1.5), w('customers', 1.6, 2.0)];
    expect(rateUnitFor('en')).toBe('wpm');
    expect(speakingRate(words, 'en')).toBeCloseTo(150, 6);
  });

  it('pause ratio counts only gaps of at least 150 ms', () => {
    // span 0..4 s; gaps: 0.1 (ignored), 1.0 (counted) → 1.0 / 4.0
    const words = [w('a', 0, 1), w('b', 1.1, 2), w('c', 3, 4)];
    expect(speakingSpan(words)).toBe(4);
    expect(pauseRatio(words)).toBeCloseTo(0.25, 6);
  });

  it('returns 0 for no words or a single instant', () => {
    expect(speakingRate([], 'en')).toBe(0);
    expect(pauseRatio([])).toBe(0);
    expect(pauseRatio([w('x', 1, 1)])).toBe(0);
  });

  it('removes the spaces Vosk puts between Chinese words but keeps them elsewhere', () => {
    expect(joinTranscript(['我', '喜欢', '和', '顾客', '交流'], 'zh-CN')).toBe('我喜欢和顾客交流');
    expect(joinTranscript(['我', '用', 'pos', '机'], 'zh-CN')).toBe('我用 pos 机');
    expect(joinTranscript(['i', 'can', 'work'], 'en')).toBe('i can work');
  });
});

describe('Vosk JSON parsing', () => {
  it('reads words with timings and tolerates junk', () => {
    const r = parseVoskResult('{"result":[{"conf":0.9,"end":1.2,"start":0.5,"word":"hello"},{"word":3}],"text":"hello"}');
    expect(r).toEqual({ text: 'hello', words: [{ word: 'hello', start: 0.5, end: 1.2, conf: 0.9 }] });
    expect(parseVoskResult('not json')).toEqual({ text: '', words: [] });
    expect(parseVoskPartial('{"partial":"hel"}')).toBe('hel');
    expect(parseVoskPartial('{}')).toBe('');
  });
});
