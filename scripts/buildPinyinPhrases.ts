/**
 * Builds renderer/components/keyboard/pinyinPhrases.json: the on-screen keyboard's phrase
 * candidates (e.g. "bang zhu" → 帮助), so an applicant can pick a whole word instead of one
 * character per syllable. Words and their frequencies come from jieba's dictionary (shipped with
 * @node-rs/jieba), readings from pinyin-pro (which reads polyphones in context: 长期 → chang qi).
 * Single characters come from simple-keyboard-layouts' Chinese layout at run time, not from here.
 *
 *   npx tsx scripts/buildPinyinPhrases.ts [count]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 16000);
const dict = fs.readFileSync(path.join(root, 'node_modules', '@node-rs', 'jieba', 'dict.txt'), 'utf8');

const words = dict
  .split('\n')
  .map((line) => line.split(' '))
  .filter(([w, f]) => w !== undefined && f !== undefined && /^[\u4e00-\u9fff]{2,4}$/.test(w))
  .map(([w, f]) => ({ w: w!, f: Number(f) }))
  .sort((a, b) => b.f - a.f || (a.w < b.w ? -1 : 1))
  .slice(0, count);

const phrases: Record<string, string[]> = {};
for (const { w } of words) {
  const key = pinyin(w, { toneType: 'none', type: 'array', v: true }).join(' ');
  if (!/^[a-z]+( [a-z]+)+$/.test(key)) continue;
  (phrases[key] ??= []).push(w);
}
const out = Object.fromEntries(Object.entries(phrases).map(([k, v]) => [k, v.join(' ')]));
const file = path.join(root, 'renderer', 'components', 'keyboard', 'pinyinPhrases.json');
fs.writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${words.length} words under ${Object.keys(out).length} readings → ${path.relative(root, file)} (${fs.statSync(file).size} bytes)`);
