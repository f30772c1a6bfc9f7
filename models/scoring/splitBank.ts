/**
 * `npx tsx models/scoring/splitBank.ts <bank.json>…`: freezes the held-out split of a graded
 * answer bank. Within every question × language, 30 % of the answers (at least 25 % is
 * required), stratified by level, chosen by the sha256 of their id, get `split: "heldout"`;
 * the rest `"train"`. Answers that already have a split keep it: the split is decided once,
 * before any fitting, and never re-drawn (new answers only join it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export const HELDOUT_SHARE = 0.3;
type Row = { id: string; questionId: string; lang: string; level: number; split?: string };

export function assignSplit(rows: Row[]): void {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.questionId}|${r.lang}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const h = (id: string) => createHash('sha256').update(id).digest('hex');
  for (const g of groups.values()) {
    const fresh = g.filter((r) => r.split === undefined);
    if (!fresh.length) continue;
    const byLevel = new Map<number, Row[]>();
    for (const r of fresh) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
    const target = Math.round(HELDOUT_SHARE * fresh.length);
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    const exact = levels.map((l) => HELDOUT_SHARE * byLevel.get(l)!.length);
    const take = exact.map(Math.floor);
    let left = target - take.reduce((a, b) => a + b, 0);
    const order = levels.map((_, i) => i).sort((a, b) => exact[b]! - take[b]! - (exact[a]! - take[a]!) || a - b);
    for (const i of order) if (left-- > 0) take[i]! += 1;
    levels.forEach((l, i) => {
      const sorted = [...byLevel.get(l)!].sort((a, b) => (h(a.id) < h(b.id) ? -1 : 1));
      sorted.forEach((r, k) => (r.split = k < take[i]! ? 'heldout' : 'train'));
    });
  }
}

if (process.argv[1]?.endsWith('splitBank.ts')) {
  for (const file of process.argv.slice(2)) {
    const bank = JSON.parse(fs.readFileSync(file, 'utf8')) as { answers: Row[] };
    assignSplit(bank.answers);
    fs.writeFileSync(file, JSON.stringify(bank, null, 2) + '\n');
    const held = bank.answers.filter((a) => a.split === 'heldout').length;
    process.stderr.write(`${file}: ${held}/${bank.answers.length} held out\n`);
  }
}
