import type { Word } from './speechMetrics.js';

/** Vosk returns JSON strings; these turn them into typed values and never throw on odd output. */
type RawWord = { word?: unknown; start?: unknown; end?: unknown; conf?: unknown };

export function parseVoskResult(json: string): { text: string; words: Word[] } {
  try {
    const v = JSON.parse(json) as { text?: unknown; result?: RawWord[] };
    const words = Array.isArray(v.result)
      ? v.result
          .filter((w) => typeof w.word === 'string' && typeof w.start === 'number' && typeof w.end === 'number')
          .map((w) => ({ word: w.word as string, start: w.start as number, end: w.end as number, conf: typeof w.conf === 'number' ? w.conf : 1 }))
      : [];
    return { text: typeof v.text === 'string' ? v.text : '', words };
  } catch {
    return { text: '', words: [] };
  }
}

export function parseVoskPartial(json: string): string {
  try {
    const v = JSON.parse(json) as { partial?: unknown };
    return typeof v.partial === 'string' ? v.partial : '';
  } catch {
    return '';
  }
}
