import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import type { JobPack } from '../../../electron/shared/packs/packSchema.js';
import { loadPacks } from '../../../electron/services/packs/loadPacks.js';
import { SHIPPED_DIR } from './packTestUtils.js';

/** The shared competency vocabulary the scoring model relies on (id → names). */
const VOCABULARY: Record<string, { 'zh-CN': string; en: string }> = {
  communication: { 'zh-CN': '沟通', en: 'Communication' },
  'customer-focus': { 'zh-CN': '服务意识', en: 'Customer focus' },
  composure: { 'zh-CN': '抗压', en: 'Composure' },
  reliability: { 'zh-CN': '责任心', en: 'Reliability' },
  safety: { 'zh-CN': '安全意识', en: 'Safety' },
  'time-management': { 'zh-CN': '时间管理', en: 'Time management' },
  accuracy: { 'zh-CN': '细致准确', en: 'Accuracy' },
  teamwork: { 'zh-CN': '团队合作', en: 'Teamwork' },
};

const files = fs.readdirSync(SHIPPED_DIR).filter((f) => f.endsWith('.json')).sort();
const loaded = loadPacks(SHIPPED_DIR);
const packs = new Map<string, JobPack>(loaded.packs.map((p) => [path.basename(p.file), p.pack]));
const HAN = /\p{Script=Han}/u;
const jieba = Jieba.withDict(dict);

/** Every text a pack shows, with where it lives, so an empty or mixed-up translation is named. */
function texts(pack: JobPack): { where: string; zh: string; en: string }[] {
  const out = [
    { where: 'opening.title', zh: pack.opening.title['zh-CN'], en: pack.opening.title.en },
    { where: 'opening.description', zh: pack.opening.description['zh-CN'], en: pack.opening.description.en },
  ];
  pack.competencies.forEach((c) => c.levels.forEach((l, i) => out.push({ where: `${c.id}.levels.${i + 1}`, zh: l['zh-CN'], en: l.en })));
  for (const q of pack.questions) {
    out.push({ where: `${q.id}.text`, zh: q.text['zh-CN'], en: q.text.en });
    if (q.hint) out.push({ where: `${q.id}.hint`, zh: q.hint['zh-CN'], en: q.hint.en });
    for (const r of q.rubric) for (const i of r.indicators) out.push({ where: `${q.id}.${i.id}.label`, zh: i.label['zh-CN'], en: i.label.en });
  }
  for (const k of pack.knockouts) {
    out.push({ where: `knockouts.${k.id}.explain`, zh: k.explain['zh-CN'], en: k.explain.en });
    if (k.kind === 'confirm') out.push({ where: `knockouts.${k.id}.question`, zh: k.question['zh-CN'], en: k.question.en });
  }
  for (const t of pack.skillsTests) {
    out.push({ where: `${t.id}.title`, zh: t.title['zh-CN'], en: t.title.en }, { where: `${t.id}.instructions`, zh: t.instructions['zh-CN'], en: t.instructions.en });
  }
  return out;
}

describe('shipped job packs', () => {
  it('all four openings ship and every pack validates', () => {
    expect(loaded.errors).toEqual([]);
    expect(files).toEqual(['cashier.json', 'delivery-rider.json', 'retail-sales.json', 'warehouse-sorter.json']);
    expect(packs.size).toBe(files.length);
  });

  it('each file is named after its pack id', () => {
    for (const [file, pack] of packs) expect(file).toBe(`${pack.id}.json`);
  });

  it('the openings have the expected categories and realistic tier-2 city wages', () => {
    const category = Object.fromEntries([...packs.values()].map((p) => [p.id, p.opening.category]));
    expect(category).toEqual({ cashier: 'cashier', 'delivery-rider': 'delivery', 'retail-sales': 'retail', 'warehouse-sorter': 'warehouse' });
    for (const p of packs.values()) {
      expect(p.opening.hourlyWageFen, p.id).toBeDefined();
      expect(p.opening.hourlyWageFen!.min, p.id).toBeGreaterThanOrEqual(2000);
      expect(p.opening.hourlyWageFen!.max, p.id).toBeLessThanOrEqual(3500);
    }
  });
});

