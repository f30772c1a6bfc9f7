import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerBank, bankProblems, MIN_ANSWERS_PER_QUESTION_LANG, MIN_HELDOUT_SHARE } from '../../../core/packs/bankSchema.js';
import type { JobPack, Question } from '../../../core/packs/packSchema.js';
import { loadPacks } from '../../../core/packs/loadPacks.js';
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

const files = fs
  .readdirSync(SHIPPED_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const loaded = loadPacks(SHIPPED_DIR);
const packs = new Map<string, JobPack>(loaded.packs.map((p) => [path.basename(p.file), p.pack]));
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
const LANGS = ['zh-CN', 'en'] as const;

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
    out.push({ where: `${q.id}.followUp`, zh: q.followUp['zh-CN'], en: q.followUp.en });
    for (const i of q.indicators) out.push({ where: `${q.id}.${i.id}.label`, zh: i.label['zh-CN'], en: i.label.en });
  }
  for (const k of pack.knockouts) {
    out.push({ where: `knockouts.${k.id}.explain`, zh: k.explain['zh-CN'], en: k.explain.en });
    if (k.kind === 'confirm') out.push({ where: `knockouts.${k.id}.question`, zh: k.question['zh-CN'], en: k.question.en });
    if (k.managerLabel) out.push({ where: `knockouts.${k.id}.managerLabel`, zh: k.managerLabel['zh-CN'], en: k.managerLabel.en });
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

  it('has 5–7 questions, at least two situational, with sensible timings, hints and a shorter follow-up time', () => {
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
      expect(q.followUpSeconds, q.id).toBeGreaterThanOrEqual(30);
      expect(q.followUpSeconds, q.id).toBeLessThan(q.answerSeconds);
    }
  });

  it('every question has at least one positive and one negative indicator; each names one of its competencies; ids are unique', () => {
    for (const q of pack().questions) {
      const ids = q.indicators.map((i) => i.id);
      expect(new Set(ids).size, `${q.id}: duplicate indicator id`).toBe(ids.length);
      expect(q.indicators.filter((i) => i.polarity === 'positive').length, `${q.id} has no positive indicator`).toBeGreaterThanOrEqual(1);
      expect(q.indicators.filter((i) => i.polarity === 'negative').length, `${q.id} has no negative indicator (red flag)`).toBeGreaterThanOrEqual(1);
      for (const i of q.indicators) expect(q.competencies, `${q.id}/${i.id}: competency "${i.competency}"`).toContain(i.competency);
      // Every competency a question assesses can be evidenced by a good act in its answer.
      for (const c of q.competencies)
        expect(
          q.indicators.some((i) => i.competency === c && i.polarity === 'positive'),
          `${q.id}/${c} has no positive indicator`,
        ).toBe(true);
    }
  });

  it('has more good acts than red flags to recognise', () => {
    const all = pack().questions.flatMap((q) => q.indicators);
    const neg = all.filter((i) => i.polarity === 'negative').length;
    expect(neg).toBeGreaterThanOrEqual(pack().questions.length);
    expect(all.length - neg).toBeGreaterThan(neg * 2);
  });

  it('indicator labels are plain words a manager reads: no ids, no brackets, each in its own language', () => {
    const p = pack();
    const ids = [p.id, ...p.competencies.map((c) => c.id), ...p.questions.flatMap((q) => [q.id, ...q.indicators.map((i) => i.id)])].filter((id) => id.includes('-'));
    for (const q of p.questions)
      for (const i of q.indicators) {
        const where = `${q.id}/${i.id}`;
        for (const lang of LANGS) {
          const label = i.label[lang];
          expect(label, `${where} (${lang}): no brackets`).not.toMatch(/[(（)）[\]【】]/);
          for (const id of ids) expect(label.toLowerCase(), `${where} (${lang}): contains the id "${id}"`).not.toContain(id);
        }
        expect(i.label['zh-CN'], `${where}: English letters in the Chinese label`).not.toMatch(LATIN);
        expect(HAN.test(i.label['zh-CN']), `${where}: the Chinese label has no Chinese`).toBe(true);
        expect(HAN.test(i.label.en), `${where}: Chinese in the English label`).toBe(false);
      }
  });

  it('each indicator has ≥2 Chinese and ≥2 English paraphrases a transcript can contain (README rules)', () => {
    for (const q of pack().questions)
      for (const i of q.indicators) {
        const where = `${q.id}/${i.id}`;
        const zh = i.paraphrases['zh-CN'];
        const en = i.paraphrases.en;
        expect(zh.length, where).toBeGreaterThanOrEqual(2);
        expect(en.length, where).toBeGreaterThanOrEqual(2);
        expect(new Set(zh).size, `${where}: repeated paraphrase`).toBe(zh.length);
        expect(new Set(en).size, `${where}: repeated paraphrase`).toBe(en.length);
        for (const p of zh) {
          // Speech recognisers write Han characters only (numbers as words, no punctuation).
          expect(p, `${where}: "${p}" must be Han characters only, at most 8`).toMatch(/^\p{Script=Han}{1,8}$/u);
          // 他/她 sound the same (tā): a recogniser picks either, so a paraphrase must not depend on it.
          expect(p.replace(/其他/g, ''), `${where}: "${p}" depends on 他/她`).not.toMatch(/[他她]/);
        }
        for (const p of en) {
          expect(p, `${where}: "${p}": English paraphrases are lower-case words, no digits`).toMatch(/^[a-z][a-z' -]*[a-z]$/);
          expect(p.split(/\s+/).length, `${where}: "${p}" is longer than 6 words`).toBeLessThanOrEqual(6);
        }
      }
  });

  it('every question has a follow-up in both languages that never reveals the rubric (contains no paraphrase)', () => {
    const squash = (t: string) =>
      t
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\s\p{P}\p{S}]/gu, '');
    const words = (t: string) =>
      ` ${t
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^a-z0-9']+/g, ' ')
        .trim()} `;
    const revealed = (q: Question, lang: (typeof LANGS)[number]): string[] => {
      const text = q.followUp[lang];
      return q.indicators.flatMap((i) =>
        [...i.paraphrases['zh-CN'], ...i.paraphrases.en].filter((p) => (HAN.test(p) ? squash(text).includes(squash(p)) : words(text).includes(words(p)))).map((p) => `${i.id}: "${p}"`),
      );
    };
    for (const q of pack().questions) {
      expect(q.followUp['zh-CN'].trim(), q.id).not.toBe('');
      expect(q.followUp.en.trim(), q.id).not.toBe('');
      expect(q.followUp['zh-CN'], q.id).not.toBe(q.text['zh-CN']);
      expect(q.followUp.en, q.id).not.toBe(q.text.en);
      for (const lang of LANGS) expect(revealed(q, lang), `${q.id}.followUp (${lang}) names what is listened for`).toEqual([]);
    }
  });

  it(`has a graded answer bank that passes bankProblems(), with ≥ ${MIN_ANSWERS_PER_QUESTION_LANG} answers and ≥ ${MIN_HELDOUT_SHARE * 100}% held out per question and language`, () => {
    const p = pack();
    const file = path.join(SHIPPED_DIR, 'banks', `${p.id}.bank.json`);
    expect(fs.existsSync(file), `banks/${p.id}.bank.json is missing`).toBe(true);
    const bank = AnswerBank.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(bank.packId).toBe(p.id);
    expect(bankProblems(p, bank)).toEqual([]);
    for (const q of p.questions)
      for (const lang of LANGS) {
        const rows = bank.answers.filter((a) => a.questionId === q.id && a.lang === lang);
        const held = rows.filter((a) => a.split === 'heldout').length;
        expect(rows.length, `${q.id} (${lang})`).toBeGreaterThanOrEqual(20);
        expect(held / rows.length, `${q.id} (${lang}): held-out share ${held}/${rows.length}`).toBeGreaterThanOrEqual(0.25);
        expect(new Set(rows.map((a) => a.level)), `${q.id} (${lang}) covers levels 1–5`).toEqual(new Set([1, 2, 3, 4, 5]));
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

  it('every knock-out has a short manager label, not the sentence addressed to the applicant', () => {
    for (const k of pack().knockouts) {
      expect(k.managerLabel, `${k.id}: managerLabel`).toBeDefined();
      const label = k.managerLabel!;
      expect(label['zh-CN'].length, `${k.id}: ${label['zh-CN']}`).toBeLessThanOrEqual(12);
      expect(label.en.length, `${k.id}: ${label.en}`).toBeLessThanOrEqual(40);
      // Names the unmet requirement for the manager: no address to the applicant, no full stop.
      expect(label['zh-CN'], k.id).not.toMatch(/[你您。]/);
      expect(label.en, k.id).not.toMatch(/\byou\b|\.$/i);
      expect(label['zh-CN']).not.toBe(k.explain['zh-CN']);
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
