import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Locale files: zh-CN and en must define the same keys in every namespace, no value may be
 * empty, placeholders must match, and every literal t('…') key used by the renderer must exist.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCALES = path.join(ROOT, 'renderer/i18n/locales');

function flatten(prefix: string, obj: unknown, into: Map<string, string>) {
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = `${prefix}.${k}`;
    if (v && typeof v === 'object') flatten(key, v, into);
    else into.set(key, String(v));
  }
}
function load(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = path.join(LOCALES, lang);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    flatten(f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), out);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('i18n locale files', () => {
  const zh = load('zh-CN');
  const en = load('en');

  it('found both languages with the applicant and common namespaces', () => {
    const namespaces = (lang: string) => fs.readdirSync(path.join(LOCALES, lang)).sort();
    expect(namespaces('zh-CN')).toEqual(namespaces('en'));
    expect(namespaces('zh-CN')).toEqual(expect.arrayContaining(['applicant.json', 'common.json']));
    expect(zh.size).toBeGreaterThan(150);
  });

  it('zh-CN and en define exactly the same keys in every namespace', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('has no empty strings and the same {placeholders} in both languages', () => {
    const bad: string[] = [];
    for (const [k, v] of zh) {
      if (v.trim() === '' || (en.get(k) ?? '').trim() === '') bad.push(`${k}: empty`);
      else if (placeholders(v).join() !== placeholders(en.get(k)!).join()) bad.push(`${k}: ${placeholders(v)} vs ${placeholders(en.get(k)!)}`);
    }
    expect(bad).toEqual([]);
  });

  it('every literal key the applicant UI and shared components use exists', () => {
    const files = [...sourceFiles(path.join(ROOT, 'renderer/applicant')), ...sourceFiles(path.join(ROOT, 'renderer/components'))];
    const used = new Set<string>();
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/\b(?:t|translate\([^,]+,)\s*\(?'((?:applicant|common)\.[\w.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !zh.has(k)).sort()).toEqual([]);
  });
});