describe.each(files)('content quality of %s', (file) => {
  const pack = () => {
    const p = packs.get(file);
    if (!p) throw new Error(`${file} did not load: ${JSON.stringify(loaded.errors)}`);
    return p;
  };

  it('uses only the shared competency vocabulary, with the shared names', () => {
    for (const c of pack().competencies) {
      expect(VOCABULARY[c.id], `unknown competency id ${c.id}`).toBeDefined();
      expect(c.name).toEqual(VOCABULARY[c.id]);
    }
  });

  it('every competency is used by a question and has five distinct level anchors per language', () => {
    const used = new Set(pack().questions.flatMap((q) => q.competencies));
    for (const c of pack().competencies) {
      expect(used.has(c.id), `${c.id} is declared but no question uses it`).toBe(true);
      expect(new Set(c.levels.map((l) => l['zh-CN'])).size, c.id).toBe(5);
      expect(new Set(c.levels.map((l) => l.en)).size, c.id).toBe(5);
    }
  });

  it('has 5–7 questions, at least two situational, with sensible timings, hints and topic words', () => {
    const qs = pack().questions;
    expect(qs.length).toBeGreaterThanOrEqual(5);
    expect(qs.length).toBeLessThanOrEqual(7);
    expect(qs.filter((q) => q.kind === 'situational').length).toBeGreaterThanOrEqual(2);
    for (const q of qs) {
      expect(q.thinkSeconds, q.id).toBeGreaterThanOrEqual(15);
      expect(q.thinkSeconds, q.id).toBeLessThanOrEqual(30);
      expect(q.answerSeconds, q.id).toBeGreaterThanOrEqual(60);
      expect(q.answerSeconds, q.id).toBeLessThanOrEqual(120);
      expect(q.hint, `${q.id} has no hint`).toBeDefined();
      expect(q.topicWords?.['zh-CN'].length ?? 0, q.id).toBeGreaterThanOrEqual(5);
      expect(q.topicWords?.en.length ?? 0, q.id).toBeGreaterThanOrEqual(5);
    }
  });

  it('every question has a rubric entry for each of its competencies and none for others', () => {
    for (const q of pack().questions) {
      expect(q.rubric.map((r) => r.competency).sort(), q.id).toEqual([...q.competencies].sort());
    }
  });

  it('each rubric entry has several indicators, at least one rewarding; indicator ids are unique per question', () => {
    for (const q of pack().questions) {
      const ids = q.rubric.flatMap((r) => r.indicators.map((i) => i.id));
      expect(new Set(ids).size, `${q.id}: duplicate indicator id`).toBe(ids.length);
      for (const r of q.rubric) {
        expect(r.indicators.length, `${q.id}/${r.competency}: give several indicators`).toBeGreaterThanOrEqual(2);
        expect(r.indicators.some((i) => i.weight > 0), `${q.id}/${r.competency} has no positive indicator`).toBe(true);
      }
    }
  });

  it('has red-flag indicators (negative weights) as well as positive ones', () => {
    const weights = pack().questions.flatMap((q) => q.rubric.flatMap((r) => r.indicators.map((i) => i.weight)));
    expect(weights.filter((w) => w < 0).length).toBeGreaterThanOrEqual(3);
    expect(weights.filter((w) => w > 0).length).toBeGreaterThan(weights.filter((w) => w < 0).length * 2);
  });

  it('each indicator has ≥2 Chinese and ≥2 English phrases a transcript can contain', () => {
    for (const q of pack().questions)
      for (const r of q.rubric)
        for (const i of r.indicators) {
          const where = `${q.id}/${i.id}`;
          const zh = i.phrases['zh-CN'];
          const en = i.phrases.en;
          expect(zh.length, where).toBeGreaterThanOrEqual(2);
          expect(en.length, where).toBeGreaterThanOrEqual(2);
          expect(new Set(zh).size, `${where}: repeated phrase`).toBe(zh.length);
          expect(new Set(en).size, `${where}: repeated phrase`).toBe(en.length);
          for (const p of zh) {
            // Speech recognisers write Han characters only (numbers as words, no punctuation).
            expect(p, where).toMatch(/^\p{Script=Han}{1,6}$/u);
            // 他/她 sound the same (tā): a recogniser picks either, so a phrase must not depend on it.
            expect(p.replace(/其他/g, ''), `${where}: "${p}" depends on 他/她`).not.toMatch(/[他她]/);
            expect(jieba.cut(p, false).length, `${where}: "${p}" is too long for segmented speech`).toBeLessThanOrEqual(4);
          }
          for (const p of en) {
            expect(p, `${where}: English phrases are lower-case words`).toMatch(/^[a-z][a-z' -]*[a-z]$/);
            expect(p.split(' ').length, where).toBeLessThanOrEqual(5);
          }
        }
  });

  it('topic words follow the same phrase rules', () => {
    for (const q of pack().questions) {
      for (const p of q.topicWords!['zh-CN']) expect(p, q.id).toMatch(/^\p{Script=Han}{1,6}$/u);
      for (const p of q.topicWords!.en) expect(p, q.id).toMatch(/^[a-z][a-z' -]*[a-z]$/);
    }
  });

  it('all text is non-empty in both languages and in the right language', () => {
    for (const t of texts(pack())) {
      expect(t.zh.trim(), t.where).not.toBe('');
      expect(t.en.trim(), t.where).not.toBe('');
      expect(HAN.test(t.zh), `${t.where}: zh-CN text has no Chinese`).toBe(true);
      expect(HAN.test(t.en), `${t.where}: en text contains Chinese`).toBe(false);
    }
  });

  it('confirm knock-outs are yes/no questions, and every pack has an earliest-start rule', () => {
    const p = pack();
    for (const k of p.knockouts) if (k.kind === 'confirm') expect(k.question['zh-CN'], k.id).toMatch(/吗？$/);
    for (const k of p.knockouts) if (k.kind === 'confirm') expect(k.question.en, k.id).toMatch(/\?$/);
    const start = p.knockouts.find((k) => k.kind === 'earliestStart');
    expect(start && start.kind === 'earliestStart' && start.withinDays <= 14).toBe(true);
    expect(p.scoring.borderlineAt).toBeLessThan(p.scoring.recommendAt);
  });
});

describe('opening-specific rules', () => {
  const get = (id: string) => [...packs.values()].find((p) => p.id === id)!;

  it('retail: weekends required, minimum age 16 confirmed, start within 14 days', () => {
    const k = get('retail-sales').knockouts;
    expect(k).toContainEqual(expect.objectContaining({ kind: 'availability', requireDays: ['sat', 'sun'] }));
    expect(k.some((r) => r.kind === 'confirm' && /16/.test(r.question['zh-CN']) && /16/.test(r.question.en))).toBe(true);
    expect(k).toContainEqual(expect.objectContaining({ kind: 'earliestStart', withinDays: 14 }));
    const ids = get('retail-sales').questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['complaint', 'recommend', 'busy-hours']));
  });

  it('warehouse: a timed parcel-number test with ≥8 realistic labels, 15 kg lifting and night shifts', () => {
    const p = get('warehouse-sorter');
    const test = p.skillsTests.find((t) => t.kind === 'parcelNumbers');
    expect(test?.kind).toBe('parcelNumbers');
    if (test?.kind !== 'parcelNumbers') return;
    expect(test.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(test.items).size).toBe(test.items.length);
    // Carrier-style formats: SF/YT/JT + 13 digits, JD waybill with package suffix, plain numeric …
    for (const n of test.items) expect(n).toMatch(/^(SF\d{13}|YT\d{13}|JT\d{13}|DPK\d{12}|JD\d{10}-\d-\d|\d{13,15})$/);
    expect(test.timeLimitSeconds).toBeGreaterThanOrEqual(60);
    expect(p.knockouts.some((r) => r.kind === 'confirm' && /15/.test(r.question['zh-CN']))).toBe(true);
    expect(p.knockouts.some((r) => r.kind === 'availability' && r.requireSlots?.slot === 'night')).toBe(true);
    expect(p.competencies.map((c) => c.id)).toContain('safety');
  });

  it('delivery: e-bike and health-certificate confirmations; route, late order, weather, not-home questions', () => {
    const p = get('delivery-rider');
    const confirms = p.knockouts.filter((r) => r.kind === 'confirm').map((r) => r.id);
    expect(confirms).toEqual(expect.arrayContaining(['registered-ebike', 'health-certificate']));
    expect(p.questions.map((q) => q.id)).toEqual(expect.arrayContaining(['route-planning', 'late-order', 'heavy-rain', 'road-safety', 'not-home']));
  });

  it('cashier: a make-change test with ≥6 items whose change is positive and not trivially round', () => {
    const test = get('cashier').skillsTests.find((t) => t.kind === 'makeChange');
    expect(test?.kind).toBe('makeChange');
    if (test?.kind !== 'makeChange') return;
    expect(test.items.length).toBeGreaterThanOrEqual(6);
    for (const i of test.items) expect(i.paidFen).toBeGreaterThan(i.priceFen);
    expect(test.items.filter((i) => (i.paidFen - i.priceFen) % 100 !== 0).length).toBeGreaterThanOrEqual(4);
  });
});
