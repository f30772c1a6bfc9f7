import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINK_FALLBACK } from '../../../headoffice/notify/deliver.js';
import { DEFAULT_TEMPLATES, NOTIFY_KINDS } from '../../../headoffice/notify/templates.js';
import { PHONE_STRINGS } from '../../../headoffice/phone/strings.js';

/**
 * The copy follows docs/glossary.json: no known-inconsistent variant of a glossary term, and no
 * half-width punctuation in Chinese strings, in the locale files, in the applicant-facing
 * text of the job packs (not question text or follow-ups: those feed the scoring models), and in
 * what head office shows or sends the applicant (phone result page, default notification
 * messages and their kiosk fallback for {link}).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
type Lang = 'zh-CN' | 'en';
type Term = { id: string; scope: 'all' | 'applicant'; avoid: Partial<Record<Lang, string[]>> };
const glossary = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/glossary.json'), 'utf8')) as { terms: Term[] };

type Text = { where: string; lang: Lang; isManager: boolean; text: string };

function walk(obj: unknown, where: string, out: (where: string, s: string) => void) {
  if (typeof obj === 'string') out(where, obj);
  else if (Array.isArray(obj)) obj.forEach((v, i) => walk(v, `${where}[${i}]`, out));
  else if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) walk(v, `${where}.${k}`, out);
}

function localeTexts(): Text[] {
  const out: Text[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    const dir = path.join(ROOT, 'renderer/i18n/locales', lang);
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const ns = f.replace(/\.json$/, '');
      walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), `${lang}/${ns}`, (where, text) => out.push({ where, lang, isManager: ns === 'manager', text }));
    }
  }
  return out;
}

type Local = Record<Lang, string>;
type Pack = {
  opening: { description: Local };
  knockouts: { id: string; question?: Local; explain: Local }[];
  skillsTests?: { id: string; title: Local; instructions: Local }[];
  questions: { id: string; hint?: Local }[];
};

function packTexts(): Text[] {
  const out: Text[] = [];
  const dir = path.join(ROOT, 'resources/packs');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Pack;
    const add = (where: string, t: Local | undefined) => {
      for (const lang of ['zh-CN', 'en'] as const) if (t?.[lang]) out.push({ where: `${f} ${where} ${lang}`, lang, isManager: false, text: t[lang] });
    };
    add('opening.description', p.opening.description);
    for (const k of p.knockouts) (add(`knockout ${k.id} question`, k.question), add(`knockout ${k.id} explain`, k.explain));
    for (const s of p.skillsTests ?? []) (add(`skills ${s.id} title`, s.title), add(`skills ${s.id} instructions`, s.instructions));
    for (const q of p.questions) add(`question ${q.id} hint`, q.hint);
  }
  return out;
}

/** Head office's applicant-facing words: the phone page at /r and the notification texts. */
function headOfficeTexts(): Text[] {
  const out: Text[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    walk(PHONE_STRINGS[lang], `headoffice/phone ${lang}`, (where, text) => out.push({ where, lang, isManager: false, text }));
    for (const kind of NOTIFY_KINDS) out.push({ where: `headoffice/notify template ${kind} ${lang}`, lang, isManager: false, text: DEFAULT_TEMPLATES[kind][lang] });
    out.push({ where: `headoffice/notify LINK_FALLBACK ${lang}`, lang, isManager: false, text: LINK_FALLBACK[lang]('{code}') });
  }
  return out;
}

const CJK = /[\u4e00-\u9fff]/;
/** Half-width , ; ? ! ( ) anywhere, and a colon unless it sits between digits (11:00). */
const HALF_WIDTH = /[,;?!()]|(?<!\d):|:(?!\d)/g;

export function termProblems(texts: readonly Text[], terms: readonly Term[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const term of terms) {
      if (term.scope === 'applicant' && t.isManager) continue;
      // One report per term and string (回执码 also contains 回执).
      const bad = (term.avoid[t.lang] ?? []).find((b) => (t.lang === 'en' ? t.text.toLowerCase().includes(b.toLowerCase()) : t.text.includes(b)));
      if (bad) out.push(`${t.where}: "${bad}" (glossary ${term.id}) in "${t.text}"`);
    }
  }
  return out;
}

export function punctuationProblems(texts: readonly Text[]): string[] {
  return texts
    .filter((t) => t.lang === 'zh-CN' && CJK.test(t.text))
    .flatMap((t) => {
      const bare = t.text.replace(/\{\w+\}/g, '');
      const marks = [...bare.matchAll(HALF_WIDTH)].map((m) => m[0]);
      return marks.length ? [`${t.where}: half-width ${marks.join(' ')} in "${t.text}"`] : [];
    });
}

describe('glossary (docs/glossary.json) and Chinese punctuation', () => {
  const texts = [...localeTexts(), ...packTexts(), ...headOfficeTexts()];

  it("reads the locale files, the packs and head office's phone page and messages (positive control)", () => {
    expect(texts.filter((t) => t.where.startsWith('zh-CN/applicant')).length).toBeGreaterThan(100);
    expect(texts.some((t) => t.where.includes('knockout health-certificate explain'))).toBe(true);
    expect(texts.filter((t) => t.where.startsWith('headoffice/phone zh-CN')).length).toBeGreaterThan(25);
    expect(texts.some((t) => t.where === 'headoffice/phone en.code')).toBe(true);
    expect(texts.filter((t) => t.where.startsWith('headoffice/notify ')).length).toBe(2 * (NOTIFY_KINDS.length + 1));
  });

  it('uses one name per thing: no known-inconsistent variant', () => {
    expect(termProblems(texts, glossary.terms)).toEqual([]);
  });

  it('uses full-width punctuation in Chinese strings', () => {
    expect(punctuationProblems(texts)).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    const zh = (text: string, isManager = false): Text => ({ where: 'x', lang: 'zh-CN', isManager, text });
    expect(termProblems([zh('请输入回执码')], glossary.terms)).toHaveLength(1);
    expect(termProblems([zh('请说出您的回答')], glossary.terms)).toHaveLength(1);
    // 您 is the applicant rule only.
    expect(termProblems([zh('由您决定', true)], glossary.terms)).toEqual([]);
    expect(termProblems([{ where: 'x', lang: 'en', isManager: false, text: 'Your Receipt Code' }], glossary.terms)).toHaveLength(1);
    expect(punctuationProblems([zh('第1,2题(SH-JA-01)')])).toHaveLength(1);
    expect(punctuationProblems([zh('请注意:')])).toHaveLength(1);
    expect(punctuationProblems([zh('午高峰（11:00–13:30），约 {n} 分钟')])).toEqual([]);
    expect(punctuationProblems([zh('English only, fine')])).toEqual([]);
  });
});
